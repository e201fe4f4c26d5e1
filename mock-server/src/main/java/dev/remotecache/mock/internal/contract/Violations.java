package dev.remotecache.mock.internal.contract;

import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;

/** Builds the spec's {@link Violation}s, with a rule from the spec's list only. */
public final class Violations {

  private Violations() {}

  /**
   * A violation of {@code rule} in {@code in}; add {@code at}, {@code expected}, {@code actual}
   * with its setters.
   */
  public static Violation of(ViolationLocation in, ViolationRule rule, String message) {
    return new Violation().in(in).rule(rule.value()).message(message);
  }
}
