package dev.remotecache.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.remotecache.contract.core.ApiContract;
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
 * spec's responses, and an artifact round trip. Writes a Markdown report.
 *
 * <pre>
 * java -jar contract-tests/target/remote-cache-conformance.jar --base-url http://127.0.0.1:3000 --token secret
 * </pre>
 * Exit code: 0 when the server conforms, 1 when it deviates, 2 for a usage error.
 */
@Command(name = "remote-cache-conformance", mixinStandardHelpOptions = true,
        description = "Checks a live Remote Cache server against the OpenAPI contract and writes a report.")
public final class ConformanceSuite implements Callable<Integer> {

    @Option(names = "--base-url", required = true, paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:3000")
    String baseUrl;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "A bearer token the server accepts.")
    String token;

    @Option(names = "--team", paramLabel = "SLUG", description = "The team (slug) to run the checks for. Default: ${DEFAULT-VALUE}.")
    String team = "conformance";

    @Option(names = "--report", paramLabel = "FILE", description = "Where to write the Markdown report. Default: ${DEFAULT-VALUE}.")
    Path reportFile = Path.of("conformance-report.md");

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) {
        // Libraries' warnings only; networknt's note about OpenAPI's "components" keyword is expected.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.networknt", "error");
        System.exit(new CommandLine(new ConformanceSuite()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ConformanceReport report = run(ApiContract.load(), baseUrl, token, team);
        Files.writeString(reportFile, report.toMarkdown());
        System.out.println(report.checks().size() - report.deviations().size() + " of " + report.checks().size()
                + " checks conform; " + report.deviations().size() + " deviate. Report: " + reportFile.toAbsolutePath());
        return report.conforms() ? 0 : 1;
    }

    /** Runs every check against {@code baseUrl}. */
    public static ConformanceReport run(ApiContract contract, String baseUrl, String token, String team) {
        ConformanceSuite suite = new ConformanceSuite();
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        ConstraintCatalog catalog = ConstraintCatalog.from(contract.openApi(), JSON);
        SpecResponseCheck responses = new SpecResponseCheck(contract);
        List<ConformanceCheck> checks = new ArrayList<>();
        for (ContractRequest valid : catalog.validRequests()) {
            checks.add(suite.checkValid(responses, contract, valid, base, token));
        }
        for (ConstraintCase c : catalog.cases()) {
            checks.add(suite.checkBroken(responses, c, base, token));
        }
        checks.addAll(new ArtifactRoundTrip(suite.http, base, token, team).run());
        return new ConformanceReport(base, contract.openApi().getInfo().getTitle(),
                contract.openApi().getInfo().getVersion(), Instant.now(), checks);
    }

    private ConformanceCheck checkValid(SpecResponseCheck responses, ApiContract contract, ContractRequest request,
                                        String base, String token) {
        String name = "the spec's example request";
        List<String> documented = List.copyOf(contract.route(request.operationId()).orElseThrow()
                .operation().getResponses().keySet());
        try {
            HttpResponse<String> answer = http.send(request.toHttpRequest(base, token),
                    HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            List<String> problems = responses.problems(request.method(), request.path(), answer);
            boolean refused = status == 400 || status == 401 || status == 403 || status >= 500;
            String expected = "a documented answer, not a refusal (" + documented + ")";
            if (refused) {
                return deviates(request, name, expected, status, "refused a valid request: " + brief(answer.body()));
            }
            if (!problems.isEmpty()) {
                return deviates(request, name, expected, status, String.join("; ", problems));
            }
            return new ConformanceCheck(request.operationId(), name, expected, String.valueOf(status), true, "");
        } catch (IOException | InterruptedException e) {
            return deviates(request, name, "an answer", -1, "no answer: " + e);
        }
    }

    private ConformanceCheck checkBroken(SpecResponseCheck responses, ConstraintCase c, String base, String token) {
        String name = c.in() + " " + (c.at().isEmpty() ? "(whole body)" : c.at()) + " " + c.rule();
        String expected = String.valueOf(c.expectedStatus());
        try {
            HttpResponse<String> answer = http.send(c.request().toHttpRequest(base, token),
                    HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            if (status / 100 == 2) {
                return deviates(c.request(), name, expected, status, "accepted a request the spec forbids");
            }
            if (status != c.expectedStatus()) {
                return deviates(c.request(), name, expected, status, "refused, but with " + status);
            }
            List<String> problems = responses.problems(c.request().method(), c.request().path(), answer);
            if (!problems.isEmpty()) {
                return deviates(c.request(), name, expected, status, "the refusal itself breaks the spec: "
                        + String.join("; ", problems));
            }
            return new ConformanceCheck(c.request().operationId(), name, expected, String.valueOf(status), true, "");
        } catch (IOException | InterruptedException e) {
            return deviates(c.request(), name, expected, -1, "no answer: " + e);
        }
    }

    private static ConformanceCheck deviates(ContractRequest request, String check, String expected, int status,
                                             String why) {
        return new ConformanceCheck(request.operationId(), check, expected,
                status < 0 ? "nothing" : String.valueOf(status), false, why);
    }

    static String brief(String body) {
        return body.length() > 120 ? body.substring(0, 117) + "..." : body;
    }

    /** Upload, download, HEAD, query, miss and delete of one artifact, checking that they agree. */
    private static final class ArtifactRoundTrip {
        private final HttpClient http;
        private final String base;
        private final String token;
        private final String team;

        ArtifactRoundTrip(HttpClient http, String base, String token, String team) {
            this.http = http;
            this.base = base;
            this.token = token;
            this.team = team;
        }

        List<ConformanceCheck> run() {
            String hash = "c0ffee" + Long.toHexString(System.nanoTime());
            byte[] bytes = ("conformance artifact " + hash + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
            List<ConformanceCheck> checks = new ArrayList<>();
            checks.add(step("uploadArtifact", "round trip: upload", "202", () -> send("PUT", hash, bytes, "202",
                    "x-artifact-duration", "1234")));
            checks.add(step("downloadArtifact", "round trip: the same bytes back, with the duration", "200, same bytes, x-artifact-duration 1234",
                    () -> {
                        HttpResponse<byte[]> r = http.send(request("GET", hash, null).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        boolean same = Arrays.equals(bytes, r.body());
                        String duration = r.headers().firstValue("x-artifact-duration").orElse("none");
                        String got = r.statusCode() + (same ? ", same bytes" : ", other bytes (" + r.body().length + ")")
                                + ", x-artifact-duration " + duration;
                        return new Outcome(got, r.statusCode() == 200 && same && duration.equals("1234"));
                    }));
            checks.add(step("artifactExists", "round trip: HEAD finds it", "200", () -> send("HEAD", hash, null, "200")));
            checks.add(step("artifactQuery", "round trip: query gives its size", "200, size " + bytes.length, () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts?slug=" + team))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"hashes\":[\"" + hash + "\"]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                long size = r.statusCode() == 200 ? JSON.readTree(r.body()).path(hash).path("size").asLong(-1) : -1;
                return new Outcome(r.statusCode() + ", size " + size, r.statusCode() == 200 && size == bytes.length);
            }));
            checks.add(step("downloadArtifact", "a hash never uploaded is a 404", "404",
                    () -> send("GET", "f00d" + Long.toHexString(System.nanoTime()), null, "404")));
            checks.add(step("deleteAllArtifacts", "delete all", "200", () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts?slug=" + team))
                        .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                return new Outcome(String.valueOf(r.statusCode()), r.statusCode() == 200);
            }));
            return checks;
        }

        private record Outcome(String actual, boolean conforms) { }

        private interface Step {
            Outcome run() throws IOException, InterruptedException;
        }

        private ConformanceCheck step(String operationId, String name, String expected, Step step) {
            try {
                Outcome o = step.run();
                return new ConformanceCheck(operationId, name, expected, o.actual(), o.conforms(),
                        o.conforms() ? "" : "expected " + expected);
            } catch (IOException | InterruptedException e) {
                return new ConformanceCheck(operationId, name, expected, "nothing", false, "no answer: " + e);
            }
        }

        private Outcome send(String method, String hash, byte[] body, String expected, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = request(method, hash, body);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(String.valueOf(r.statusCode()), String.valueOf(r.statusCode()).equals(expected));
        }

        private HttpRequest.Builder request(String method, String hash, byte[] body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/" + hash + "?slug=" + team))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
            if (body != null) {
                b.header("Content-Type", "application/octet-stream");
            }
            return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        }
    }
}
