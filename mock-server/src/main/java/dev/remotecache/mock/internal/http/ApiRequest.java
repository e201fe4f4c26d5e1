package dev.remotecache.mock.internal.http;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the mock's pipeline sees it, whichever server received it: the method and
 * path, the query still %-encoded, the headers (names in any case), the body as the server hands it
 * over (read at most once), and where the client addressed the mock.
 *
 * @param rawQuery the part of the URL after {@code ?}, still %-encoded; {@code null} for none
 * @param baseUrl {@code http://host:port} as the client addressed the mock
 * @param clientIp the peer's address, as a literal
 */
public record ApiRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> headers,
    RequestBody body,
    String baseUrl,
    String clientIp) {

  public ApiRequest {
    TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(caseless);
  }

  /**
   * The path and query as sent ({@code /v8/artifacts/events?slug=x}), for the journal and the log.
   */
  public String url() {
    return rawQuery == null ? path : path + "?" + rawQuery;
  }

  /** Every value of a header, in the order sent; empty when absent. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    List<String> values = headerValues(name); // asked several times a request: no stream
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Collection<String> headerNames() {
    return headers.keySet();
  }

  /** The decoded query: names, each with its values in order. */
  public Map<String, List<String>> query() {
    return QueryString.parse(rawQuery);
  }

  public boolean isHead() {
    return "HEAD".equals(method);
  }
}
