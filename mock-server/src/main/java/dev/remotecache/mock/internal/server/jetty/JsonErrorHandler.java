package dev.remotecache.mock.internal.server.jetty;

import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.ErrorBodies;
import java.io.IOException;
import java.nio.ByteBuffer;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.http.HttpFields;
import wiremock.org.eclipse.jetty.http.HttpHeader;
import wiremock.org.eclipse.jetty.server.Request;
import wiremock.org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own answers (a request it cannot parse: a {@code %00} in the path, a malformed header, an
 * oversized header) in the API's error shape instead of Jetty's HTML page, so that a client reads
 * every error the same way.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    response.setContentType("application/json");
    response.getOutputStream().write(body(code, message));
    baseRequest.setHandled(true);
  }

  private static byte[] body(int status, String reason) {
    return ErrorBodies.of(
        ErrorCode.forStatus(status).value(),
        "The HTTP server could not read the request: "
            + (reason == null ? "malformed request" : reason));
  }
}
