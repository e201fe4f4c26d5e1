package dev.remotecache.mock.journal;

import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Which recorded events to look at: by session, team ({@code teamId} or {@code slug}), source,
 * event type and hash. Immutable; every criterion narrows. Shared by the Java verification API and
 * the admin API's query parameters.
 */
public final class EventFilter implements Predicate<RecordedEvent> {

  private final List<Predicate<RecordedEvent>> criteria;
  private final List<String> description;

  private EventFilter(List<Predicate<RecordedEvent>> criteria, List<String> description) {
    this.criteria = criteria;
    this.description = description;
  }

  public static EventFilter all() {
    return new EventFilter(List.of(), List.of());
  }

  public EventFilter session(UUID sessionId) {
    Objects.requireNonNull(sessionId, "sessionId: to match every session, leave the criterion out");
    return and(e -> sessionId.equals(e.event().getSessionId()), "session " + sessionId);
  }

  /** Events sent for this team, named by {@code teamId} or by {@code slug}. */
  public EventFilter team(String team) {
    Objects.requireNonNull(team, "team: to match every team, leave the criterion out");
    return and(e -> team.equals(e.teamId()) || team.equals(e.slug()), "team " + team);
  }

  public EventFilter source(CacheSource source) {
    Objects.requireNonNull(source, "source: to match LOCAL and REMOTE, leave the criterion out");
    return and(e -> source == e.event().getSource(), source.toString());
  }

  public EventFilter type(CacheEventType type) {
    Objects.requireNonNull(type, "type: to match HIT and MISS, leave the criterion out");
    return and(e -> type == e.event().getEvent(), type.toString());
  }

  public EventFilter hash(String hash) {
    Objects.requireNonNull(hash, "hash: to match every artifact, leave the criterion out");
    return and(e -> hash.equals(e.event().getHash()), "hash " + hash);
  }

  @Override
  public boolean test(RecordedEvent event) {
    return criteria.stream().allMatch(c -> c.test(event));
  }

  /** {@code REMOTE HIT events for session 943c...}: for assertion messages. */
  @Override
  public String toString() {
    return description.isEmpty() ? "events" : "events (" + String.join(", ", description) + ")";
  }

  private EventFilter and(Predicate<RecordedEvent> criterion, String text) {
    List<Predicate<RecordedEvent>> c = new ArrayList<>(criteria);
    c.add(criterion);
    List<String> d = new ArrayList<>(description);
    d.add(text);
    return new EventFilter(List.copyOf(c), List.copyOf(d));
  }
}
