package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.remotecache.mock.journal.ServerDeviation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** --proxy: the mock in front of a real server, checking requests and the server's answers. */
class ValidatingProxyTest {

  @Test
  void aConformingServerIsReachedThroughTheProxyWithNoDeviation() {
    try (RemoteCacheMock server = RemoteCacheMock.builder().port(0).build().start();
        RemoteCacheMock proxy =
            RemoteCacheMock.builder()
                .port(0)
                .proxyTo(URI.create(server.baseUrl()))
                .build()
                .start()) {
      HttpResponse<String> put =
          send(
              HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v8/artifacts/abc?slug=web"))
                  .header("Authorization", "Bearer t")
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofString("x")));
      assertEquals(202, put.statusCode(), put.body());
      assertEquals(
          200, send(authorizedPost(proxy.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")).statusCode());

      assertEquals(1, server.artifacts().size(), "the real server stored it");
      assertEquals(1, server.events().size());
      proxy.verify().noRejections().noServerDeviations();
    }
  }

  @Test
  void theServersAnswersThatBreakTheSpecAreReported() throws Exception {
    HttpServer deviating = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    deviating.createContext(
        "/",
        exchange -> {
          byte[] body =
              exchange.getRequestURI().getPath().endsWith("/status")
                  ? "{\"status\":\"maybe\"}".getBytes(StandardCharsets.UTF_8) // not one of the four
                  : "{\"url\":\"x\"}"
                      .getBytes(StandardCharsets.UTF_8); // 200 instead of 202, no urls
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    deviating.start();
    try (RemoteCacheMock proxy =
        RemoteCacheMock.builder()
            .port(0)
            .proxyTo(URI.create("http://127.0.0.1:" + deviating.getAddress().getPort()))
            .build()
            .start()) {
      HttpResponse<String> status =
          send(
              HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v8/artifacts/status"))
                  .header("Authorization", "Bearer t")
                  .GET());
      assertEquals(200, status.statusCode());
      assertEquals("{\"status\":\"maybe\"}", status.body(), "the client gets what the server said");
      send(
          HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v8/artifacts/abc"))
              .header("Authorization", "Bearer t")
              .header("Content-Type", "application/octet-stream")
              .PUT(HttpRequest.BodyPublishers.ofString("x")));

      List<ServerDeviation> deviations = proxy.deviations();
      assertEquals(2, deviations.size(), deviations.toString());
      assertTrue(
          deviations.get(0).violations().stream().anyMatch(v -> v.getRule().equals("enum")),
          deviations.get(0).toString());
      assertTrue(
          deviations.get(1).violations().stream().anyMatch(v -> v.getMessage().contains("200")),
          "an undocumented status is named: " + deviations.get(1));
      assertThrows(AssertionError.class, () -> proxy.verify().noServerDeviations());
      HttpResponse<String> overHttp =
          send(
              HttpRequest.newBuilder(
                      URI.create(proxy.baseUrl() + "/__admin/remote-cache/deviations"))
                  .GET());
      assertEquals(2, json(overHttp).get("deviations").size());
    } finally {
      deviating.stop(0);
    }
  }

  @Test
  void aHugeInvalidAnswerNamesTheFirstDeparturesAndCountsTheRest() throws Exception {
    int entries = 20_000;
    StringBuilder huge = new StringBuilder("{");
    for (int i = 0; i < entries; i++) {
      huge.append(i == 0 ? "" : ",").append("\"h").append(i).append("\":7"); // not an object
    }
    byte[] body = huge.append('}').toString().getBytes(StandardCharsets.UTF_8);
    HttpServer deviating = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    deviating.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    deviating.start();
    try (RemoteCacheMock proxy =
        RemoteCacheMock.builder()
            .port(0)
            .maxViolations(3)
            .proxyTo(URI.create("http://127.0.0.1:" + deviating.getAddress().getPort()))
            .build()
            .start()) {
      HttpResponse<String> query =
          send(authorizedPost(proxy.baseUrl(), "/v8/artifacts", "{\"hashes\":[\"abc\"]}"));
      assertEquals(200, query.statusCode(), "the client gets what the server said");
      ServerDeviation deviation = proxy.deviations().get(0);
      assertEquals(3, deviation.violations().size(), "the first ones: " + deviation.violations());
      assertTrue(
          deviation.violationCount() >= entries,
          "and how many in all: " + deviation.violationCount());
      assertTrue(
          deviation.violations().get(0).getAt().contains("h0"),
          "in document order: " + deviation.violations());
    } finally {
      deviating.stop(0);
    }
  }

  @Test
  void invalidRequestsAreRefusedUnlessToldToForwardThem() throws Exception {
    AtomicInteger reached = new AtomicInteger();
    HttpServer counting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    counting.createContext(
        "/",
        exchange -> {
          reached.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    counting.start();
    URI target = URI.create("http://127.0.0.1:" + counting.getAddress().getPort());
    String invalid = "[{\"source\":\"local\"}]";
    try (RemoteCacheMock refusing =
            RemoteCacheMock.builder().port(0).proxyTo(target).build().start();
        RemoteCacheMock forwarding =
            RemoteCacheMock.builder()
                .port(0)
                .proxyTo(target)
                .forwardInvalid(true)
                .build()
                .start()) {
      assertEquals(400, send(authorizedPost(refusing.baseUrl(), EVENTS, invalid)).statusCode());
      assertEquals(0, reached.get(), "refused: the server never saw it");

      assertEquals(200, send(authorizedPost(forwarding.baseUrl(), EVENTS, invalid)).statusCode());
      assertEquals(1, reached.get(), "forwarded on request");
      assertEquals(
          1, forwarding.rejections().size(), "and still reported as breaking the contract");
    } finally {
      counting.stop(0);
    }
  }

  @Test
  void anUnreachableServerIsA502InTheErrorShape() {
    try (RemoteCacheMock proxy =
        RemoteCacheMock.builder()
            .port(0)
            .proxyTo(URI.create("http://127.0.0.1:1"))
            .build()
            .start()) {
      HttpResponse<String> answer =
          send(authorizedPost(proxy.baseUrl(), EVENTS, "[" + VALID_EVENT + "]"));
      assertEquals(502, answer.statusCode());
      assertEquals("bad_gateway", json(answer).at("/error/code").asText());
    }
  }
}
