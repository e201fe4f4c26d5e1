package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.RequestRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats the one line per request of the log, readable at a glance:
 *
 * <pre>
 * 14:02:11.374  POST /v8/artifacts/events?slug=team_x  200 accepted  4 ms
 * 14:02:11.901  POST /v8/artifacts/events  400 rejected  1 ms  body /0/source must be one of [LOCAL, REMOTE], got "local"
 * 14:02:12.020  GET /v8/artifacts/status  503 fault  0 ms  fault: SERVER_ERROR
 * </pre>
 *
 * Each answer is named and (for a terminal) coloured by its {@link AnswerClass}: green accepted,
 * yellow an error answer the spec documents (a miss), red a rejection or a 5xx, magenta a fault,
 * blue a forced answer, cyan a redirect or a CORS preflight.
 */
public final class RequestLine {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String BLUE = "\u001b[34m";
  private static final String MAGENTA = "\u001b[35m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  private final boolean colour;

  public RequestLine(boolean colour) {
    this.colour = colour;
  }

  public String format(RequestRecord r) {
    AnswerClass answerClass = r.answerClass();
    String verdict = r.status() + " " + label(answerClass);
    StringBuilder line =
        new StringBuilder()
            .append(dim(TIME.format(r.receivedAt())))
            .append("  ")
            .append(r.method())
            .append(' ')
            .append(r.url())
            .append("  ")
            .append(colour ? paint(answerClass) + verdict + RESET : verdict);
    if (r.durationMs() != null) {
      line.append("  ").append(dim(r.durationMs() + " ms"));
    }
    if (r.summary() != null) {
      line.append("  ").append(r.summary());
    }
    return line.toString();
  }

  /** The word for a class of answer, as the live view names it too. */
  static String label(AnswerClass answerClass) {
    return switch (answerClass) {
      case SUCCESS -> "accepted";
      case REDIRECT -> "redirect";
      case ERROR_ANSWER -> "error answer";
      case REJECTED -> "rejected";
      case SERVER_ERROR -> "server error";
      case FAULT -> "fault";
      case FORCED -> "forced";
      case STUB -> "stub";
      case PREFLIGHT -> "preflight";
    };
  }

  private static String paint(AnswerClass answerClass) {
    return switch (answerClass) {
      case SUCCESS -> GREEN;
      case ERROR_ANSWER -> YELLOW;
      case REJECTED, SERVER_ERROR -> RED;
      case FAULT -> MAGENTA;
      case FORCED, STUB -> BLUE;
      case REDIRECT, PREFLIGHT -> CYAN;
    };
  }

  private String dim(String text) {
    return colour ? DIM + text + RESET : text;
  }
}
