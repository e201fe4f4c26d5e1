package dev.remotecache.client;

import dev.remotecache.client.invoker.ApiClient;
import dev.remotecache.client.invoker.ApiException;
import java.io.File;
import java.io.IOException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * The generated {@link ApiClient}, able to hand a binary answer to the caller as it arrives. The
 * generated client copies every binary answer into a temporary file it never deletes; during {@link
 * #streaming} the answer's body goes to the given sink instead, and no file is made. The generated
 * operation still builds the request (path, query, headers, authentication) and reads the errors.
 */
final class StreamingApiClient extends ApiClient {

  /** Reads a successful answer's body (and headers) while the connection is open. */
  @FunctionalInterface
  interface BodySink {
    void accept(ClassicHttpResponse response) throws IOException;
  }

  /** A generated operation's call. */
  @FunctionalInterface
  interface Call {
    void run() throws ApiException;
  }

  // Per thread, as the generated client keeps its last status and headers: one client serves many.
  private final ThreadLocal<BodySink> sink = new ThreadLocal<>();

  StreamingApiClient(CloseableHttpClient httpClient) {
    super(httpClient);
  }

  /** Runs {@code call} with a binary answer's body going to {@code body}, not to a file. */
  void streaming(BodySink body, Call call) throws ApiException {
    sink.set(body);
    try {
      call.run();
    } finally {
      sink.remove();
    }
  }

  /** The status of this thread's last answer. */
  int lastStatus() {
    Integer status = lastStatusCode.get();
    return status == null ? 0 : status;
  }

  @Override
  protected File downloadFileFromResponse(CloseableHttpResponse response) throws IOException {
    BodySink body = sink.get();
    if (body == null) {
      return super.downloadFileFromResponse(response);
    }
    body.accept(response);
    return null;
  }
}
