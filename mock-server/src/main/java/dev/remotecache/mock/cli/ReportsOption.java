package dev.remotecache.mock.cli;

import dev.remotecache.mock.internal.check.CheckReports;
import dev.remotecache.mock.internal.check.ContractVerdict;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --reports DIR} of {@code check} and {@code replay}: where a verdict's reports go. */
final class ReportsOption {

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description =
          "Write remote-cache-check.xml (JUnit XML), remote-cache-check.json and"
              + " remote-cache-check.md here (created if needed).")
  Path directory;

  /**
   * Writes the verdict's reports, when asked for; returns the verdict's exit code, or 2 when they
   * cannot be written ({@code command} names the command in that message).
   */
  int write(ContractVerdict verdict, String command) {
    if (directory != null) {
      try {
        CheckReports.write(verdict, directory);
      } catch (IOException e) {
        System.err.println(command + ": cannot write the reports: " + e.getMessage());
        return ContractVerdict.EXIT_USAGE_OR_CONNECTION;
      }
    }
    return verdict.exitCode();
  }
}
