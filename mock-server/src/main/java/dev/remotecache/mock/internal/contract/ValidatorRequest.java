package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.mock.internal.http.ApiRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validator's view of an {@link ApiRequest}: path, method, decoded query, headers, and the body
 * either parsed once ({@link CachedBody}, shared by every reader) or, for an artifact that streams
 * into the store, only said to be there.
 */
public final class ValidatorRequest implements Request {

  private final ApiRequest request;
  private final Method method;
  private final Map<String, List<String>> query;
  private final Optional<Body> body;

  private ValidatorRequest(ApiRequest request, Method method, Optional<Body> body) {
    this.request = request;
    this.method = method;
    this.query = request.query();
    this.body = body;
  }

  /** With a body read whole (empty for none). */
  public static ValidatorRequest withBody(ApiRequest request, Method method, byte[] bytes) {
    return new ValidatorRequest(
        request, method, bytes.length == 0 ? Optional.empty() : Optional.of(new CachedBody(bytes)));
  }

  /**
   * With a body that is not read here: an artifact, which the validator does not look into (it
   * checks only that there is one); it streams into the store once the request is accepted. An
   * empty body with a {@code Content-Type} is an empty artifact; with neither bytes nor a type
   * there is no body (the spec's upload body decision).
   */
  public static ValidatorRequest withUnreadBody(ApiRequest request, Method method) {
    boolean sent =
        request.body().present()
            || request.body().declaredLength() == 0 && request.header("Content-Type").isPresent();
    return new ValidatorRequest(request, method, sent ? Optional.of(UNREAD) : Optional.empty());
  }

  /** The validator's name for an HTTP method, or empty for one it has no name for. */
  public static Optional<Method> methodOf(String name) {
    try {
      return Optional.of(Method.valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  /** The request this is a view of. */
  public ApiRequest request() {
    return request;
  }

  /** The body's JSON tree, parsed once; empty for no body or an unread one. */
  public Optional<JsonNode> jsonBody() {
    if (body.isEmpty() || !(body.get() instanceof CachedBody cached)) {
      return Optional.empty();
    }
    try {
      return Optional.of(cached.toJsonNode());
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  @Override
  public String getPath() {
    return request.path();
  }

  @Override
  public Method getMethod() {
    return method;
  }

  @Override
  @Deprecated
  public Optional<String> getBody() {
    return body.map(
        b -> {
          try {
            return b.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public Optional<Body> getRequestBody() {
    return body;
  }

  @Override
  public Collection<String> getQueryParameters() {
    return query.keySet();
  }

  @Override
  public Collection<String> getQueryParameterValues(String name) {
    return query.getOrDefault(name, List.of());
  }

  @Override
  public Map<String, Collection<String>> getHeaders() {
    return Collections.<String, Collection<String>>unmodifiableMap(request.headers());
  }

  @Override
  public Collection<String> getHeaderValues(String name) {
    return request.headerValues(name);
  }

  /** A body that is there but not read: the validator reads no bytes of a non-JSON body. */
  private static final Body UNREAD =
      new Body() {
        @Override
        public boolean hasBody() {
          return true;
        }

        @Override
        public JsonNode toJsonNode() throws IOException {
          throw new IOException("an artifact body is streamed, not parsed");
        }

        @Override
        public String toString(Charset encoding) {
          return "";
        }
      };
}
