package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that sends {@code Expect: 100-continue} waits for {@code 100 Continue} before its body.
 * When the headers already break the contract, the first status line it reads is the refusal: it
 * never uploads a body that is refused anyway. Raw sockets, so that no client library hides which
 * status line came first.
 */
class ExpectContinueTest {

  private static final String EVENTS = "/v8/artifacts/events?slug=team";
  private static final String ARTIFACT = "/v8/artifacts/6304b9faf99a2e19?slug=team";

  private static RemoteCacheMock mock;

  @BeforeAll
  static void start() {
    mock = RemoteCacheMock.builder().port(0).token("secret").maxBodySize(1024).build().start();
  }

  @AfterAll
  static void stop() {
    mock.stop();
  }

  @Test
  void aWrongOrMissingTokenIsAnswered401BeforeTheBody() throws IOException {
    assertEquals(
        "HTTP/1.1 401 Unauthorized",
        firstStatusLine("POST", EVENTS, "Authorization: Bearer wrong", "application/json", 200));
    assertEquals(
        "HTTP/1.1 401 Unauthorized",
        firstStatusLine("PUT", ARTIFACT, null, "application/octet-stream", 200));
  }

  @Test
  void aContentTypeTheOperationDoesNotTakeIs400BeforeTheBody() throws IOException {
    assertEquals(
        "HTTP/1.1 400 Bad Request",
        firstStatusLine("POST", EVENTS, "Authorization: Bearer secret", "text/plain", 200));
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413BeforeTheBody() throws IOException {
    assertEquals(
        "HTTP/1.1 413 Payload Too Large",
        firstStatusLine(
            "PUT", ARTIFACT, "Authorization: Bearer secret", "application/octet-stream", 5000));
  }

  @Test
  void headersThatHoldAreAskedForTheirBodyAndThenAnswered() throws IOException {
    byte[] event = ("[" + Http.VALID_EVENT + "]").getBytes(StandardCharsets.UTF_8);
    assertEquals(
        List.of("HTTP/1.1 100 Continue", "HTTP/1.1 200 OK"),
        statusLines("POST", EVENTS, "Authorization: Bearer secret", "application/json", event));
    assertEquals(
        List.of("HTTP/1.1 100 Continue", "HTTP/1.1 202 Accepted"),
        statusLines(
            "PUT", ARTIFACT, "Authorization: Bearer secret", "application/octet-stream", event));
  }

  private static String firstStatusLine(
      String method, String target, String authorization, String contentType, int length)
      throws IOException {
    return statusLines(method, target, authorization, contentType, new byte[length]).get(0);
  }

  /**
   * Sends the headers with {@code Expect: 100-continue} and reads the first status line the server
   * answers; after a {@code 100}, sends the body and reads the final one too. (The socket's timeout
   * is only a guard against a hang.)
   */
  private static List<String> statusLines(
      String method, String target, String authorization, String contentType, byte[] body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", mock.port())) {
      socket.setSoTimeout(30_000);
      String head =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + mock.port()
              + "\r\n"
              + (authorization == null ? "" : authorization + "\r\n")
              + "Content-Type: "
              + contentType
              + "\r\nContent-Length: "
              + body.length
              + "\r\nExpect: 100-continue\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String first = in.readLine();
      if (!first.startsWith("HTTP/1.1 100")) {
        return List.of(first);
      }
      in.readLine(); // the empty line that ends the interim answer
      out.write(body);
      out.flush();
      return List.of(first, in.readLine());
    }
  }
}
