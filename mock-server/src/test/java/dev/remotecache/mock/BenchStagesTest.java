package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bench/JfrBreakdown.java splits a profile's samples into stages by the mock's packages and
 * classes: each one it names exists, so that a rename cannot leave a stage silently at 0 samples.
 */
class BenchStagesTest {

  private static final Path JFR_BREAKDOWN = Path.of("../bench/JfrBreakdown.java");
  private static final Pattern MOCK_PREFIX = Pattern.compile("\"(dev\\.remotecache\\.[\\w.]+)\"");

  @Test
  void jfrBreakdownsStagesNameTheMocksClasses() throws IOException {
    List<String> prefixes =
        MOCK_PREFIX
            .matcher(Files.readString(JFR_BREAKDOWN))
            .results()
            .map(m -> m.group(1))
            .toList();
    assertFalse(prefixes.isEmpty(), "no stage of the mock in " + JFR_BREAKDOWN);
    List<String> gone = prefixes.stream().filter(prefix -> !exists(prefix)).toList();
    assertEquals(
        List.of(),
        gone,
        "stages of "
            + JFR_BREAKDOWN
            + " that name no class of the mock: bucket by today's classes");
  }

  /** A package ({@code a.b.}) with a folder on the class path, or a class. */
  private static boolean exists(String prefix) {
    ClassLoader loader = BenchStagesTest.class.getClassLoader();
    if (prefix.endsWith(".")) {
      return loader.getResource(prefix.replace('.', '/')) != null;
    }
    try {
      Class.forName(prefix, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
