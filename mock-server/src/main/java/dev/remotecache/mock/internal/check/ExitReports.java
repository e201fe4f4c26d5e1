package dev.remotecache.mock.internal.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code --report-on-exit}: the check's reports written by the mock itself when it stops, from its
 * own journal (the same {@link ContractVerdict} the {@code check} command gives).
 */
public final class ExitReports {

  private static final System.Logger LOG = System.getLogger(ExitReports.class.getName());

  private ExitReports() {}

  /**
   * Writes the reports; a failure to write is logged, not thrown (the mock is stopping).
   *
   * @param log where the summary goes, or {@code null} for nowhere
   */
  public static void write(CheckInput input, String target, Path directory, Consumer<String> log) {
    ContractVerdict verdict = ContractVerdict.of(input, Requirements.none(), target);
    try {
      CheckReports.write(verdict, directory);
      if (log != null) {
        log.accept(verdict.summary() + "  reports: " + directory.toAbsolutePath());
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "cannot write the reports into " + directory.toAbsolutePath() + ": " + e,
          e);
    }
  }
}
