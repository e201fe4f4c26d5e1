package dev.remotecache.contract.generative;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.remotecache.contract.core.ApiContract;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A small Remote Cache server of the tests' own (the JDK's HTTP server): correct by default, with
 * faults that can be switched on one by one, so that tests can show the generative mode finds each
 * and shrinks it. Requests are validated with the spec (400 for any violation, 401 without a bearer
 * token), artifacts are kept per team (teamId, else slug).
 */
final class PlantedFaultServer implements AutoCloseable {

  enum Fault {
    /** An upload over an existing hash keeps the old bytes. */
    WRONG_BYTES_AFTER_OVERWRITE,
    /** Artifacts are stored by hash alone: every team sees every other team's. */
    LEAKED_TEAMS,
    /** A 0-byte upload is answered 500. */
    SERVER_ERROR_ON_EMPTY_ARTIFACT,
    /** Downloads come without x-artifact-duration. */
    MISSING_DURATION_HEADER,
    /** The status answer is labelled text/plain. */
    WRONG_CONTENT_TYPE,
    /** Downloads are labelled text/html. */
    DOWNLOAD_AS_HTML,
    /** Downloads carry an x-artifact-duration that is not a number. */
    DURATION_NOT_A_NUMBER,
    /** The upload's 202 comes with a text/plain body instead of its JSON. */
    UPLOAD_ANSWERED_IN_TEXT
  }

  private record Stored(byte[] bytes, Map<String, String> headers) {}

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final HttpServer server;
  private final ApiContract contract;
  private final Set<Fault> faults;
  private final Map<String, Map<String, Stored>> teams = new ConcurrentHashMap<>();

