package dev.remotecache.contract.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin API's document is loaded and checks requests like the API's, stricter on queries. */
class AdminContractLoadTest {

  private static final ApiContract ADMIN = ApiContract.loadAdmin();

  private static List<String> keys(ValidationReport report) {
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(ValidationReport.Message::getKey)
        .toList();
  }

  @Test
  void anUndeclaredQueryParameterIsAnError() {
    Request request =
        SimpleRequest.Builder.get("/__admin/remote-cache/events")
            .withQueryParam("colour", "red")
            .build();
    assertEquals(
        List.of("validation.request.parameter.query.unexpected"),
        keys(ADMIN.validateRequest(request)));
  }

  @Test
  void theAdminTokenAsAQueryParameterIsDeclared() {
    Request request =
        SimpleRequest.Builder.get("/__admin/remote-cache/events")
            .withQueryParam("token", "secret")
            .withQueryParam("source", "REMOTE")
            .build();
    assertEquals(List.of(), keys(ADMIN.validateRequest(request)));
  }

  @Test
  void aBadEnumInABodyIsNamed() {
    Request request =
        SimpleRequest.Builder.post("/__admin/remote-cache/faults")
            .withContentType("application/json")
            .withBody("{\"operationId\": \"*\", \"kind\": \"EXPLODE\"}")
            .build();
    assertTrue(
        keys(ADMIN.validateRequest(request)).contains("validation.request.body.schema.enum"),
        keys(ADMIN.validateRequest(request)).toString());
  }

  @Test
  void theApisContractStillIgnoresUndeclaredQueryParameters() {
    Request request =
        SimpleRequest.Builder.get("/v8/artifacts/status")
            .withHeader("Authorization", "Bearer t")
            .withQueryParam("colour", "red")
            .build();
    assertEquals(List.of(), keys(ApiContract.load().validateRequest(request)));
  }
}
