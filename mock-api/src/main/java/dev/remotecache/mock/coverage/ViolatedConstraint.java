package dev.remotecache.mock.coverage;

/**
 * A constraint of the spec that requests broke: where ({@code in} and {@code at}, as in a
 * violation), which rule, and how often.
 */
public record ViolatedConstraint(String in, String at, String rule, long times) {}
