package dev.remotecache.mock.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the mock answers to one request, whichever server sends it: status, headers, a body (none,
 * bytes, or a stream of known length), and how the connection should misbehave, if a fault says so.
 *
 * <p>A server adapter writes it as it is; it decides nothing.
 *
 * @param headers names as the spec spells them, each with its values
 * @param body what follows the headers
 * @param disruption how the connection misbehaves, or {@code null} for a plain answer
 */
public record Answer(
    int status, Map<String, List<String>> headers, Body body, Disruption disruption) {

  public Answer {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = copy;
    body = body == null ? Body.NONE : body;
  }

  /** An answer's body: none, bytes in memory, or a stream (a download). */
  public sealed interface Body {
    /** No body. */
    Body NONE = new None();

    /** No body (a {@code 204}, a {@code HEAD}, an empty {@code 200}). */
    record None() implements Body {}

    /** Bytes in memory (JSON, an error). */
    record Bytes(byte[] bytes) implements Body {}

    /**
     * A body streamed from {@code bytes}, {@code length} bytes long ({@code -1}: not known); the
     * writer closes it.
     */
    record Stream(InputStream bytes, long length) implements Body {}
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
    return new Answer(status, Map.of(), Body.NONE, null);
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
    return new Answer(status, more, body, disruption);
  }

  /** The same answer with these headers instead of its own. */
  public Answer withHeaders(Map<String, List<String>> replaced) {
    return new Answer(status, replaced, body, disruption);
  }

  public Answer withBody(byte[] bytes) {
    return new Answer(
        status, headers, bytes == null ? Body.NONE : new Body.Bytes(bytes), disruption);
  }

  /** A body streamed from {@code bytes}, {@code length} bytes long; the writer closes it. */
  public Answer withStream(InputStream bytes, long length) {
    return new Answer(status, headers, new Body.Stream(bytes, length), disruption);
  }

  public Answer withDisruption(Disruption fault) {
    return new Answer(status, headers, body, fault);
  }

  /** The same answer with no body (to a HEAD request); an open stream is closed. */
  public Answer withoutBody() {
    if (body instanceof Body.Stream stream) {
      try {
        stream.bytes().close();
      } catch (IOException ignored) {
        // nothing was read from it
      }
    }
    return new Answer(status, headers, Body.NONE, disruption);
  }

  /** The body's bytes when it is in memory; {@code null} for none or a stream. */
  public byte[] bytes() {
    return body instanceof Body.Bytes b ? b.bytes() : null;
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
