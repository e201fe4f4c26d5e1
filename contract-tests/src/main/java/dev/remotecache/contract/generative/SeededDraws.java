package dev.remotecache.contract.generative;

import net.jqwik.api.Arbitrary;

/**
 * Draws values from jqwik arbitraries, reproducibly: the same seed gives the same values, with
 * jqwik's edge cases (empty, 0, the bounds) mixed in as in a property run.
 *
 * <p>The generative mode runs outside a jqwik property (it talks to a live server, under a request
 * budget, and shrinks against it), so it seeds jqwik's source of randomness itself and samples.
 */
final class SeededDraws {

  SeededDraws(long seed) {
    // jqwik's sampling reads the thread's source of randomness; this sets it to the run's seed.
    net.jqwik.engine.SourceOfRandomness.create(Long.toString(seed));
  }

  <T> T draw(Arbitrary<T> arbitrary) {
    return arbitrary.sample();
  }

  /** True with the given probability. */
  boolean chance(double probability) {
    return net.jqwik.engine.SourceOfRandomness.current().nextDouble() < probability;
  }

  int below(int bound) {
    return net.jqwik.engine.SourceOfRandomness.current().nextInt(bound);
  }

  <T> T pick(java.util.List<T> choices) {
    return choices.get(below(choices.size()));
  }
}
