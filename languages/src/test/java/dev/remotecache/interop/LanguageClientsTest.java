package dev.remotecache.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.interop.LanguageTable.Language;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;

/**
 * Every language of {@code languages.json} that the Maven build does not compile itself: its client
 * generated with the table's options, built with its toolchain, and run through every scenario of
 * {@code scenarios.json} and an artifact round trip by its driver (src/test/languages/LANGUAGE),
 * against the mock. A language with a row in {@code adminClients} also gets its client of the admin
 * API generated from the admin spec, and runs its tool test
 * (src/test/languages/LANGUAGE/tool-test.sh): the standalone mock jar started as a user's test
 * starts it, a scenario through the API client, and assertions through the admin client. A language
 * whose toolchain is missing is skipped, with the reason, unless {@code
 * -Dremotecache.requireToolchains=true} (as in CI), where it fails.
 */
@Tag("system")
class LanguageClientsTest {

  @RegisterExtension
  static RemoteCacheMockExtension mock =
      new RemoteCacheMockExtension(b -> b.token("interop-token"));

  private static final ObjectMapper JSON = ClientScenarioContract.JSON;
  private static final boolean TOOLCHAINS_REQUIRED =
      Boolean.getBoolean("remotecache.requireToolchains");
  private static final Path CLIENTS =
      Path.of(System.getProperty("interop.clientsDir", "target/clients"));
  private static final Path DRIVERS =
      Path.of(System.getProperty("interop.drivers", "src/test/languages"));
  private static final Path GENERATOR =
      Path.of(System.getProperty("interop.generatorCli", "target/tools/openapi-generator-cli.jar"));
  private static final String SPEC =
      System.getProperty("remotecache.spec", "../openapi/remote-cache-api.yaml");
  private static final String ADMIN_SPEC =
      System.getProperty("interop.adminSpec", "../openapi/remote-cache-admin.yaml");
  private static final Path MOCK_JAR =
      Path.of(
          System.getProperty("remotecache.mockJar", "../mock-server/target/remote-cache-mock.jar"));

  /**
   * The kit's version as every ecosystem accepts it: PEP 440, Composer and gems have no
   * "-SNAPSHOT".
   */
  private static final String KIT_VERSION =
      System.getProperty("interop.kitVersion", "0.0.0").replace("-SNAPSHOT", "");

  /**
   * Options the CLI takes as flags of its own rather than as additional properties (the Go module
   * path).
   */
  private static final Map<String, String> GIT_OPTIONS =
      Map.of("gitHost", "--git-host", "gitUserId", "--git-user-id", "gitRepoId", "--git-repo-id");

  private static final List<DriverProcess> DRIVERS_STARTED = new ArrayList<>();

  @TestFactory
  Stream<DynamicContainer> everyLanguageRunsTheScenariosAgainstTheMock() {
    String only = System.getProperty("interop.language", "");
    return LanguageTable.languages().stream()
        .filter(l -> !l.builtByMaven())
        .filter(l -> only.isBlank() || List.of(only.split(",")).contains(l.language()))
        .map(LanguageClientsTest::language);
  }

  private static DynamicContainer language(Language language) {
    LanguageRun run = new LanguageRun(language);
    Stream<DynamicTest> toolTest =
        LanguageTable.adminClients().stream()
            .filter(admin -> admin.language().equals(language.language()))
            .map(
                admin ->
                    dynamicTest(
                        "tool test: the mock jar, the API client, asserted through the admin client",
                        () -> run.toolTest(admin)));
    return dynamicContainer(
        language.language(),
        Stream.of(
                Stream.of(dynamicTest("generate and build the client", run::build)),
                ScenarioCatalog.scenarios().stream()
                    .map(s -> dynamicTest(s.name(), () -> run.scenario(s))),
                Stream.of(
                    dynamicTest(
                        "artifact round trip: upload, exists, download byte-identical",
                        run::roundTrip)),
                toolTest)
            .flatMap(s -> s));
  }

  @AfterAll
  static void stopDrivers() throws Exception {
    for (DriverProcess driver : DRIVERS_STARTED) {
      driver.close();
    }
  }

  /** One language's client: built once, then asked scenario after scenario. */
  private static final class LanguageRun {

    private final Language language;
    private DriverProcess driver;
    private String notBuilt = "its client was not built";

    LanguageRun(Language language) {
      this.language = language;
    }

    void build() throws Exception {
      List<String> missing = language.toolchain().stream().filter(t -> !onPath(t)).toList();
      if (!missing.isEmpty()) {
        notBuilt =
            language.language()
                + ": toolchain missing ("
                + String.join(", ", missing)
                + "; Debian packages "
                + String.join(" ", language.debian())
                + ")";
        if (TOOLCHAINS_REQUIRED) {
          throw new AssertionError(notBuilt + ", and -Dremotecache.requireToolchains=true");
        }
        throw new TestAbortedException(notBuilt);
      }
      Path client = CLIENTS.resolve(language.language()).toAbsolutePath();
      Path drivers = DRIVERS.resolve(language.language()).toAbsolutePath();
      long start = System.nanoTime();
      generate(language, SPEC, client);
      long generated = System.nanoTime();
      Map<String, String> environment =
          Map.of(
              "DRIVER_DIR", drivers.toString(), "CLIENTS_DIR", CLIENTS.toAbsolutePath().toString());
      if (Files.exists(drivers.resolve("build.sh"))) {
        run(
            List.of("bash", drivers.resolve("build.sh").toString()),
            client,
            environment,
            client.resolveSibling(language.language() + "-build.log"),
            20);
      }
      long built = System.nanoTime();
      System.out.printf(
          "[languages] %s: generated in %.1f s, built in %.1f s%n",
          language.language(), (generated - start) / 1e9, (built - generated) / 1e9);
      driver =
          new DriverProcess(
              List.of("bash", drivers.resolve("run.sh").toString(), mock.baseUrl()),
              client,
              environment);
      DRIVERS_STARTED.add(driver);
      notBuilt = null;
    }

