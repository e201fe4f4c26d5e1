package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI templates (ci-templates/: the GitHub composite action, the GitLab templates and the
 * scripts behind both) run as a CI system runs them, against the standalone jar of this build: the
 * real turbo as the command under test (exit 0, a JUnit report with turbo's operations), a request
 * that breaks the contract (exit 1, the failing case names the violation), a mock that cannot be
 * reached (exit 2), a command that fails (exit 3, its own exit code reported), and a mock that
 * cannot start.
 */
@Tag("system")
class CiTemplatesTest {

  private static final Path TEMPLATES =
      Path.of(System.getProperty("remotecache.root", "../.."), "ci-templates")
          .toAbsolutePath()
          .normalize();
  private static final Path SCRIPTS = TEMPLATES.resolve("scripts");
  private static final Path ACTION = TEMPLATES.resolve("github/action.yml");
  private static final Path GITLAB = TEMPLATES.resolve("gitlab/remote-cache-check.yml");
  private static final String JAR = MockProcess.JAR.toAbsolutePath().normalize().toString();
  private static final String REPORT = "remote-cache-check.xml";

  /**
   * A request whose body breaks the contract: "local" is not a source, three fields are missing.
   */
  private static final String BAD_EVENTS =
      "curl -sS -o /dev/null -X POST \"$REMOTE_CACHE_URL/v8/artifacts/events?slug=$REMOTE_CACHE_TEAM\""
          + " -H \"Authorization: Bearer $REMOTE_CACHE_TOKEN\" -H 'Content-Type: application/json'"
          + " -d '[{\"source\": \"local\"}]'";

  private static Map<String, String> environment;

  @BeforeAll
  static void installTurbo() throws Exception {
    Path turbo = InteropPackages.install().resolve("node_modules/.bin");
    environment = new HashMap<>(RealClientsInteropTest.QUIET_TURBO);
    // turbo as a user has it: on the PATH. The scripts run the jar with the JVM running this test.
    environment.put("PATH", turbo + ":" + System.getenv("PATH"));
    environment.put("REMOTE_CACHE_JAVA", MockProcess.JAVA);
  }

  @Test
  void theGitHubActionRunsTurboThenTheCheckHolds(@TempDir Path repo) throws Exception {
    RealClientsInteropTest.createTinyMonorepo(repo);

    Map<String, String> inputs = new HashMap<>();
    inputs.put("jar", JAR);
    inputs.put("token", "secret");
    inputs.put("team", "team_x");
    // A miss that uploads, then, without the local cache, a remote hit.
    inputs.put("command", "turbo run build\nrm -rf .turbo/cache\nturbo run build");
    // The remote hit as the download's 200 (turbo's events come batched, at the end of its run).
    inputs.put(
        "check-args", "--require-operation uploadArtifact --require-response downloadArtifact:200");
    CompositeActionRun.Result run = new CompositeActionRun(ACTION).run(repo, inputs, environment);

    assertEquals(0, run.exitCode(), run.log());
    assertEquals("holds", run.outputs().get("verdict"), run.log());
    assertEquals("0", run.outputs().get("command-exit-code"));
    assertTrue(
        run.outputs().get("url").matches("http://127\\.0\\.0\\.1:\\d+"), run.outputs().toString());
    Path junit = Path.of(run.outputs().get("junit"));
    assertEquals(repo.resolve("remote-cache-reports").resolve(REPORT), junit);
    Document report = junit(junit);
    assertEquals(List.of(), failureTexts(report), Files.readString(junit));
    // One passing case per operation turbo used (turbo 2.11 sends no HEAD, query or delete).
    List<String> operations = new ArrayList<>();
    for (String testCase : testCaseText(report)) {
      if (testCase.startsWith("remote-cache-check.operations ")) {
        operations.add(testCase.split(" ")[1]);
      }
    }
    operations.sort(null);
    assertEquals(
        List.of("downloadArtifact", "recordEvents", "status", "uploadArtifact"),
        operations,
        Files.readString(junit));
    assertTrue(
        run.stepSummary().contains("uploadArtifact"), "the Markdown report in the step summary");
    String mockLog = Files.readString(repo.resolve("remote-cache-reports/mock.log"));
    assertTrue(
        mockLog.contains("PUT /v8/artifacts/"), "turbo uploaded through TURBO_API:\n" + mockLog);
    assertTrue(run.log().contains("stopped the mock"), run.log());
  }

  @Test
  void aGitLabJobWhoseRequestBreaksTheContractFailsWithExit1(@TempDir Path project)
      throws Exception {
    GitLabJobRun gitlab = new GitLabJobRun(GITLAB);
    // The scripts and the jar are downloaded, as from a release (here from file:// URLs).
    GitLabJobRun.Result job =
        gitlab.run(
            ".remote-cache-check",
            project,
            Map.of(
                "REMOTE_CACHE_CI_SCRIPTS_URL", SCRIPTS.toUri().toString().replaceAll("/$", ""),
                "REMOTE_CACHE_MOCK_JAR_URL", Path.of(JAR).toUri().toString(),
                "REMOTE_CACHE_COMMAND", BAD_EVENTS),
            List.of(),
            environment);

    assertEquals(1, job.exitCode(), job.log());
    assertTrue(Files.isRegularFile(project.resolve(".remote-cache-ci/start-mock.sh")), job.log());
    assertEquals(
        Files.size(Path.of(JAR)),
        Files.size(project.resolve(".remote-cache-mock/remote-cache-mock.jar")));
    @SuppressWarnings("unchecked")
    Map<String, Object> artifacts =
        (Map<String, Object>) gitlab.job(".remote-cache-check").get("artifacts");
    @SuppressWarnings("unchecked")
    String junitPath = (String) ((Map<String, Object>) artifacts.get("reports")).get("junit");
    Document report = junit(project.resolve(junitPath));
    List<String> failures = failureTexts(report);
    assertTrue(
        failures.stream().anyMatch(f -> f.contains("/0/source") && f.contains("enum")),
        "a failing case names the violation: " + failures);
    assertTrue(job.log().contains("stopped the mock"), "after_script stops it:\n" + job.log());
  }

  @Test
  void aCheckThatCannotRunOrReachTheMockIsExit2(@TempDir Path dir) throws Exception {
    Map<String, String> env = new HashMap<>(environment);
    env.put("REMOTE_CACHE_MOCK_JAR", JAR);
    Commands.Output started = script(dir, env, "start-mock.sh");
    assertEquals(0, started.exitCode(), started.stderr());
    String url = started.stdout().trim();
    // A check that cannot even start (a JVM exits 1 then, too) is no verdict.
    Map<String, String> noJava = new HashMap<>(env);
    noJava.put("REMOTE_CACHE_JAVA", "false");
    noJava.put("REMOTE_CACHE_COMMAND", "true");
    Commands.Output noCheck = script(dir, noJava, "run-and-check.sh");
    assertEquals(2, noCheck.exitCode(), noCheck.stderr());
    assertTrue(noCheck.stderr().contains("wrote no report"), noCheck.stderr());

    long pid = Long.parseLong(Files.readString(dir.resolve(".remote-cache-mock/pid")).trim());
    ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // the launcher; its server halts too
    awaitClosed(URI.create(url));

    env.put("REMOTE_CACHE_COMMAND", "true");
    Commands.Output checked = script(dir, env, "run-and-check.sh");
    assertEquals(2, checked.exitCode(), checked.stdout() + checked.stderr());
    assertTrue(
        Files.readString(dir.resolve(".remote-cache-mock/outputs")).contains("verdict=error"));
    Commands.Output stopped = script(dir, env, "stop-mock.sh");
    assertEquals(0, stopped.exitCode());
    assertTrue(stopped.stderr().contains("already exited"), stopped.stderr());
  }

  @Test
  void aFailingCommandFailsTheStepWithExit3AndItsOwnExitCode(@TempDir Path repo) throws Exception {
    CompositeActionRun.Result run =
        new CompositeActionRun(ACTION)
            .run(repo, Map.of("jar", JAR, "command", "echo testing\nexit 7"), environment);

    assertEquals(3, run.exitCode(), run.log());
    assertEquals("command-failed", run.outputs().get("verdict"));
    assertEquals("7", run.outputs().get("command-exit-code"));
    assertTrue(run.log().contains("the command failed with exit code 7"), run.log());
    assertTrue(Files.isRegularFile(Path.of(run.outputs().get("junit"))), "the check ran anyway");
  }

  @Test
  void aMockThatCannotStartIsExit2WithTheReason(@TempDir Path dir) throws Exception {
    Commands.Output nothing = script(dir, environment, "start-mock.sh");
    assertEquals(2, nothing.exitCode());
    assertTrue(nothing.stderr().contains("REMOTE_CACHE_MOCK_JAR"), nothing.stderr());

    Map<String, String> env = new HashMap<>(environment);
    env.put("REMOTE_CACHE_MOCK_JAR", dir.resolve("missing.jar").toString());
    Commands.Output missing = script(dir, env, "start-mock.sh");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.stderr().contains("no such file"), missing.stderr());

    try (MockProcess other = MockProcess.started("--port", "0")) {
      env.put("REMOTE_CACHE_MOCK_JAR", JAR);
      env.put("REMOTE_CACHE_PORT", String.valueOf(URI.create(other.baseUrl()).getPort()));
      Commands.Output taken = script(dir, env, "start-mock.sh");
      assertEquals(2, taken.exitCode(), taken.stdout());
      assertTrue(
          taken.stderr().contains("exited before it was ready")
              && taken.stderr().contains("Address already in use"),
          "the mock's own reason is shown: " + taken.stderr());
    }
    assertTrue(
        !Files.exists(dir.resolve(".remote-cache-mock/pid")),
        "a failed start leaves nothing running");
  }

  @Test
  void theGitLabServiceVariantChecksAMockStartedElsewhere(@TempDir Path project) throws Exception {
    GitLabJobRun gitlab = new GitLabJobRun(GITLAB);
    Map<String, Object> job = gitlab.job(".remote-cache-check-service");
    @SuppressWarnings("unchecked")
    Map<String, Object> service = ((List<Map<String, Object>>) job.get("services")).get(0);
    @SuppressWarnings("unchecked")
    List<String> command = (List<String>) service.get("command");
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = (Map<String, Object>) job.get("variables");
    // GitLab does not expand variables in a service's command: the template repeats the tokens.
    assertEquals(variables.get("REMOTE_CACHE_TOKEN"), command.get(command.indexOf("--token") + 1));
    assertEquals(
        variables.get("REMOTE_CACHE_ADMIN_TOKEN"),
        command.get(command.indexOf("--admin-token") + 1));
    assertEquals("http://" + service.get("alias") + ":7878", variables.get("REMOTE_CACHE_URL"));

    // The service: the image's command line, run from the jar (on loopback, a free port, standing
    // in
    // for the service's alias).
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--port", "0"));
    try (MockProcess mock = MockProcess.started(args.toArray(String[]::new))) {
      GitLabJobRun.Result run =
          gitlab.run(
              ".remote-cache-check-service",
              project,
              Map.of(
                  "REMOTE_CACHE_CI_SCRIPTS",
                  SCRIPTS.toString(), // vendored: no download
                  "REMOTE_CACHE_URL",
                  mock.baseUrl(),
                  "REMOTE_CACHE_MOCK_JAR",
                  JAR,
                  "REMOTE_CACHE_CHECK_ARGS",
                  "--require-operation status",
                  "REMOTE_CACHE_COMMAND",
                  "curl -fsS -H \"Authorization: Bearer $REMOTE_CACHE_TOKEN\""
                      + " \"$REMOTE_CACHE_URL/v8/artifacts/status\""),
              List.of(),
              environment);
      assertEquals(0, run.exitCode(), run.log());
      Document report = junit(project.resolve("remote-cache-reports").resolve(REPORT));
      assertEquals(List.of(), failureTexts(report));
    }
  }

  /**
   * The action's and the templates' variables are the ones the scripts read: a misspelt name would
   * silently be ignored.
   */
  @Test
  void everyVariableTheTemplatesSetIsOneTheScriptsRead() throws Exception {
    String templates = Files.readString(ACTION) + Files.readString(GITLAB);
    Set<String> set = names("(REMOTE_CACHE_[A-Z_]+):", templates);
    assertTrue(set.size() > 15, set.toString());
    set.removeAll(variablesTheScriptsRead());
    assertEquals(Set.of(), set, "set by action.yml or the GitLab template, read by nothing");
    new CompositeActionRun(ACTION)
        .inputs()
        .forEach(
            (name, spec) ->
                assertTrue(
                    spec.get("description") != null, "input " + name + " has no description"));
  }

  /** The examples in docs/ci-templates.md use inputs, jobs and variables that exist. */
  @Test
  @SuppressWarnings("unchecked")
  void theDocsExamplesUseTheTemplatesAsTheyAre() throws Exception {
    Set<String> inputs = new CompositeActionRun(ACTION).inputs().keySet();
    Map<String, Object> gitlab = new Yaml().load(Files.readString(GITLAB));
    Set<String> read = variablesTheScriptsRead();
    String docs = Files.readString(TEMPLATES.resolveSibling("docs/ci-templates.md"));
    Matcher blocks = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(docs);
    int actions = 0;
    int jobs = 0;
    while (blocks.find()) {
      List<Map<String, Object>> maps = new ArrayList<>();
      collectMaps(new Yaml().load(blocks.group(1)), maps);
      for (Map<String, Object> map : maps) {
        if (String.valueOf(map.get("uses")).contains("/ci-templates/github@")) {
          Map<String, Object> with = (Map<String, Object>) map.get("with");
          assertTrue(inputs.containsAll(with.keySet()), "unknown input in " + with.keySet());
          assertTrue(with.containsKey("command"), "the required input command: " + with);
          actions++;
        }
        if (String.valueOf(map.get("extends")).startsWith(".remote-cache-check")) {
          assertTrue(gitlab.containsKey(map.get("extends")), "no such template job: " + map);
          Map<String, Object> variables = (Map<String, Object>) map.get("variables");
          assertTrue(
              read.containsAll(variables.keySet()), "a variable nothing reads: " + variables);
          jobs++;
        }
        if (map.get("remote") instanceof String remote && remote.contains("/main/")) {
          Path file = TEMPLATES.getParent().resolve(remote.substring(remote.indexOf("/main/") + 6));
          assertTrue(
              Files.isRegularFile(file), "the included file is not in the repository: " + file);
        }
      }
    }
    assertTrue(actions >= 1 && jobs >= 2, actions + " action steps, " + jobs + " GitLab jobs");
    String scriptsUrl =
        (String)
            ((Map<String, Object>)
                    new GitLabJobRun(GITLAB).job(".remote-cache-check").get("variables"))
                .get("REMOTE_CACHE_CI_SCRIPTS_URL");
    assertEquals(
        SCRIPTS,
        TEMPLATES.getParent().resolve(scriptsUrl.substring(scriptsUrl.indexOf("/main/") + 6)));
  }

  private static void collectMaps(Object node, List<Map<String, Object>> maps) {
    if (node instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      maps.add(typed);
      map.values().forEach(value -> collectMaps(value, maps));
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectMaps(item, maps));
    }
  }

  /** The REMOTE_CACHE_ variables read ($NAME or ${NAME) by the scripts or the templates. */
  private static Set<String> variablesTheScriptsRead() throws IOException {
    StringBuilder readers = new StringBuilder(Files.readString(ACTION) + Files.readString(GITLAB));
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      for (Path file : files.toList()) {
        readers.append(Files.readString(file));
      }
    }
    return names("\\$\\{?(REMOTE_CACHE_[A-Z_]+)", readers.toString());
  }

  private static Set<String> names(String regex, String text) {
    Set<String> names = new HashSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Commands.Output script(Path dir, Map<String, String> env, String name)
      throws Exception {
    return Commands.run(dir, env, 120, List.of("sh", SCRIPTS.resolve(name).toString()));
  }

  private static void awaitClosed(URI url) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 200);
      } catch (IOException refused) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the mock at " + url + " still answers after it was killed");
  }

  private static Document junit(Path file) throws Exception {
    assertTrue(Files.isRegularFile(file), "no JUnit report at " + file);
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** Each test case's classname and name. */
  private static Set<String> testCaseText(Document report) {
    Set<String> cases = new HashSet<>();
    NodeList nodes = report.getElementsByTagName("testcase");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element testCase = (Element) nodes.item(i);
      cases.add(testCase.getAttribute("classname") + " " + testCase.getAttribute("name"));
    }
    return cases;
  }

  /** Each failure's message and text, with its test case. */
  private static List<String> failureTexts(Document report) {
    List<String> failures = new ArrayList<>();
    NodeList nodes = report.getElementsByTagName("failure");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element failure = (Element) nodes.item(i);
      Element testCase = (Element) failure.getParentNode();
      failures.add(
          testCase.getAttribute("name")
              + ": "
              + failure.getAttribute("message")
              + "\n"
              + failure.getTextContent());
    }
    return failures;
  }
}
