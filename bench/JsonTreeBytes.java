import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The heap the tree the validator reads takes per byte of a JSON body, for each file given: the
 * used heap after collections, before and after parsing it. Run by json-bodies.sh on the mock jar's
 * class path (the same Jackson and mapper as CachedBody).
 */
public class JsonTreeBytes {
  public static void main(String[] files) throws Exception {
    for (String file : files) {
      byte[] body = Files.readAllBytes(Path.of(file));
      long before = usedAfterCollections();
      JsonNode tree = Json.mapper().readTree(body);
      long after = usedAfterCollections();
      System.out.printf(
          "| %s | %d | %.1f |%n", Path.of(file).getFileName(), body.length, (after - before) / (double) body.length);
      if (tree.isMissingNode()) {
        System.out.println("(empty)");
      }
    }
  }

  private static long usedAfterCollections() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