    void scenario(Scenario scenario) throws Exception {
      requireBuilt();
      mock.reset();
      ObjectNode command = JSON.createObjectNode();
      ObjectNode sent = command.putObject("scenario");
      sent.put("name", scenario.name());
      sent.put("token", scenario.token().orElse(null));
      sent.set("request", scenario.request());
      ClientOutcome outcome = DriverProcess.outcome(driver.ask(command));
      ClientScenarioContract.verify(mock, language.language(), scenario, outcome);
    }

    void roundTrip() throws Exception {
      requireBuilt();
      Assumptions.assumeTrue(
          language.noArtifactRoundTrip() == null,
          () ->
              language.language() + ": no artifact round trip: " + language.noArtifactRoundTrip());
      mock.reset();
      ArtifactRoundTrip trip =
          new ArtifactRoundTrip(CLIENTS.resolve(language.language() + "-artifacts"));
      trip.verify(mock, driver.ask(trip.command()));
    }

    /**
     * Generates the admin client next to the API client, builds it ({@code admin-build.sh}, if
     * present), and runs {@code tool-test.sh}, which starts the mock jar itself.
     */
    void toolTest(Language admin) throws Exception {
      requireBuilt();
      assertTrue(
          Files.isRegularFile(MOCK_JAR),
          () ->
              "build the mock jar first (mock-server's package phase): "
                  + MOCK_JAR.toAbsolutePath());
      String name = language.language();
      Path drivers = DRIVERS.resolve(name).toAbsolutePath();
      Path adminClient = CLIENTS.resolve(name + "-admin").toAbsolutePath();
      Path toolTest = CLIENTS.resolve(name + "-tool-test").toAbsolutePath();
      Map<String, String> environment =
          Map.of(
              "DRIVER_DIR", drivers.toString(),
              "CLIENTS_DIR", CLIENTS.toAbsolutePath().toString(),
              "API_CLIENT_DIR", CLIENTS.resolve(name).toAbsolutePath().toString(),
              "ADMIN_CLIENT_DIR", adminClient.toString(),
              "REMOTE_CACHE_MOCK_JAR", MOCK_JAR.toAbsolutePath().toString(),
              "JAVA", javaBin());
      long start = System.nanoTime();
      generate(admin, ADMIN_SPEC, adminClient);
      if (Files.exists(drivers.resolve("admin-build.sh"))) {
        run(
            List.of("bash", drivers.resolve("admin-build.sh").toString()),
            adminClient,
            environment,
            CLIENTS.resolve(name + "-admin-build.log"),
            10);
      }
      long built = System.nanoTime();
      deleteRecursively(toolTest);
      run(
          List.of("bash", drivers.resolve("tool-test.sh").toString()),
          toolTest,
          environment,
          CLIENTS.resolve(name + "-tool-test.log"),
          5);
      System.out.printf(
          "[languages] %s: admin client generated and built in %.1f s, tool test ran in %.1f s%n",
          name, (built - start) / 1e9, (System.nanoTime() - built) / 1e9);
    }

    private void requireBuilt() {
      if (notBuilt != null) {
        throw new TestAbortedException(notBuilt);
      }
    }
  }

  /**
   * Generates a client of {@code spec} with the row's generator and options into {@code client}.
   */
  private static void generate(Language language, String spec, Path client) throws Exception {
    deleteRecursively(client);
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-jar",
                GENERATOR.toString(),
                "generate",
                "-i",
                spec,
                "-g",
                language.generator(),
                "-o",
                client.toString(),
                "-p",
                "hideGenerationTimestamp=true"));
    if (language.library() != null) {
      command.addAll(List.of("--library", language.library()));
    }
    language
        .options(KIT_VERSION)
        .forEach(
            (k, v) ->
                command.addAll(
                    GIT_OPTIONS.containsKey(k)
                        ? List.of(GIT_OPTIONS.get(k), v)
                        : List.of("-p", k + "=" + v)));
    language
        .nameMappings()
        .forEach((k, v) -> command.addAll(List.of("--name-mappings", k + "=" + v)));
    language
        .typeMappings()
        .forEach((k, v) -> command.addAll(List.of("--type-mappings", k + "=" + v)));
    run(
        command,
        CLIENTS.toAbsolutePath(),
        Map.of(),
        client.resolveSibling(client.getFileName() + "-generate.log"),
        5);
  }

  static void run(
      List<String> command, Path directory, Map<String, String> environment, Path log, int minutes)
      throws IOException, InterruptedException {
    Files.createDirectories(directory);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " took over " + minutes + " min; log " + log);
    }
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new AssertionError(
          String.join(" ", command)
              + " exited "
              + process.exitValue()
              + "; last lines of "
              + log
              + ":\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
  }

  private static boolean onPath(String tool) {
    if (tool.contains("/")) { // a path: a program, a header or a directory of packaged crates
      return Files.exists(Path.of(tool));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
