package dev.remotecache.mock.internal.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotecache.contract.core.ApiContract;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The mock's copies of the spec's vocabularies (the rules a violation names, the error codes) are
 * the spec's lists ({@code x-known-values}), exactly; and each error the spec documents with an
 * example carries the code {@link ErrorCode} gives its status.
 */
class VocabularyTest {

  @Test
  void theSettingsTokenRuleIsTheRequestChecksTokenSyntax() {
    assertEquals(
        dev.remotecache.mock.MockSettings.TOKEN_SYNTAX, BearerTokens.WELL_FORMED.pattern());
  }

  private static final ApiContract CONTRACT = ApiContract.load();

  @Test
  void theRulesAViolationCanNameAreTheSpecsList() {
    assertEquals(
        knownValues("Violation", "rule"), values(ViolationRule.values(), ViolationRule::value));
  }

  @Test
  void theErrorCodesAreTheSpecsList() {
    assertEquals(knownValues("ErrorDetail", "code"), values(ErrorCode.values(), ErrorCode::value));
  }

  @Test
  void everyDocumentedErrorExampleHasTheCodeOfItsStatus() {
    CONTRACT
        .routes()
        .forEach(
            route ->
                route
                    .operation()
                    .getResponses()
                    .forEach(
                        (status, response) -> {
                          if (!status.startsWith("4") && !status.startsWith("5")
                              || response.getContent() == null) {
                            return;
                          }
                          response
                              .getContent()
                              .values()
                              .forEach(
                                  media -> {
                                    if (media.getExample() instanceof Map<?, ?> example
                                        && example.get("error") instanceof Map<?, ?> error) {
                                      assertEquals(
                                          ErrorCode.forStatus(Integer.parseInt(status)).value(),
                                          error.get("code"),
                                          route + " " + status);
                                    }
                                  });
                        }));
  }

  private static Set<String> knownValues(String schema, String property) {
    Schema<?> declared =
        (Schema<?>)
            CONTRACT
                .openApi()
                .getComponents()
                .getSchemas()
                .get(schema)
                .getProperties()
                .get(property);
    Object values = declared.getExtensions().get("x-known-values");
    return ((List<?>) values)
        .stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
  }

  private static <T> Set<String> values(
      T[] constants, java.util.function.Function<T, String> value) {
    return Arrays.stream(constants).map(value).collect(Collectors.toCollection(TreeSet::new));
  }
}
