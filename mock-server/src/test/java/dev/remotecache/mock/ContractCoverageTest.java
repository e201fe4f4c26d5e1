package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.coverage.OperationCoverage;
import dev.remotecache.mock.coverage.ViolatedConstraint;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract coverage: what each operation of the spec was asked and answered, with the workbench's
 * Prefer codes, forced responses and faults counted; in Java and at the admin API.
 */
class ContractCoverageTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  private static HttpRequest.Builder request(String method, String path) {
    return HttpRequest.newBuilder(URI.create(mock.baseUrl() + path))
        .header("Authorization", "Bearer t")
        .method(method, HttpRequest.BodyPublishers.noBody());
  }

  private static HttpRequest.Builder upload(String hash) {
    return HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/" + hash))
        .header("Authorization", "Bearer t")
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofString("bytes"));
  }

  @Test
  void everyOperationOfTheSpecIsListedWithItsDocumentedResponsesCalledOrNot() {
    ContractCoverage coverage = mock.coverage();

    List<ApiContract.Route> routes = ApiContract.load().routes();
    assertEquals(
        routes.stream().map(ApiContract.Route::operationId).toList(),
        coverage.operations().stream().map(OperationCoverage::operationId).toList());
    for (ApiContract.Route route : routes) {
      OperationCoverage operation = coverage.operation(route.operationId()).orElseThrow();
      List<String> documented = List.copyOf(route.operation().getResponses().keySet());
      assertEquals(documented, operation.documentedResponses());
      assertEquals(documented, operation.neverServed(), "nothing served yet");
      assertEquals(0, operation.calls());
      assertEquals(
          route.method() + " " + route.pathTemplate(), operation.method() + " " + operation.path());
    }
    assertEquals(List.of(), coverage.called());
  }

  @Test
  void countsAnswersViolationsPreferCodesForcedResponsesAndFaults() {
    send(request("GET", "/v8/artifacts/status")); // 200
    send(request("HEAD", "/v8/artifacts/abc")); // 404 miss
    send(upload("abc")); // 202
    send(upload("abc").header("Prefer", "code=403")); // 403 asked for
    mock.forceResponse(ForcedResponse.of("uploadArtifact", 413).times(1));
    send(upload("abc")); // 413 forced
    mock.injectFault(FaultRule.serverError("status", 503).times(2));
    send(request("GET", "/v8/artifacts/status"));
    send(request("GET", "/v8/artifacts/status"));
    mock.injectFault(FaultRule.delay("artifactExists", 1).times(1));
    send(request("HEAD", "/v8/artifacts/abc")); // 200, late
    send(
        authorizedPost(
            mock.baseUrl(),
            EVENTS + "?slug=t",
            "[" + VALID_EVENT.replace("REMOTE", "remote") + "]"));
    send(authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")); // 200
    send(request("GET", "/v8/nothing-here")); // no operation

    ContractCoverage coverage = mock.coverage();

    OperationCoverage status = coverage.operation("status").orElseThrow();
    assertEquals(3, status.calls());
    assertEquals(counts("200", 1, "503", 2), status.served());
    assertEquals(counts("SERVER_ERROR", 2), status.faults());
    assertTrue(status.met("5xx") && status.met("503") && !status.met("4xx"));
    assertTrue(status.neverServed().contains("401") && !status.neverServed().contains("200"));

    OperationCoverage exists = coverage.operation("artifactExists").orElseThrow();
    assertEquals(counts("200", 1, "404", 1), exists.served());
    assertEquals(counts("DELAY", 1), exists.faults());

    OperationCoverage upload = coverage.operation("uploadArtifact").orElseThrow();
    assertEquals(3, upload.calls());
    assertEquals(counts("202", 1, "403", 1, "413", 1), upload.served());
    assertEquals(counts("403", 1), upload.preferCodes());
    assertEquals(counts("413", 1), upload.forcedResponses());
    assertEquals(0, upload.rejected());

    OperationCoverage events = coverage.operation("recordEvents").orElseThrow();
    assertEquals(2, events.calls());
    assertEquals(1, events.rejected());
    assertEquals(counts("200", 1, "400", 1), events.served());
    assertEquals(
        List.of(new ViolatedConstraint("body", "/0/source", "enum", 1)), events.violations());

    assertEquals(0, coverage.operation("downloadArtifact").orElseThrow().calls());
    assertEquals(1, coverage.unmatchedRequests());
    assertEquals(
        List.of("status", "recordEvents", "artifactExists", "uploadArtifact").stream()
            .sorted()
            .toList(),
        coverage.called().stream().map(OperationCoverage::operationId).sorted().toList());
  }

  @Test
  void requirementsSayWhatARunMissed() {
    send(request("GET", "/v8/artifacts/status"));
    send(request("HEAD", "/v8/artifacts/abc"));

    ContractCoverage coverage = mock.coverage();
    assertEquals(List.of(), coverage.unmet("artifactExists:404", "status:2xx"));
    assertEquals(
        List.of(
            "uploadArtifact never met a 403 (never called)",
            "never met a 5xx: status (met [200]), artifactExists (met [404])"),
        coverage.unmet("uploadArtifact:403", "*:5xx"));

    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> coverage.unmet("upload:403"));
    assertTrue(unknown.getMessage().contains("uploadArtifact"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> coverage.unmet("status:forbidden"));
    assertThrows(IllegalArgumentException.class, () -> coverage.unmet("status"));
  }

  @Test
  void theAdminApiServesTheSameCoverageAndTheJournalResetForgetsIt() throws Exception {
    send(request("GET", "/v8/artifacts/status"));
    send(upload("abc").header("Prefer", "code=403"));

    JsonNode served = json(send(request("GET", "/__admin/remote-cache/coverage")));
    assertEquals(mock.coverage(), MockJson.mapper().treeToValue(served, ContractCoverage.class));
    int calls = 0;
    for (JsonNode operation : served.get("operations")) {
      calls += operation.get("calls").asInt();
    }
    assertEquals(2, calls);

    send(request("DELETE", "/__admin/remote-cache/journal"));
    assertEquals(List.of(), mock.coverage().called(), "forgotten with the journal");
    send(request("GET", "/v8/artifacts/status"));
    mock.reset();
    assertEquals(List.of(), mock.coverage().called(), "and with the mock's reset");
  }

  private static SortedMap<String, Long> counts(Object... keysAndCounts) {
    SortedMap<String, Long> map = new TreeMap<>();
    for (int i = 0; i < keysAndCounts.length; i += 2) {
      map.put((String) keysAndCounts[i], ((Integer) keysAndCounts[i + 1]).longValue());
    }
    return map;
  }
}
