package dev.remotecache.contract.generative;

import java.util.List;

/**
 * A property a server broke, with the sequence that shows it: the last step is the one whose answer
 * broke it. After shrinking, {@code steps} is minimal and {@code originalLength} says how long the
 * generated sequence was.
 */
public record Finding(
    Property property,
    String expected,
    String actual,
    List<Step> steps,
    TeamSpace space,
    int originalLength,
    long seed) {

  public Finding {
    steps = List.copyOf(steps);
  }

  Finding shrunkTo(List<Step> smaller, TeamSpace newSpace, String newExpected, String newActual) {
    return new Finding(property, newExpected, newActual, smaller, newSpace, originalLength, seed);
  }

  public int requests() {
    return steps.size();
  }
}
