package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.mock.journal.RequestRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats the one line per request of the log, readable at a glance:
 *
 * <pre>
 * 14:02:11.374  POST /v8/artifacts/events?slug=team_x  200 accepted  4 ms
 * 14:02:11.901  POST /v8/artifacts/events  400 rejected  1 ms  body /0/source must be one of [LOCAL, REMOTE], got "local"
 * </pre>
 *
 * With colour (for a terminal): green for accepted, yellow for an accepted request answered 4xx (a
 * miss), red for a rejection.
 */
public final class RequestLine {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  private final boolean colour;

  public RequestLine(boolean colour) {
    this.colour = colour;
  }

  public String format(RequestRecord r) {
    String verdict = r.status() + (r.accepted() ? " accepted" : " rejected");
    String paint = !r.accepted() ? RED : r.status() >= 400 ? YELLOW : GREEN;
    StringBuilder line =
        new StringBuilder()
            .append(dim(TIME.format(r.receivedAt())))
            .append("  ")
            .append(r.method())
            .append(' ')
            .append(r.url())
            .append("  ")
            .append(colour ? paint + verdict + RESET : verdict);
    if (r.durationMs() != null) {
      line.append("  ").append(dim(r.durationMs() + " ms"));
    }
    if (r.summary() != null) {
      line.append("  ").append(r.summary());
    }
    return line.toString();
  }

  private String dim(String text) {
    return colour ? DIM + text + RESET : text;
  }
}
