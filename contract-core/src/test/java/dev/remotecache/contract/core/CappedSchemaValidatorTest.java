package dev.remotecache.contract.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The capped validation keeps a body's first errors, in document order, counts the rest, and finds
 * the same errors the validator finds uncapped. It also holds the validator's internals it reuses
 * (this fails if a new version of the validator moves them).
 */
class CappedSchemaValidatorTest {

  private static final ApiContract CONTRACT = ApiContract.load();
  private static final String EVENT =
      "{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"local\","
          + "\"event\":\"HIT\",\"hash\":\"6304b9faf99a2e19\"}";

  @Test
  void keepsTheFirstErrorsAndCountsTheRest() {
    Request request = events(1_000);
    Optional<com.atlassian.oai.validator.model.ApiOperation> operation =
        CONTRACT.operationFor(request.getPath(), request.getMethod());

    ApiContract.CheckedRequest capped = CONTRACT.validateRequest(request, operation, 10);
    ValidationReport whole = CONTRACT.validateRequest(request, operation);

    List<ValidationReport.Message> kept = bodyErrors(capped.report());
    assertEquals(10, kept.size());
    assertEquals(990, capped.omittedBodyErrors());
    assertEquals(1_000, bodyErrors(whole).size(), "uncapped, the validator keeps every one");
    for (int i = 0; i < kept.size(); i++) {
      assertEquals(bodyErrors(whole).get(i).getMessage(), kept.get(i).getMessage());
    }
  }

  @Test
  void underTheCapNothingIsLeftOut() {
    Request request = events(3);
    ApiContract.CheckedRequest capped =
        CONTRACT.validateRequest(
            request, CONTRACT.operationFor(request.getPath(), request.getMethod()), 10);
    assertEquals(3, bodyErrors(capped.report()).size());
    assertEquals(0, capped.omittedBodyErrors());
  }

  private static Request events(int count) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",").append(EVENT);
    }
    return SimpleRequest.Builder.post("/v8/artifacts/events")
        .withContentType("application/json")
        .withAuthorization("Bearer token")
        .withBody(body.append(']').toString())
        .build();
  }

  private static List<ValidationReport.Message> bodyErrors(ValidationReport report) {
    return report.getMessages().stream()
        .filter(m -> m.getKey().startsWith("validation.request.body.schema"))
        .toList();
  }
}
