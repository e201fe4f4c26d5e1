package dev.remotecache.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An artifact upload sent by hand over a socket, so that a test can stop it part way and know when
 * the server has read what was sent: the moment to kill or stop the server with an upload half
 * received (a fixed sleep cannot tell whether the bytes reached the server).
 *
 * <p>"Read by the server" is read off the kernel's own accounts of the connection ({@code
 * /proc/net/tcp}, Linux): our end has no byte left unacknowledged and the server's end has no byte
 * left unread. The server's JVM has then taken every byte sent into its own buffers, which hold
 * little: the rest went on to the store.
 */
final class PartialUpload implements AutoCloseable {

  private static final List<Path> TCP_TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String LISTEN = "0A";

  private final Socket socket;
  private final OutputStream out;
  private final int serverPort;
  private long sent;

  private PartialUpload(Socket socket, int serverPort) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.serverPort = serverPort;
  }

  /**
   * Sends the request line and headers of {@code PUT url} with a body of {@code declaredLength}
   * bytes, and no byte of the body yet.
   */
  static PartialUpload begin(URI url, Map<String, String> headers, long declaredLength)
      throws IOException {
    Socket socket = new Socket(url.getHost(), url.getPort());
    socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
    PartialUpload upload = new PartialUpload(socket, url.getPort());
    StringBuilder head = new StringBuilder();
    head.append("PUT ").append(url.getRawPath());
    if (url.getRawQuery() != null) {
      head.append('?').append(url.getRawQuery());
    }
    head.append(" HTTP/1.1\r\n")
        .append("Host: ")
        .append(url.getHost())
        .append(':')
        .append(url.getPort())
        .append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(declaredLength).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    upload.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    upload.out.flush();
    return upload;
  }

  /** Sends the next {@code count} bytes of the body from {@code bytes}. */
  void send(InputStream bytes, long count) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = count;
    while (left > 0) {
      int n = bytes.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("the body ended " + left + " bytes early");
      }
      out.write(buffer, 0, n);
      left -= n;
      sent += n;
    }
    out.flush();
  }

  long sent() {
    return sent;
  }

  /**
   * Returns once the server's process has read every byte sent so far off the connection; fails
   * after {@code timeout}.
   */
  void awaitReadByServer(Duration timeout) throws IOException, InterruptedException {
    int localPort = socket.getLocalPort();
    long deadline = System.nanoTime() + timeout.toNanos();
    // First every byte acknowledged by the server's kernel, then none of them left unread there:
    // once our side has nothing in flight, the server's unread count can only go down.
    awaitQueue(localPort, serverPort, true, deadline);
    awaitQueue(serverPort, localPort, false, deadline);
  }

  private void awaitQueue(int local, int remote, boolean sendQueue, long deadline)
      throws IOException, InterruptedException {
    while (true) {
      Long queued = queue(local, remote, sendQueue);
      if (queued == null) {
        throw new AssertionError(
            "no connection 127.0.0.1:" + local + " -> :" + remote + " in " + TCP_TABLES);
      }
      if (queued == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the server has not read the upload's "
                + sent
                + " bytes sent: "
                + queued
                + " still "
                + (sendQueue ? "unacknowledged" : "unread"));
      }
      Thread.sleep(5); // polls the kernel's table: it has no notification for this
    }
  }

  /** The send or receive queue of one end of a connection, or null when there is no such end. */
  private static Long queue(int local, int remote, boolean sendQueue) throws IOException {
    for (Path table : TCP_TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      List<String> lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st tx_queue:rx_queue ...
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 5 || fields[3].equals(LISTEN)) {
          continue;
        }
        if (port(fields[1]) == local && port(fields[2]) == remote) {
          String[] queues = fields[4].split(":");
          return Long.parseLong(queues[sendQueue ? 0 : 1], 16);
        }
      }
    }
    return null;
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
  }

  /** Sends the rest of the body and reads the server's answer: its status line and body. */
  Answer finish(InputStream rest) throws IOException {
    rest.transferTo(out);
    out.flush();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    socket.getInputStream().transferTo(answer); // Connection: close, so the answer ends at EOF
    String text = answer.toString(StandardCharsets.UTF_8);
    int headEnd = text.indexOf("\r\n\r\n");
    String statusLine = text.substring(0, Math.max(0, text.indexOf("\r\n")));
    String[] status = statusLine.split(" ");
    if (headEnd < 0 || status.length < 2) {
      throw new IOException("not an HTTP answer: " + text);
    }
    return new Answer(Integer.parseInt(status[1]), text.substring(headEnd + 4));
  }

  record Answer(int status, String body) {}

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
