package dev.remotecache.contract.generative;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Shrinks a failing sequence to a minimal one that still breaks the same property, by replaying
 * candidates against the server (each in fresh teams): first whole steps are dropped (halves,
 * quarters, ... single steps), then hashes are shortened (everywhere at once, by bisection), then
 * each step is simplified (a 0-byte body, fewer headers, shorter arrays, the first team). Bounded
 * by a number of replays and by the run's budget.
 */
final class Shrinker {

  private final SequenceRunner runner;
  private final Supplier<TeamSpace> freshSpaces;
  private final int maxReplays;

  Shrinker(SequenceRunner runner, Supplier<TeamSpace> freshSpaces, int maxReplays) {
    this.runner = runner;
    this.freshSpaces = freshSpaces;
    this.maxReplays = maxReplays;
  }

  Finding shrink(Finding finding) {
    Set<Property> others = EnumSet.complementOf(EnumSet.of(finding.property()));
    Finding best = finding;
    int replays = 0;
    try {
      boolean progress = true;
      while (progress && replays < maxReplays) {
        progress = false;
        List<Step> current = best.steps();
        for (int chunk = Math.max(1, current.size() / 2);
            chunk >= 1 && replays < maxReplays;
            chunk /= 2) {
          int start = 0;
          while (start < best.steps().size() && best.steps().size() > 1 && replays < maxReplays) {
            List<Step> candidate = new ArrayList<>(best.steps());
            candidate.subList(start, Math.min(start + chunk, candidate.size())).clear();
            replays++;
            Finding smaller = replay(best, candidate, others);
            if (smaller != null) {
              best = smaller;
              progress = true;
            } else {
              start += chunk;
            }
          }
          if (chunk == 1) {
            break;
          }
        }
        // A hash is shortened everywhere at once (so the steps the links tie together stay tied),
        // by
        // bisecting its length: the shortest prefix that still fails.
        for (String hash :
            best.steps().stream()
                .map(Step::hash)
                .filter(h -> h != null && h.length() > 1)
                .distinct()
                .toList()) {
          int failing = hash.length();
          int passing = 0;
          String named = hash;
          while (failing - passing > 1 && replays < maxReplays) {
            int middle = (failing + passing) / 2;
            String shorter = hash.substring(0, middle);
            String from = named;
            if (best.steps().stream().anyMatch(step -> shorter.equals(step.hash()))) {
              break;
            }
            List<Step> candidate =
                best.steps().stream().map(step -> step.withHashRenamed(from, shorter)).toList();
            replays++;
            Finding smaller = replay(best, candidate, others);
            if (smaller != null) {
              best = smaller;
              named = shorter;
              failing = middle;
              progress = true;
            } else {
              passing = middle;
            }
          }
        }
        for (int i = 0; i < best.steps().size() && replays < maxReplays; i++) {
          for (Step simpler : best.steps().get(i).simpler()) {
            if (replays >= maxReplays) {
              break;
            }
            List<Step> candidate = new ArrayList<>(best.steps());
            candidate.set(i, simpler);
            replays++;
            Finding smaller = replay(best, candidate, others);
            if (smaller != null) {
              best = smaller;
              progress = true;
              break;
            }
          }
        }
      }
    } catch (Budget.Exhausted spent) {
      // Keep the smallest sequence found so far.
    }
    return best;
  }

  /**
   * The finding again with {@code candidate} (cut after its failing step), or null if it no longer
   * fails the same way.
   */
  private Finding replay(Finding finding, List<Step> candidate, Set<Property> tolerated) {
    if (candidate.isEmpty()) {
      return null;
    }
    TeamSpace space = freshSpaces.get();
    SequenceRunner.Outcome outcome = runner.run(candidate, space, tolerated);
    if (!outcome.failed() || outcome.property() != finding.property()) {
      return null;
    }
    return finding.shrunkTo(
        candidate.subList(0, outcome.failedAt() + 1), space, outcome.expected(), outcome.actual());
  }
}
