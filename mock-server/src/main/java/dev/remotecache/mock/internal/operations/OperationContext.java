package dev.remotecache.mock.internal.operations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operation implementation may need beyond its parameters (the base URL the client used)
 * and the response headers it sets. One per request, on the serving thread, as JAX-RS's
 * {@code @Context} objects are.
 */
public final class OperationContext {

  private static final ThreadLocal<OperationContext> CURRENT = new ThreadLocal<>();

  private final String baseUrl;
  private final Map<String, String> responseHeaders = new LinkedHashMap<>();

  OperationContext(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The context of the request being served. */
  public static OperationContext current() {
    OperationContext context = CURRENT.get();
    if (context == null) {
      throw new IllegalStateException("no request is being served on this thread");
    }
    return context;
  }

  static void open(OperationContext context) {
    CURRENT.set(context);
  }

  static void close() {
    CURRENT.remove();
  }

  /** {@code http://host:port} as the client addressed the mock. */
  public String baseUrl() {
    return baseUrl;
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
