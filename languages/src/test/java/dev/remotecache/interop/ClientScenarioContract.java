package dev.remotecache.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.remotecache.interop.ClientOutcome.Kind;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario of {@code scenarios.json}, through one language's generated client, against the
 * mock: what the client reports and what the mock recorded must both be what the scenario says.
 */
abstract class ClientScenarioContract {

  /** Accepts only the catalog's token, so that a client that drops or mangles it is caught. */
  @RegisterExtension
  static RemoteCacheMockExtension mock =
      new RemoteCacheMockExtension(b -> b.token("interop-token"));

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  /** The key of this language in {@code cannotExpress}. */
  abstract String language();

  /** Sends the scenario's request through this language's client. */
  abstract ClientOutcome run(Scenario scenario, String baseUrl) throws Exception;

  static List<Scenario> scenarios() {
    return ScenarioCatalog.scenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(Scenario scenario) throws Exception {
    verify(mock, language(), scenario, run(scenario, mock.baseUrl()));
  }

  /**
   * What the client of {@code language} reported and what the mock recorded are both what the
   * scenario says.
   */
  static void verify(
      RemoteCacheMockExtension mock, String language, Scenario scenario, ClientOutcome outcome) {
    String cannot = scenario.cannotExpress().get(language);
    if (cannot != null) {
      assertEquals(
          Kind.CANNOT_EXPRESS,
          outcome.kind(),
          () ->
              "scenarios.json says the "
                  + language
                  + " client cannot express this ("
                  + cannot
                  + "), but it reported "
                  + outcome);
      assertEquals(List.of(), mock.batches(), "nothing may reach the mock");
      assertEquals(List.of(), mock.rejections(), "nothing may reach the mock");
      return;
    }
    assertNotEquals(
        Kind.CANNOT_EXPRESS,
        outcome.kind(),
        () ->
            "the "
                + language
                + " client could not build this request: "
                + outcome.reason()
                + " (if that is right, say so in scenarios.json under cannotExpress."
                + language
                + ")");
    if (scenario.accepted()) {
      assertAcceptedAndRecordedExactly(mock, scenario, outcome);
    } else {
      assertRejectedWithEveryViolation(mock, scenario, outcome);
    }
  }

  private static void assertAcceptedAndRecordedExactly(
      RemoteCacheMockExtension mock, Scenario scenario, ClientOutcome outcome) {
    assertEquals(
        Kind.ACCEPTED,
        outcome.kind(),
        () -> "the client reported " + outcome + "; the mock rejected " + mock.rejections());
    assertEquals(List.of(), mock.rejections());
    assertEquals(1, mock.batches().size(), () -> "batches recorded: " + mock.batches());
    EventBatch batch = mock.batches().get(0);
    assertSameParameter(scenario.parameter("query", "teamId"), batch.teamId(), "query teamId");
    assertSameParameter(scenario.parameter("query", "slug"), batch.slug(), "query slug");
    assertSameParameter(
        scenario.parameter("headers", "x-artifact-client-ci"),
        batch.clientCi(),
        "header x-artifact-client-ci");
    assertSameParameter(
        scenario.parameter("headers", "x-artifact-client-interactive"),
        batch.clientInteractive(),
        "header x-artifact-client-interactive");
    SameJson.assertSame(
        scenario.events(), JSON.valueToTree(batch.events()), "events recorded by the mock");
  }

  private static void assertSameParameter(JsonNode sent, Object recorded, String what) {
    SameJson.assertSame(sent, JSON.valueToTree(recorded), what + " recorded by the mock");
  }

  private static void assertRejectedWithEveryViolation(
      RemoteCacheMockExtension mock, Scenario scenario, ClientOutcome outcome) {
    assertEquals(
        Kind.REJECTED,
        outcome.kind(),
        () ->
            "expected the client to surface a "
                + scenario.status()
                + ", it reported "
                + outcome
                + "; the mock recorded "
                + mock.batches());
    assertEquals(scenario.status(), outcome.status(), "status the client surfaced");
    if (outcome.clientMessage() != null) {
      assertFalse(outcome.clientMessage().isBlank(), "the client's error message");
    }
    assertNotNull(outcome.error(), "the error body the client surfaced");
    JsonNode error = outcome.error().path("error");
    assertEquals(
        scenario.code(), error.path("code").asText(null), () -> "error code in " + outcome.error());
    assertFalse(
        error.path("message").asText("").isBlank(), () -> "error message in " + outcome.error());
    SameJson.assertViolations(scenario.violations(), error.get("violations"), "the client's");

    assertEquals(List.of(), mock.batches(), "a rejected request records no events");
    assertEquals(1, mock.rejections().size(), () -> "rejections recorded: " + mock.rejections());
    Rejection rejection = mock.rejections().get(0);
    assertEquals(scenario.status(), rejection.status(), "status the mock recorded");
    SameJson.assertViolations(
        scenario.violations(), JSON.valueToTree(rejection.violations()), "the mock's");
  }
}
