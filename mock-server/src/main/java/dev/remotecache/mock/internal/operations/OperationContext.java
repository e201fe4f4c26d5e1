package dev.remotecache.mock.internal.operations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operation's implementation may need of its request beyond its parameters (the base URL
 * the client used, an upload's declared length) and the response headers it sets. One per request,
 * passed to the implementation that serves it, as JAX-RS's {@code @Context} objects are.
 */
public final class OperationContext {

  private final String baseUrl;
  private final long uploadLength;
  private final Map<String, String> responseHeaders = new LinkedHashMap<>();

  /**
   * @param baseUrl {@code http://host:port} as the client addressed the mock
   * @param uploadLength the {@code Content-Length} an upload declared, or {@code -1} (none, or sent
   *     chunked)
   */
  public OperationContext(String baseUrl, long uploadLength) {
    this.baseUrl = baseUrl;
    this.uploadLength = uploadLength;
  }

  /** {@code http://host:port} as the client addressed the mock. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The length the request's artifact declared, or {@code -1} when it declared none. */
  public long uploadLength() {
    return uploadLength;
  }

  /** Sets a response header; it must be one the spec declares for the answer. */
  public void header(String name, String value) {
    if (value != null) {
      responseHeaders.put(name, value);
    }
  }

  Map<String, String> responseHeaders() {
    return responseHeaders;
  }
}
