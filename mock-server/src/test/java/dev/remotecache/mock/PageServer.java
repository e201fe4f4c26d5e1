package dev.remotecache.mock;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One HTML page served on a loopback port of its own: a web page on another origin than the mock.
 */
final class PageServer implements AutoCloseable {

  private final HttpServer server;

  private PageServer(HttpServer server) {
    this.server = server;
  }

  /** Serves the test resource {@code resource} (beside {@code owner}) at {@code path}. */
  static PageServer serving(Class<?> owner, String resource, String path) throws IOException {
    byte[] page;
    try (InputStream in = owner.getResourceAsStream(resource)) {
      page = in.readAllBytes();
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    server.start();
    return new PageServer(server);
  }

  /** The page's origin, {@code http://127.0.0.1:PORT}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
