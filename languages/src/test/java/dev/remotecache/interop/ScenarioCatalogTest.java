package dev.remotecache.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** scenarios.json says what it means: a mistake in it would otherwise pass for a client's. */
class ScenarioCatalogTest {

  private final List<Scenario> scenarios = ScenarioCatalog.scenarios();

  @Test
  void namesAreUniqueSinceTheRunnersFindScenariosByName() {
    Set<String> names = scenarios.stream().map(Scenario::name).collect(Collectors.toSet());
    assertEquals(scenarios.size(), names.size());
  }

  @Test
  void everyRefusalNamesItsCodeAndViolations() {
    for (Scenario s : scenarios) {
      assertTrue(s.status() == 200 || s.status() >= 400, s.name());
      assertNotNull(s.events(), s.name() + ": no events");
      if (!s.accepted()) {
        assertNotNull(s.code(), s.name() + ": no error code");
        assertFalse(s.violations().isEmpty(), s.name() + ": no violations");
        for (JsonNode v : s.violations()) {
          assertTrue(v.hasNonNull("in") && v.hasNonNull("rule"), s.name() + ": " + v);
        }
      }
    }
  }

  @Test
  void cannotExpressNamesOnlyLanguagesThatRunTheScenarios() {
    for (Scenario s : scenarios) {
      assertTrue(LanguageTable.names().containsAll(s.cannotExpress().keySet()), s.name());
      // A valid call that a client cannot make is a defect of that client's generator: name it as
      // one.
      assertTrue(
          !s.accepted()
              || s.cannotExpress().values().stream().allMatch(r -> r.contains("generator bug")),
          s.name() + ": a valid call every client should make");
    }
  }

  @Test
  void theListCoversValidCallsAndViolationsInEveryPart() {
    assertTrue(scenarios.stream().filter(Scenario::accepted).count() >= 4);
    Set<String> parts =
        scenarios.stream()
            .flatMap(s -> s.violations().stream())
            .map(v -> v.path("in").asText())
            .collect(Collectors.toSet());
    assertEquals(Set.of("header", "body", "security"), parts);
  }
}
