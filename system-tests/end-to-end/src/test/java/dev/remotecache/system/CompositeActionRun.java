package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs a GitHub Actions composite action (its action.yml) the way the runner does, for the subset
 * the kit's action uses: inputs with defaults, {@code ${{ inputs.X }}}, {@code ${{ runner.temp }}}
 * and {@code ${{ steps.ID.outputs.X }}}, {@code if: always()}, bash steps with {@code env} and
 * {@code working-directory}, {@code GITHUB_OUTPUT} and {@code GITHUB_STEP_SUMMARY}. Anything else
 * in the file fails the test, so the action cannot grow a feature this runner does not check.
 */
final class CompositeActionRun {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.+?)\\s*}}");

  record Result(int exitCode, Map<String, String> outputs, String log, String stepSummary) {}

  private final Path actionDir;
  private final Map<String, Object> action;

  @SuppressWarnings("unchecked")
  CompositeActionRun(Path actionYml) throws Exception {
    this.actionDir = actionYml.getParent().toAbsolutePath();
    this.action = new Yaml().load(Files.readString(actionYml));
    Map<String, Object> runs = (Map<String, Object>) action.get("runs");
    assertEquals("composite", runs.get("using"), "a composite action");
  }

  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> inputs() {
    return (Map<String, Map<String, Object>>) action.get("inputs");
  }

  /** Runs the action in {@code workspace} with these inputs and this extra environment. */
  @SuppressWarnings("unchecked")
  Result run(Path workspace, Map<String, String> given, Map<String, String> environment)
      throws Exception {
    Map<String, String> inputs = new HashMap<>();
    inputs()
        .forEach(
            (name, spec) -> inputs.put(name, String.valueOf(spec.getOrDefault("default", ""))));
    for (var input : given.entrySet()) {
      assertTrue(inputs.containsKey(input.getKey()), "action.yml has no input " + input.getKey());
      inputs.put(input.getKey(), input.getValue());
    }
    inputs()
        .forEach(
            (name, spec) ->
                assertTrue(
                    !Boolean.TRUE.equals(spec.get("required")) || !inputs.get(name).isEmpty(),
                    "required input missing: " + name));

    Path runnerTemp = Files.createTempDirectory("runner-temp");
    Path summary = runnerTemp.resolve("step-summary.md");
    Files.createFile(summary);
    Map<String, Map<String, String>> stepOutputs = new HashMap<>();
    StringBuilder log = new StringBuilder();
    int exitCode = 0;
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
    for (Map<String, Object> step : steps) {
      Object condition = step.get("if");
      assertTrue(condition == null || "always()".equals(condition), "unsupported if: " + condition);
      if (exitCode != 0 && condition == null) {
        continue;
      }
      assertEquals("bash", step.get("shell"), "every step runs in bash: " + step);
      assertTrue(step.get("uses") == null, "no step uses another action (no network): " + step);
      Expressions expressions = new Expressions(inputs, runnerTemp, stepOutputs);
      Path stepOutput = Files.createTempFile(runnerTemp, "output", ".txt");
      Path script = Files.createTempFile(runnerTemp, "step", ".sh");
      Files.writeString(script, expressions.resolve((String) step.get("run")));
      Path dir =
          workspace.resolve(
              expressions.resolve(String.valueOf(step.getOrDefault("working-directory", "."))));

      ProcessBuilder bash =
          new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
              .directory(dir.toFile())
              .redirectErrorStream(true);
      bash.environment().putAll(environment);
      bash.environment().put("GITHUB_ACTION_PATH", actionDir.toString());
      bash.environment().put("GITHUB_OUTPUT", stepOutput.toString());
      bash.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
      bash.environment().put("RUNNER_TEMP", runnerTemp.toString());
      Map<String, String> env = (Map<String, String>) step.getOrDefault("env", Map.of());
      env.forEach((name, value) -> bash.environment().put(name, expressions.resolve(value)));
      Path stepLog = Files.createTempFile(runnerTemp, "log", ".txt");
      Process process = bash.redirectOutput(stepLog.toFile()).start();
      if (!process.waitFor(600, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("step " + step.get("id") + " did not finish in 600 s");
      }
      log.append("## step ").append(step.get("id")).append(" exited ").append(process.exitValue());
      log.append('\n').append(Files.readString(stepLog, StandardCharsets.UTF_8));
      if (process.exitValue() != 0 && exitCode == 0) {
        exitCode = process.exitValue();
      }
      Map<String, String> outputs = new LinkedHashMap<>();
      for (String line : Files.readAllLines(stepOutput)) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          outputs.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      stepOutputs.put(String.valueOf(step.get("id")), outputs);
    }

    Map<String, String> outputs = new LinkedHashMap<>();
    Map<String, Map<String, Object>> declared =
        (Map<String, Map<String, Object>>) action.get("outputs");
    Expressions expressions = new Expressions(inputs, runnerTemp, stepOutputs);
    declared.forEach(
        (name, spec) -> outputs.put(name, expressions.resolve((String) spec.get("value"))));
    return new Result(exitCode, outputs, log.toString(), Files.readString(summary));
  }

  /** The expressions the action may use; any other fails the test. */
  private record Expressions(
      Map<String, String> inputs, Path runnerTemp, Map<String, Map<String, String>> steps) {

    String resolve(String text) {
      Matcher m = EXPRESSION.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
      }
      return m.appendTail(out).toString();
    }

    private String value(String expression) {
      String[] parts = expression.split("\\.");
      if (parts.length == 2 && parts[0].equals("inputs")) {
        assertTrue(
            inputs.containsKey(parts[1]), "action.yml uses an undeclared input: " + expression);
        return inputs.get(parts[1]);
      }
      if (expression.equals("runner.temp")) {
        return runnerTemp.toString();
      }
      if (parts.length == 4 && parts[0].equals("steps") && parts[2].equals("outputs")) {
        return steps.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
      }
      throw new AssertionError(
          "action.yml uses an expression this runner does not know: " + expression);
    }
  }
}
