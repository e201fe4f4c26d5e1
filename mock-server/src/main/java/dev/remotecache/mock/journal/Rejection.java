package dev.remotecache.mock.journal;

import dev.remotecache.client.model.Violation;
import java.time.Instant;
import java.util.List;

/** A request the mock refused, with the status it answered and every violation it found. */
public record Rejection(
    Instant receivedAt, String method, String url, int status, List<Violation> violations) {

  public Rejection {
    violations = List.copyOf(violations);
  }
}
