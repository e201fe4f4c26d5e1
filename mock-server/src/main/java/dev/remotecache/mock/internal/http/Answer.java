package dev.remotecache.mock.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the mock answers to one request, whichever server sends it: status, headers, a body (bytes,
 * or a stream of known length), and how the connection should misbehave, if a fault says so.
 *
 * <p>A server adapter writes it as it is; it decides nothing.
 *
 * @param headers names as the spec spells them, each with its values
 * @param body the bytes, or {@code null} for none (a stream is in {@code stream})
 * @param stream the body as a stream of {@code streamLength} bytes (a download), or {@code null}
 * @param disruption how the connection misbehaves, or {@code null} for a plain answer
 */
public record Answer(
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    InputStream stream,
    long streamLength,
    Disruption disruption) {

  public Answer {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = copy;
  }

  /** How an injected fault breaks the answer on the wire. */
  public enum Breakage {
    /** The connection is reset before any answer. */
    CONNECTION_RESET,
    /** The connection is closed with no answer at all. */
    EMPTY_RESPONSE,
    /** A status line and part of a body, then the connection closes. */
    TRUNCATED_BODY
  }

  /**
   * A fault as data: wait {@code delayMs} before answering, then answer, or break the connection
   * ({@code breakage}, or {@code null} to answer normally).
   */
  public record Disruption(long delayMs, Breakage breakage) {}

  public static Answer of(int status) {
    return new Answer(status, Map.of(), null, null, 0, null);
  }

  /** A JSON answer. */
  public static Answer json(int status, byte[] body) {
    return of(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** The API's error body ({@code {"error": {"code", "message"}}}) with {@code status}. */
  public static Answer error(int status, String code, String message) {
    return json(status, ErrorBodies.of(code, message));
  }

  public Answer withHeader(String name, String value) {
    Map<String, List<String>> more = new LinkedHashMap<>(headers);
    List<String> values = new ArrayList<>(more.getOrDefault(name, List.of()));
    values.add(value);
    more.put(name, values);
    return new Answer(status, more, body, stream, streamLength, disruption);
  }

  public Answer withBody(byte[] bytes) {
    return new Answer(status, headers, bytes, null, 0, disruption);
  }

  /** A body streamed from {@code bytes}, {@code length} bytes long; the writer closes it. */
  public Answer withStream(InputStream bytes, long length) {
    return new Answer(status, headers, null, bytes, length, disruption);
  }

  public Answer withDisruption(Disruption fault) {
    return new Answer(status, headers, body, stream, streamLength, fault);
  }

  /** The same answer with no body (to a HEAD request); an open stream is closed. */
  public Answer withoutBody() {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException ignored) {
        // nothing was read from it
      }
    }
    return new Answer(status, headers, null, null, 0, disruption);
  }

  /** The first value of a header, or {@code null}. */
  public String header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .findFirst()
        .orElse(null);
  }
}
