package dev.remotecache.mock.internal.contract;

import java.util.Optional;

/**
 * The rules a violation can name ({@code Violation.rule}). The spec lists them in {@code
 * Violation.rule}'s {@code x-known-values}; {@code VocabularyTest} holds this list to it.
 */
public enum ViolationRule {
  ENUM("enum"),
  REQUIRED("required"),
  TYPE("type"),
  FORMAT("format"),
  PATTERN("pattern"),
  MIN_LENGTH("minLength"),
  MAX_LENGTH("maxLength"),
  MINIMUM("minimum"),
  MAXIMUM("maximum"),
  ADDITIONAL_PROPERTIES("additionalProperties"),
  JSON("json"),
  MISSING("missing"),
  CONTENT_TYPE("contentType"),
  TOKEN("token"),
  PATH("path"),
  METHOD("method"),
  BODY_SIZE("bodySize"),
  DUPLICATE("duplicate");

  private final String value;

  ViolationRule(String value) {
    this.value = value;
  }

  /** As the API spells it: {@code minLength}. */
  public String value() {
    return value;
  }

  /** Whether {@code rule} (a violation's rule) is this one. */
  public boolean is(String rule) {
    return value.equals(rule);
  }

  /**
   * The rule named after a schema keyword the validator reported, if the spec lists one by that
   * name.
   */
  public static Optional<ViolationRule> ofKeyword(String keyword) {
    for (ViolationRule rule : values()) {
      if (rule.value.equals(keyword)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