  PlantedFaultServer(ApiContract contract, Fault... faults) throws IOException {
    this.contract = contract;
    this.faults = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.matches("Bearer \\S+")) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"planted\"");
        error(exchange, method, 401, "not_authorized", "no bearer token");
        return;
      }
      String invalid = validate(exchange, method, path, query, body);
      if (invalid != null) {
        error(exchange, method, invalid.startsWith("no route") ? 404 : 400, "bad_request", invalid);
        return;
      }
      String team = query.getOrDefault("teamId", query.getOrDefault("slug", ""));
      Map<String, Stored> artifacts =
          teams.computeIfAbsent(
              faults.contains(Fault.LEAKED_TEAMS) ? "" : team, k -> new ConcurrentHashMap<>());
      String hash =
          path.startsWith("/v8/artifacts/") ? path.substring("/v8/artifacts/".length()) : null;
      switch (method
          + " "
          + (hash == null
              ? path
              : hash.equals("events") || hash.equals("status") ? path : "{hash}")) {
        case "POST /v8/artifacts/events" -> exchange.sendResponseHeaders(200, -1);
        case "GET /v8/artifacts/status" ->
            json(
                exchange,
                200,
                JSON.createObjectNode().put("status", "enabled"),
                faults.contains(Fault.WRONG_CONTENT_TYPE) ? "text/plain" : "application/json");
        case "PUT {hash}" -> {
          if (body.length == 0 && faults.contains(Fault.SERVER_ERROR_ON_EMPTY_ARTIFACT)) {
            error(exchange, method, 500, "internal_server_error", "empty artifact");
            return;
          }
          Map<String, String> metadata = new LinkedHashMap<>();
          for (String name :
              List.of(
                  "x-artifact-duration",
                  "x-artifact-tag",
                  "x-artifact-sha",
                  "x-artifact-dirty-hash")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
              metadata.put(name, value);
            }
          }
          if (!(faults.contains(Fault.WRONG_BYTES_AFTER_OVERWRITE)
              && artifacts.containsKey(hash))) {
            artifacts.put(hash, new Stored(body, metadata));
          }
          if (faults.contains(Fault.UPLOAD_ANSWERED_IN_TEXT)) {
            byte[] text = "stored".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(202, text.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(text);
            }
            return;
          }
          ObjectNode answer = JSON.createObjectNode();
          answer.putArray("urls").add(baseUrl() + path);
          json(exchange, 202, answer, "application/json");
        }
        case "GET {hash}", "HEAD {hash}" -> {
          Stored stored = artifacts.get(hash);
          if (stored == null) {
            error(exchange, method, 404, "not_found", "Artifact not found");
            return;
          }
          if (faults.contains(Fault.DURATION_NOT_A_NUMBER)) {
            exchange.getResponseHeaders().add("x-artifact-duration", "soon");
          } else if (!faults.contains(Fault.MISSING_DURATION_HEADER)) {
            exchange
                .getResponseHeaders()
                .add(
                    "x-artifact-duration",
                    stored.headers().getOrDefault("x-artifact-duration", "0"));
          }
          if (stored.headers().containsKey("x-artifact-tag")) {
            exchange
                .getResponseHeaders()
                .add("x-artifact-tag", stored.headers().get("x-artifact-tag"));
          }
          exchange
              .getResponseHeaders()
              .add(
                  "Content-Type",
                  faults.contains(Fault.DOWNLOAD_AS_HTML)
                      ? "text/html"
                      : "application/octet-stream");
          if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
          } else {
            exchange.sendResponseHeaders(
                200, stored.bytes().length == 0 ? -1 : stored.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(stored.bytes());
            }
          }
        }
        case "POST /v8/artifacts" -> {
          ObjectNode answer = JSON.createObjectNode();
          JSON.readTree(body)
              .path("hashes")
              .forEach(
                  h -> {
                    Stored stored = artifacts.get(h.asText());
                    ObjectNode entry = answer.putObject(h.asText());
                    if (stored == null) {
                      entry.putObject("error").put("message", "Artifact not found");
                      return;
                    }
                    entry
                        .put("size", stored.bytes().length)
                        .put(
                            "taskDurationMs",
                            new BigDecimal(
                                stored.headers().getOrDefault("x-artifact-duration", "0")));
                    Map.of(
                            "x-artifact-tag",
                            "tag",
                            "x-artifact-sha",
                            "sha",
                            "x-artifact-dirty-hash",
                            "dirtyHash")
                        .forEach(
                            (header, field) -> {
                              if (stored.headers().containsKey(header)) {
                                entry.put(field, stored.headers().get(header));
                              }
                            });
                  });
          json(exchange, 200, answer, "application/json");
        }
        case "DELETE /v8/artifacts" -> {
          int count = artifacts.size();
          artifacts.clear();
          json(
              exchange,
              200,
              JSON.createObjectNode().put("deletedCount", count),
              "application/json");
        }
        default -> error(exchange, method, 404, "not_found", "no route " + method + " " + path);
      }
    }
  }

  /**
   * The spec's verdict on the request, or null when it conforms; a 0-byte upload is a body, not a
   * missing one.
   */
  private String validate(
      HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
    exchange.getRequestHeaders().forEach(request::withHeader);
    query.forEach(request::withQueryParam);
    if (body.length > 0) {
      request.withBody(body);
    }
    ValidationReport report = contract.validateRequest(request.build());
    List<String> errors =
        report.getMessages().stream()
            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
            .filter(m -> !m.getKey().startsWith("validation.request.security"))
            .filter(
                m ->
                    !(m.getKey().equals("validation.request.body.missing") && method.equals("PUT")))
            .map(
                m ->
                    m.getKey().equals("validation.request.path.missing")
                        ? "no route " + path
                        : m.getMessage())
            .toList();
    return errors.isEmpty() ? null : String.join("; ", errors);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static void json(HttpExchange exchange, int status, Object body, String contentType)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void error(
      HttpExchange exchange, String method, int status, String code, String message)
      throws IOException {
    if (method.equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    json(exchange, status, body, "application/json");
  }
}
