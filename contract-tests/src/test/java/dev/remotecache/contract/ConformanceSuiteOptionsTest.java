package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The two modes are often run one after the other in one folder: neither overwrites the other. */
class ConformanceSuiteOptionsTest {

  private static ConformanceSuite parsed(String... args) {
    ConformanceSuite suite = new ConformanceSuite();
    new CommandLine(suite).parseArgs(args);
    return suite;
  }

  @Test
  void eachModeWritesItsOwnReportUnlessTheUserNamesOne() {
    assertEquals(
        Path.of("conformance-report.md"),
        parsed("--base-url", "http://x", "--token", "t").reportFile());
    assertEquals(
        Path.of("conformance-generative-report.md"),
        parsed("--base-url", "http://x", "--token", "t", "--generate", "5").reportFile());
    assertEquals(
        Path.of("mine.md"),
        parsed("--base-url", "http://x", "--token", "t", "--generate", "5", "--report", "mine.md")
            .reportFile());
  }
}
