package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs a job of a GitLab CI template the way a shell or Docker runner does, for the subset the
 * kit's templates use: {@code extends} (hashes merged deeply, everything else replaced, as GitLab
 * does), {@code variables} as the environment, {@code before_script} and {@code script} in one
 * shell that stops at the first failing line, and {@code after_script} in a shell of its own whose
 * failure does not change the job's result. Services are the test's to start.
 */
final class GitLabJobRun {

  record Result(int exitCode, String log) {}

  private final Map<String, Object> template;

  GitLabJobRun(Path templateYml) throws Exception {
    this.template = new Yaml().load(Files.readString(templateYml));
  }

  /** The job as GitLab sees it after {@code extends}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> job(String name) {
    Map<String, Object> job = (Map<String, Object>) template.get(name);
    assertNotNull(job, "the template has no job " + name);
    Object parents = job.get("extends");
    Map<String, Object> merged = new LinkedHashMap<>();
    if (parents != null) {
      for (Object parent : parents instanceof List<?> list ? list : List.of(parents)) {
        merged = deepMerge(merged, job((String) parent));
      }
    }
    merged = deepMerge(merged, job);
    merged.remove("extends");
    return merged;
  }

  /**
   * Runs {@code name} as extended by a user's job with these variables (and before_script), in
   * {@code projectDir} (CI_PROJECT_DIR).
   */
  @SuppressWarnings("unchecked")
  Result run(
      String name,
      Path projectDir,
      Map<String, String> userVariables,
      List<String> beforeScript,
      Map<String, String> environment)
      throws Exception {
    Map<String, Object> job = job(name);
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("CI_PROJECT_DIR", projectDir.toString());
    ((Map<String, Object>) job.getOrDefault("variables", Map.of()))
        .forEach((key, value) -> env.put(key, String.valueOf(value)));
    env.putAll(userVariables);

    List<String> script = new ArrayList<>(beforeScript);
    script.addAll((List<String>) job.get("script"));
    StringBuilder log = new StringBuilder();
    int exitCode = shell(projectDir, env, script, log);
    List<String> afterScript = (List<String>) job.get("after_script");
    if (afterScript != null) {
      shell(projectDir, env, afterScript, log);
    }
    return new Result(exitCode, log.toString());
  }

  private static int shell(Path dir, Map<String, String> env, List<String> lines, StringBuilder log)
      throws Exception {
    Path out = Files.createTempFile("gitlab-job", ".log");
    ProcessBuilder sh =
        new ProcessBuilder("sh", "-e", "-c", String.join("\n", lines))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    sh.environment().putAll(env);
    Process process = sh.start();
    if (!process.waitFor(600, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the job's script did not finish in 600 s");
    }
    log.append(Files.readString(out, StandardCharsets.UTF_8));
    return process.exitValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    over.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
            merged.put(key, deepMerge((Map<String, Object>) existing, (Map<String, Object>) map));
          } else {
            merged.put(key, value);
          }
        });
    return merged;
  }
}
