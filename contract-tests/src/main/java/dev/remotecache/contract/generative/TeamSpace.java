package dev.remotecache.contract.generative;

import java.util.List;
import java.util.Map;

/**
 * The teams one sequence acts for, all inside the run's own namespace, so that the generative mode
 * never touches a team it did not create: one named by {@code slug}, one by {@code teamId} only,
 * and one whose slug is not ASCII. Every replay during shrinking gets a fresh space.
 */
public record TeamSpace(String prefix, String id) {

  static final int TEAMS = 3;

  /**
   * The query parameters that select team {@code index} (the spec's team scope: teamId, else slug).
   */
  Map<String, String> selector(int index) {
    return switch (index) {
      case 0 -> Map.of("slug", prefix + "-" + id + "-a");
      case 1 -> Map.of("teamId", "team_" + prefix.replaceAll("[^A-Za-z0-9]", "") + id + "b");
      default -> Map.of("slug", prefix + "-" + id + "-\u00e9quipe-\u00fc");
    };
  }

  List<Map<String, String>> selectors() {
    return List.of(selector(0), selector(1), selector(2));
  }
}
