package dev.remotecache.mock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command line the mock cannot run: exit 2 and one line naming the option, the value and why
 * (never a stack trace, never exit 1, which says "could not start" or "contract broken").
 */
class UsageErrorsTest {

  @TempDir Path dir;

  record Run(int exitCode, List<String> lines) {}

  @Test
  void anOptionOutsideItsRangeIsExit2NamingOptionAndRange() {
    assertUsageError("--port 99999: must be 0..65535", "--port", "99999");
    assertUsageError("--port -1: must be 0..65535", "--port", "-1");
    assertUsageError("--journal-limit 0: must be at least 1", "--journal-limit", "0");
    assertUsageError("--max-violations 0: must be at least 1", "--max-violations", "0");
    assertUsageError("--idle-timeout -1 s: must be more than 0", "--idle-timeout", "-1");
    assertUsageError("--idle-timeout 0 s: must be more than 0", "--idle-timeout", "0");
    assertUsageError(
        "--idle-timeout 86401 s: must be more than 0 and at most 86400 s",
        "--idle-timeout",
        "86401");
  }

  @Test
  void aTokenNoRequestCouldCarryIsRefusedAtStart() {
    assertUsageError("--token '': is empty", "--token", "");
    assertUsageError("--token 'two words': has characters", "--token", "two words");
  }

  @Test
  void anUnusableStorageNamesThePathAndWhy() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertUsageError(
        "--storage " + file + ": is a file, not a directory", "--storage", file.toString());
    assertUsageError(
        "--storage " + file.resolve("sub") + ": " + file + " is a file, not a directory",
        "--storage",
        file.resolve("sub").toString());
    // /proc takes no new directories, not even from root.
    assertUsageError(
        "--storage /proc/remote-cache: cannot create or use /proc/remote-cache: ",
        "--storage",
        "/proc/remote-cache");
  }

  @Test
  void aCheckUrlWithAPortOutOfRangeIsOneLineAndExit2() {
    for (String url : List.of("http://127.0.0.1:99999", "http://127.0.0.1:0")) {
      Run run = run("check", "--url", url);
      assertEquals(2, run.exitCode(), run.lines().toString());
      assertEquals(1, run.lines().size(), run.lines().toString());
      assertTrue(
          run.lines().get(0).contains("is not one a server listens on (1..65535)"),
          run.lines().toString());
    }
  }

  private static void assertUsageError(String expected, String... args) {
    Run run = run(args);
    assertEquals(2, run.exitCode(), run.lines().toString());
    assertTrue(
        run.lines().get(0).startsWith("remote-cache-mock: " + expected),
        "first line: " + run.lines());
    assertTrue(run.lines().size() <= 2, "a line and a pointer to --help: " + run.lines());
  }

  /**
   * Runs the command in this JVM (every case here ends before a server starts; the timeout only
   * turns a server that started anyway, and would run until stopped, into a failure).
   */
  static Run run(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> MockServerCommand.run(args),
              "the command ran a server instead of refusing " + List.of(args));
    } finally {
      System.setErr(err);
    }
    return new Run(code, captured.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
