package dev.remotecache.mock.internal.check;

import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code [SOURCE:]EVENT} as the check's event options take it, for example {@code REMOTE:HIT} or
 * {@code MISS}; the values are the spec's enums (generated from it).
 *
 * @param source the source, or {@code null} for any
 */
record EventPattern(CacheSource source, CacheEventType type) {

  static EventPattern parse(String text) {
    String[] parts = text.trim().toUpperCase(Locale.ROOT).split(":", 2);
    try {
      return parts.length == 1
          ? new EventPattern(null, CacheEventType.fromValue(parts[0]))
          : new EventPattern(CacheSource.fromValue(parts[0]), CacheEventType.fromValue(parts[1]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not [SOURCE:]EVENT: SOURCE one of "
              + Arrays.toString(CacheSource.values())
              + ", EVENT one of "
              + Arrays.toString(CacheEventType.values())
              + ", e.g. REMOTE:HIT");
    }
  }

  boolean matches(CacheUsageEvent event) {
    return (source == null || source == event.getSource()) && type == event.getEvent();
  }

  @Override
  public String toString() {
    return (source == null ? "" : source + ":") + type;
  }
}
