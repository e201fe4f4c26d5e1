package dev.remotecache.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON equality as the wire means it: numbers by value ({@code 0}, {@code 0.0} and {@code 0e0} are
 * one number, whoever parsed them into what type), and an absent property the same as a null one.
 */
final class SameJson {

  private SameJson() {}

  static boolean same(JsonNode a, JsonNode b) {
    if (isAbsent(a) || isAbsent(b)) {
      return isAbsent(a) && isAbsent(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      return names.stream().allMatch(n -> same(a.get(n), b.get(n)));
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<JsonNode> i = a.elements();
      Iterator<JsonNode> j = b.elements();
      while (i.hasNext()) {
        if (!same(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  static void assertSame(JsonNode expected, JsonNode actual, String what) {
    if (!same(expected, actual)) {
      fail(what + ": expected " + expected + " but was " + actual);
    }
  }

  /**
   * Each actual violation matches the expected one at its index on every field the expectation
   * gives (in, at, rule, expected, actual), and has a message; there are as many as expected.
   */
  static void assertViolations(List<JsonNode> expected, JsonNode actual, String whose) {
    assertNotNull(actual, whose + ": no violations");
    String context = whose + " violations " + actual;
    assertEquals(expected.size(), actual.size(), context);
    for (int i = 0; i < expected.size(); i++) {
      JsonNode violation = actual.get(i);
      for (Map.Entry<String, JsonNode> field : expected.get(i).properties()) {
        assertSame(
            field.getValue(),
            violation.get(field.getKey()),
            context + ", #" + i + " field " + field.getKey());
      }
      assertFalse(
          violation.path("message").asText("").isBlank(), context + ", #" + i + " has no message");
    }
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
