package dev.remotecache.mock.cli;

import java.util.List;

/** {@link UsageErrorsTest}'s way of running the command line, for tests of other packages. */
public final class UsageErrorsTestAccess {

  private UsageErrorsTestAccess() {}

  /** The exit code and what the command said on stderr. */
  public record Run(int exitCode, List<String> lines) {}

  public static Run run(String... args) {
    UsageErrorsTest.Run run = UsageErrorsTest.run(args);
    return new Run(run.exitCode(), run.lines());
  }
}
