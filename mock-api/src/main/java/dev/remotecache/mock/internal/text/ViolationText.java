package dev.remotecache.mock.internal.text;

import dev.remotecache.client.model.Violation;

/** How a violation's place reads in a line of text: one wording for every message that names it. */
public final class ViolationText {

  private ViolationText() {}

  /** {@code body [0].hash}, or just {@code body} when the violation names no place within it. */
  public static String place(Violation v) {
    return v.getAt() == null || v.getAt().isEmpty() ? "" + v.getIn() : v.getIn() + " " + v.getAt();
  }

  /** {@code body [0].hash pattern}: the place and the rule broken there. */
  public static String placeAndRule(Violation v) {
    return place(v) + " " + v.getRule();
  }
}
