package dev.remotecache.mock.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module README's example is MyToolTest, which CI runs, and its dependency names this module.
 */
class ReadmeExampleTest {

  private static final Path README = Path.of("README.md");

  @Test
  void theExampleIsMyToolTest() throws Exception {
    assertEquals(
        Files.readString(Path.of("src/test/java/MyToolTest.java")).strip(),
        block("testcontainers-example"),
        "README.md's example differs from src/test/java/MyToolTest.java");
  }

  @Test
  void theDependencyIsThisModuleAtThisVersion() throws Exception {
    String dependencies = block("testcontainers-dependencies");
    assertTrue(
        dependencies.contains(
            "<artifactId>remote-cache-mock-testcontainers</artifactId>\n  <version>"
                + KitImage.version()
                + "</version>"),
        dependencies);
  }

  /** The fenced block after the line {@code <!-- ci: NAME -->}. */
  private static String block(String name) throws Exception {
    List<String> lines = Files.readAllLines(README);
    int marker = lines.indexOf("<!-- ci: " + name + " -->");
    assertTrue(marker >= 0, "README.md has no <!-- ci: " + name + " --> block");
    int end = lines.subList(marker + 2, lines.size()).indexOf("```") + marker + 2;
    return String.join("\n", lines.subList(marker + 2, end)).strip();
  }
}
