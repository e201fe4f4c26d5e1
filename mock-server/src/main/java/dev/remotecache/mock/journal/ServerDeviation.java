package dev.remotecache.mock.journal;

import dev.remotecache.client.model.Violation;
import java.time.Instant;
import java.util.List;

/** An answer of the real server (behind {@code --proxy}) that breaks the spec, and how. */
public record ServerDeviation(
    Instant receivedAt, String method, String url, int status, List<Violation> violations) {

  public ServerDeviation {
    violations = List.copyOf(violations);
  }
}
