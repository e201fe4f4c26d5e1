package dev.remotecache.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.contract.generative.GenerativeReport;
import dev.remotecache.contract.generative.GenerativeRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Holds any live server to the spec: the spec's example request for every operation, a request
 * breaking each constraint (from {@link ConstraintCatalog}), every answer checked against the
 * spec's responses, and an artifact round trip. Or, with {@code --generate N}, the generative and
 * stateful mode ({@link GenerativeRun}). Writes Markdown, JUnit XML and JSON reports.
 *
 * <pre>
 * java -jar contract-tests/target/remote-cache-conformance.jar --base-url http://127.0.0.1:3000 --token secret
 * </pre>
 *
 * Exit code: 0 when the server conforms, 1 when it deviates, 2 for a usage or connection error.
 */
@Command(
    name = "remote-cache-conformance",
    mixinStandardHelpOptions = true,
    versionProvider = ConformanceSuite.Version.class,
    sortOptions = false,
    description = {
      "Checks a live Remote Cache server against the OpenAPI contract and writes a report.",
      "The fixed suite deletes every artifact of --team (see --no-delete); the generative mode",
      "(--generate) acts only for teams of its own namespace and deletes their artifacts at the end."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the server conforms",
      "1:the server deviates from the spec",
      "2:usage error, server unreachable, or token refused"
    })
public final class ConformanceSuite implements Callable<Integer> {

  @Option(
      names = "--base-url",
      required = true,
      paramLabel = "URL",
      description = "The server, e.g. http://127.0.0.1:3000")
  String baseUrl;

  @Option(
      names = "--token",
      required = true,
      paramLabel = "TOKEN",
      description = "A bearer token the server accepts.")
  String token;

  @Option(
      names = "--team",
      paramLabel = "SLUG",
      description =
          "The team (slug) the fixed suite acts for; its artifacts are deleted. Default: ${DEFAULT-VALUE}.")
  String team = "conformance";

  @Option(
      names = "--operation",
      paramLabel = "OPERATION_ID",
      description = "Run only this operation's checks (repeatable), e.g. uploadArtifact.")
  List<String> operations = new ArrayList<>();

