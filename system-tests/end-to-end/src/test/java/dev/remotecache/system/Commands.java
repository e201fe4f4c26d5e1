package dev.remotecache.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end with a time limit, and fails the test with its output when it fails.
 */
final class Commands {

  private Commands() {}

  record Output(int exitCode, String stdout, String stderr) {}

  static Output run(Path dir, Map<String, String> env, long timeoutSeconds, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    Path out = java.nio.file.Files.createTempFile("cmd-out", ".txt");
    Path err = java.nio.file.Files.createTempFile("cmd-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
    }
    return new Output(
        process.exitValue(),
        java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
        java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
  }

  static Output succeed(Path dir, Map<String, String> env, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Output output = run(dir, env, timeoutSeconds, List.of(command));
    if (output.exitCode() != 0) {
      throw new AssertionError(
          String.join(" ", command)
              + " exited "
              + output.exitCode()
              + "\nstdout:\n"
              + output.stdout()
              + "\nstderr:\n"
              + output.stderr());
    }
    return output;
  }
}
