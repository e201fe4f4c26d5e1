package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * For every constraint the spec declares, a request that breaks only it must be refused with the
 * right status and a violation naming that place and rule, in an answer that is itself valid
 * against the spec. The cases come from the spec (see {@link ConstraintCatalog}).
 */
class EveryConstraintIsEnforcedTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  private static final ApiContract CONTRACT = ApiContract.load();
  private static final ConstraintCatalog CATALOG =
      ConstraintCatalog.from(CONTRACT.openApi(), MockJson.mapper());
  private static final SpecResponseCheck RESPONSES = new SpecResponseCheck(CONTRACT);

  /**
   * Each operation's example request meets the contract. Its answer is one the spec declares for
   * it: a success, or a documented outcome such as 404 for an artifact no one uploaded (the
   * stateful flows are tested in {@code GeneratedClientContractTest}).
   */
  @TestFactory
  Stream<DynamicTest> everyValidExampleIsAccepted() {
    return CATALOG.validRequests().stream()
        .map(
            request ->
                DynamicTest.dynamicTest(
                    request.operationId() + ": the spec's example",
                    () -> {
                      mock.reset();
                      HttpResponse<String> response = ContractHttp.send(request, mock.baseUrl());
                      assertEquals(List.of(), mock.rejections(), response.body());
                      assertTrue(
                          response.statusCode() != 400 && response.statusCode() != 401,
                          response.statusCode() + " " + response.body());
                      assertEquals(
                          List.of(),
                          RESPONSES.problems(request.method(), request.path(), response));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyConstraintIsEnforced() {
    return CATALOG.cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      mock.reset();
                      HttpResponse<String> response =
                          ContractHttp.send(c.request(), mock.baseUrl());

                      assertEquals(
                          c.expectedStatus(),
                          response.statusCode(),
                          c.request() + " -> " + response.body());
                      assertEquals(
                          List.of(),
                          RESPONSES.problems(c.request().method(), c.request().path(), response),
                          "the rejection itself must follow the spec");
                      assertEquals(List.of(), mock.events(), "a rejected request records nothing");
                      assertEquals(
                          List.of(), mock.artifacts(), "a rejected request stores nothing");
                      assertEquals(1, mock.rejections().size());
                      if (!c.answerNamesViolation()) {
                        return;
                      }
                      JsonNode violations =
                          MockJson.mapper()
                              .readTree(response.body())
                              .get("error")
                              .get("violations");
                      List<String> elsewhere = new ArrayList<>();
                      boolean named = false;
                      for (JsonNode v : violations) {
                        boolean samePlace =
                            c.in().equals(v.get("in").asText())
                                && c.at().equals(v.path("at").asText());
                        named |= samePlace && c.rule().equals(v.get("rule").asText());
                        if (!samePlace) elsewhere.add(v.toString());
                      }
                      assertTrue(
                          named,
                          "no "
                              + c.rule()
                              + " violation at "
                              + c.in()
                              + " "
                              + c.at()
                              + ": "
                              + violations);
                      assertEquals(List.of(), elsewhere, "the request breaks only this place");
                    }));
  }

  @Test
  void theCatalogCoversEveryKindOfConstraintTheSpecUses() {
    List<String> rules =
        CATALOG.cases().stream().map(ConstraintCase::rule).distinct().sorted().toList();
    assertEquals(
        List.of(
            "additionalProperties",
            "enum",
            "format",
            "maxLength",
            "maximum",
            "minLength",
            "minimum",
            "missing",
            "pattern",
            "required",
            "token",
            "type"),
        rules);
  }
}