  @Option(
      names = "--no-delete",
      description = "Skip every check that deletes data (deleteAllArtifacts).")
  boolean noDelete;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "The Markdown report. Default: conformance-report.md, or conformance-generative-report.md"
              + " with --generate (so the two modes keep their own); the JUnit XML and JSON reports"
              + " go next to it (.xml, .json).")
  Path reportFile;

  /** The Markdown report's path: the user's, or one per mode. */
  Path reportFile() {
    if (reportFile != null) {
      return reportFile;
    }
    return Path.of(generate == null ? "conformance-report.md" : "conformance-generative-report.md");
  }

  @Option(
      names = "--generate",
      paramLabel = "N",
      description = "Generative mode: N generated request sequences instead of the fixed checks.")
  Integer generate;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "Generative mode: the seed (default: a new one, printed). The same seed sends the same requests.")
  Long seed;

  @Option(
      names = "--max-requests",
      paramLabel = "N",
      description =
          "Generative mode: stop after N requests, shrinking included. Default: ${DEFAULT-VALUE}.")
  long maxRequests = 5000;

  @Option(
      names = "--max-seconds",
      paramLabel = "S",
      description = "Generative mode: stop after S seconds. Default: ${DEFAULT-VALUE}.")
  long maxSeconds = 300;

  @Option(
      names = "--max-upload-bytes",
      paramLabel = "N",
      description = "Generative mode: the largest artifact to upload. Default: ${DEFAULT-VALUE}.")
  int maxUploadBytes = 5 * 1024 * 1024;

  @Option(
      names = "--namespace",
      paramLabel = "PREFIX",
      description =
          "Generative mode: prefix of the teams it creates and cleans up. Default: ${DEFAULT-VALUE}.")
  String namespace = "rcc-gen";

  @Option(
      names = "--dry-run",
      description = "Generative mode: print the requests as curl lines; send nothing.")
  boolean dryRun;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ConformanceSuite.class.getPackage().getImplementationVersion();
      return new String[] {
        "remote-cache-conformance "
            + (version == null ? "(development build)" : version)
            + ", spec "
            + ApiContract.load().openApi().getInfo().getVersion()
      };
    }
  }

  /** A usage or connection problem: one line on stderr, exit code 2. */
  static final class UsageProblem extends Exception {
    UsageProblem(String message) {
      super(message);
    }
  }

  public static void main(String[] args) {
    // Libraries' warnings only; networknt's note about OpenAPI's "components" keyword is expected.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.com.networknt", "error");
    System.exit(execute(args));
  }

  /** Runs the command line; returns the exit code. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ConformanceSuite());
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr()
              .println(
                  "error: " + (e instanceof UsageProblem ? e.getMessage() : String.valueOf(e)));
          return 2;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    String base = checkedBaseUrl(baseUrl);
    ApiContract contract = ApiContract.load();
    List<String> known = contract.routes().stream().map(ApiContract.Route::operationId).toList();
    for (String operation : operations) {
      if (!known.contains(operation)) {
        throw new UsageProblem(
            "--operation " + operation + " is not an operation of the spec; one of " + known);
      }
    }
    if (generate != null) {
      if (!operations.isEmpty() || noDelete) {
        throw new UsageProblem(
            "--operation and --no-delete apply to the fixed suite; the generative mode runs"
                + " every operation and deletes artifacts of its own teams (--namespace) only");
      }
      return generative(contract, base);
    }
    preflight(contract, base);
    if (!noDelete
        && (operations.isEmpty() || operations.stream().anyMatch(ConformanceSuite::deletes))) {
      System.err.println(
          "WARNING: this run deletes every artifact of team '"
              + team
              + "' on "
              + base
              + " (deleteAllArtifacts). Use a team that holds nothing you need, or --no-delete.");
    }
    long started = System.nanoTime();
    ConformanceReport report =
        run(contract, base, token, team, new Selection(operations, noDelete));
    double seconds = (System.nanoTime() - started) / 1e9;
    writeReports(report.toMarkdown(), report.toJUnitXml(seconds), report.toJson());
    System.out.println(
        report.checks().size()
            - report.deviations().size()
            + " of "
            + report.checks().size()
            + " checks conform; "
            + report.deviations().size()
            + " deviate. Report: "
            + reportFile().toAbsolutePath());
    return report.conforms() ? 0 : 1;
  }

  private int generative(ApiContract contract, String base) throws Exception {
    long chosenSeed =
        seed != null ? seed : new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
    GenerativeRun.Options options =
        GenerativeRun.Options.defaults(base, token, chosenSeed, generate)
            .withBudget(maxRequests, maxSeconds)
            .withNamespace(namespace)
            .withMaxUploadBytes(maxUploadBytes)
            .withDryRun(dryRun);
    if (!dryRun) {
      preflight(contract, base);
      System.err.println(
          "generative mode, seed "
              + chosenSeed
              + ": teams "
              + namespace
              + "-* only; their artifacts are deleted at the end.");
    }
    GenerativeReport report =
        GenerativeRun.run(contract, options, dryRun ? System.out : System.err);
    if (dryRun) {
      return 0;
    }
    writeReports(report.toMarkdown(), report.toJUnitXml(), report.toJson());
    System.out.println(report.summary() + ". Report: " + reportFile().toAbsolutePath());
    return report.conforms() ? 0 : 1;
  }

  private void writeReports(String markdown, String junitXml, String json) throws IOException {
    Path absolute = reportFile().toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    String stem = absolute.getFileName().toString().replaceFirst("\\.md$", "");
    Files.writeString(absolute, markdown);
    Files.writeString(absolute.resolveSibling(stem + ".xml"), junitXml);
    Files.writeString(absolute.resolveSibling(stem + ".json"), json);
  }

  /**
   * An absolute http(s) URL without a trailing slash, or a usage problem that says what is wrong.
   */
  static String checkedBaseUrl(String url) throws UsageProblem {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new UsageProblem("--base-url " + url + " is not a URL: " + e.getReason());
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new UsageProblem(
          "--base-url must be an http or https URL with a host, such as http://127.0.0.1:3000; got "
              + url);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** One request before any check: is the server there, and does it take the token? */
  private void preflight(ApiContract contract, String base) throws UsageProblem {
    ContractRequest probe =
        ConstraintCatalog.from(contract.openApi(), JSON).validRequests().stream()
            .filter(r -> r.method().equals("HEAD"))
            .findFirst()
            .orElseThrow();
    probe = forTeam(probe, team);
    HttpResponse<Void> answer;
    try {
      answer = http.send(probe.toHttpRequest(base, token), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UsageProblem("cannot reach " + base + ": " + why(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageProblem("interrupted");
    }
    if (answer.statusCode() == 401 || answer.statusCode() == 403) {
      throw new UsageProblem(
          "the server refuses the token: "
              + answer.statusCode()
              + " to "
              + probe.method()
              + " "
              + probe.path()
              + "; check --token");
    }
  }

  /** The innermost message of a connection failure, in words. */
  private static String why(IOException e) {
    Throwable cause = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.nio.channels.ClosedChannelException) {
        return "connection refused (is the server running on that port?)";
      }
      cause = t;
    }
    if (cause instanceof java.net.UnknownHostException
        || cause instanceof java.nio.channels.UnresolvedAddressException) {
      return "unknown host";
    }
    if (cause instanceof java.net.http.HttpTimeoutException
        || cause instanceof java.net.SocketTimeoutException) {
      return "no answer within the timeout";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static boolean deletes(String operationId) {
    return ApiContract.load()
        .route(operationId)
        .map(r -> r.method().equalsIgnoreCase("DELETE"))
        .orElse(false);
  }

  /**
   * Which checks to run: only these operations (all when empty), and whether to skip the deleting
   * ones.
   */
  public record Selection(List<String> operations, boolean noDelete) {
    public static final Selection ALL = new Selection(List.of(), false);

    boolean includes(ContractRequest request) {
      return (operations.isEmpty() || operations.contains(request.operationId()))
          && !(noDelete && request.method().equals("DELETE"));
    }

    boolean includes(String operationId, String method) {
      return (operations.isEmpty() || operations.contains(operationId))
          && !(noDelete && method.equals("DELETE"));
    }
  }

  /** The request acting for {@code team}: the spec's example team selector replaced by the slug. */
  static ContractRequest forTeam(ContractRequest request, String team) {
    if (!request.query().containsKey("slug") && !request.query().containsKey("teamId")) {
      return request;
    }
    return request.withQuery("teamId", null).withQuery("slug", team);
  }

  /** Runs every check against {@code baseUrl}. */
  public static ConformanceReport run(
      ApiContract contract, String baseUrl, String token, String team) {
    return run(contract, baseUrl, token, team, Selection.ALL);
  }

  /** Runs the selected checks against {@code baseUrl}. */
  public static ConformanceReport run(
      ApiContract contract, String baseUrl, String token, String team, Selection selection) {
    ConformanceSuite suite = new ConformanceSuite();
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    ConstraintCatalog catalog = ConstraintCatalog.from(contract.openApi(), JSON);
    SpecResponseCheck responses = new SpecResponseCheck(contract);
    List<ConformanceCheck> checks = new ArrayList<>();
    for (ContractRequest valid : catalog.validRequests()) {
      if (selection.includes(valid)) {
        checks.add(suite.checkValid(responses, contract, forTeam(valid, team), base, token));
      }
    }
    for (ConstraintCase c : catalog.cases()) {
      if (selection.includes(c.request())) {
        ConstraintCase retargeted =
            new ConstraintCase(
                c.in(),
                c.at(),
                c.rule(),
                c.expectedStatus(),
                forTeam(c.request(), team),
                c.answerNamesViolation());
        checks.add(suite.checkBroken(responses, retargeted, base, token));
      }
    }
    checks.addAll(new ArtifactRoundTrip(suite.http, responses, base, token, team, selection).run());
    return new ConformanceReport(
        base,
        contract.openApi().getInfo().getTitle(),
        contract.openApi().getInfo().getVersion(),
        Instant.now(),
        checks);
  }

  private ConformanceCheck checkValid(
      SpecResponseCheck responses,
      ApiContract contract,
      ContractRequest request,
      String base,
      String token) {
    String name = "the spec's example request";
    List<String> documented =
        List.copyOf(
            contract
                .route(request.operationId())
                .orElseThrow()
                .operation()
                .getResponses()
                .keySet());
    try {
      HttpResponse<String> answer =
          http.send(request.toHttpRequest(base, token), HttpResponse.BodyHandlers.ofString());
      int status = answer.statusCode();
      List<String> problems = responses.problems(request.method(), request.path(), answer);
      boolean refused = status == 400 || status == 401 || status == 403 || status >= 500;
      String expected = "a documented answer, not a refusal (" + documented + ")";
      if (refused) {
        return deviates(
            request, name, expected, status, "refused a valid request: " + brief(answer.body()));
      }
      if (!problems.isEmpty()) {
        return deviates(request, name, expected, status, String.join("; ", problems));
      }
      return new ConformanceCheck(
          request.operationId(), name, expected, String.valueOf(status), true, "");
    } catch (IOException | InterruptedException e) {
      return deviates(request, name, "an answer", -1, "no answer: " + e);
    }
  }

  private ConformanceCheck checkBroken(
      SpecResponseCheck responses, ConstraintCase c, String base, String token) {
    String name = c.in() + " " + (c.at().isEmpty() ? "(whole body)" : c.at()) + " " + c.rule();
    String expected = String.valueOf(c.expectedStatus());
    try {
      HttpResponse<String> answer =
          http.send(c.request().toHttpRequest(base, token), HttpResponse.BodyHandlers.ofString());
      int status = answer.statusCode();
      if (status / 100 == 2) {
        return deviates(c.request(), name, expected, status, "accepted a request the spec forbids");
      }
      if (status != c.expectedStatus()) {
        return deviates(c.request(), name, expected, status, "refused, but with " + status);
      }
      List<String> problems = responses.problems(c.request().method(), c.request().path(), answer);
      if (!problems.isEmpty()) {
        return deviates(
            c.request(),
            name,
            expected,
            status,
            "the refusal itself breaks the spec: " + String.join("; ", problems));
      }
      return new ConformanceCheck(
          c.request().operationId(), name, expected, String.valueOf(status), true, "");
    } catch (IOException | InterruptedException e) {
      return deviates(c.request(), name, expected, -1, "no answer: " + e);
    }
  }

  private static ConformanceCheck deviates(
      ContractRequest request, String check, String expected, int status, String why) {
    return new ConformanceCheck(
        request.operationId(),
        check,
        expected,
        status < 0 ? "nothing" : String.valueOf(status),
        false,
        why);
  }

  static String brief(String body) {
    return body.length() > 120 ? body.substring(0, 117) + "..." : body;
  }

  /**
   * Upload, download, HEAD, query, miss and delete of one artifact, checking that they agree, and
   * holding every answer to the spec (status, content type, headers, body) as the other checks do.
   */
  private static final class ArtifactRoundTrip {
    private final HttpClient http;
    private final SpecResponseCheck responses;
    private final String base;
    private final String token;
    private final String team;

    private final Selection selection;

    ArtifactRoundTrip(
        HttpClient http,
        SpecResponseCheck responses,
        String base,
        String token,
        String team,
        Selection selection) {
      this.http = http;
      this.responses = responses;
      this.base = base;
      this.token = token;
      this.team = team;
      this.selection = selection;
    }

    /**
     * The round trip's checks of the selected operations (it runs whole when any of them is
     * selected).
     */
    List<ConformanceCheck> run() {
      List<String> involved =
          List.of(
              "uploadArtifact",
              "downloadArtifact",
              "artifactExists",
              "artifactQuery",
              "deleteAllArtifacts");
      if (!selection.operations().isEmpty()
          && selection.operations().stream().noneMatch(involved::contains)) {
        return List.of();
      }
      return all().stream()
          .filter(
              c ->
                  selection.operations().isEmpty()
                      || selection.operations().contains(c.operationId()))
          .toList();
    }

    private List<ConformanceCheck> all() {
      String hash = "c0ffee" + Long.toHexString(System.nanoTime());
      byte[] bytes =
          ("conformance artifact " + hash + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
      List<ConformanceCheck> checks = new ArrayList<>();
      checks.add(
          step(
              "uploadArtifact",
              "round trip: upload",
              "202",
              () -> send("PUT", hash, bytes, "202", "x-artifact-duration", "1234")));
      checks.add(
          step(
              "downloadArtifact",
              "round trip: the same bytes back, with the duration",
              "200, same bytes, x-artifact-duration 1234",
              () -> {
                HttpResponse<byte[]> r =
                    http.send(
                        request("GET", hash, null).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                boolean same = Arrays.equals(bytes, r.body());
                String duration = r.headers().firstValue("x-artifact-duration").orElse("none");
                String got =
                    r.statusCode()
                        + (same ? ", same bytes" : ", other bytes (" + r.body().length + ")")
                        + ", x-artifact-duration "
                        + duration;
                return new Outcome(
                    got,
                    r.statusCode() == 200 && same && duration.equals("1234"),
                    spec(r, new String(r.body(), StandardCharsets.ISO_8859_1)));
              }));
      checks.add(
          step(
              "artifactExists",
              "round trip: HEAD finds it",
              "200",
              () -> send("HEAD", hash, null, "200")));
      checks.add(
          step(
              "artifactQuery",
              "round trip: query gives its size",
              "200, size " + bytes.length,
              () -> {
                HttpResponse<String> r =
                    http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v8/artifacts?slug=" + team))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"hashes\":[\"" + hash + "\"]}"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                long size =
                    r.statusCode() == 200
                        ? JSON.readTree(r.body()).path(hash).path("size").asLong(-1)
                        : -1;
                return new Outcome(
                    r.statusCode() + ", size " + size,
                    r.statusCode() == 200 && size == bytes.length,
                    spec(r, r.body()));
              }));
      checks.add(
          step(
              "downloadArtifact",
              "a hash never uploaded is a 404",
              "404",
              () -> send("GET", "f00d" + Long.toHexString(System.nanoTime()), null, "404")));
      if (selection.noDelete()) {
        return checks;
      }
      checks.add(
          step(
              "deleteAllArtifacts",
              "delete all",
              "200",
              () -> {
                HttpResponse<String> r =
                    http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v8/artifacts?slug=" + team))
                            .header("Authorization", "Bearer " + token)
                            .DELETE()
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Outcome(
                    String.valueOf(r.statusCode()), r.statusCode() == 200, spec(r, r.body()));
              }));
      return checks;
    }

    /**
     * @param problems where the answer departs from the spec ({@link SpecResponseCheck})
     */
    private record Outcome(String actual, boolean conforms, List<String> problems) {}

    /** The answer held to the spec's response for its operation and status. */
    private List<String> spec(HttpResponse<?> r, String body) {
      return responses.problems(
          r.request().method(), r.request().uri().getRawPath(), r.statusCode(), r.headers(), body);
    }

    private interface Step {
      Outcome run() throws IOException, InterruptedException;
    }

    private ConformanceCheck step(String operationId, String name, String expected, Step step) {
      try {
        Outcome o = step.run();
        boolean conforms = o.conforms() && o.problems().isEmpty();
        List<String> details = new ArrayList<>();
        if (!o.conforms()) {
          details.add("expected " + expected);
        }
        details.addAll(o.problems());
        return new ConformanceCheck(
            operationId, name, expected, o.actual(), conforms, String.join("; ", details));
      } catch (IOException | InterruptedException e) {
        return new ConformanceCheck(
            operationId, name, expected, "nothing", false, "no answer: " + e);
      }
    }

    private Outcome send(
        String method, String hash, byte[] body, String expected, String... headers)
        throws IOException, InterruptedException {
      HttpRequest.Builder b = request(method, hash, body);
      for (int i = 0; i + 1 < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Outcome(
          String.valueOf(r.statusCode()),
          String.valueOf(r.statusCode()).equals(expected),
          spec(r, r.body()));
    }

    private HttpRequest.Builder request(String method, String hash, byte[] body) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/" + hash + "?slug=" + team))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token);
      if (body != null) {
        b.header("Content-Type", "application/octet-stream");
      }
      return b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
    }
  }
}
