package dev.remotecache.mock.internal.record;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.client.model.Violation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.proxy.ValidatingProxy;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code replay}: sends a recording's requests, in order, to a server, and judges each answer
 * twice: against the spec (the proxy's own check of answers) and against the recording.
 *
 * <p>Against the recording, an answer must have the recorded status and, where the API decides
 * them, the same headers and body: the artifact bytes (by SHA-256), the headers the spec declares
 * for that answer (the duration and tag a download echoes), the media type, and a success's JSON
 * body (URLs aside: they name the server that answered). A departure from the spec that the
 * recording already has is known, not new; an answer that now meets the spec where the recorded one
 * broke it may differ from it.
 */
public final class Replay {

  /**
   * What became of one exchange.
   *
   * @param newViolations where the answer breaks the spec and the recorded one did not
   * @param differences where the answer differs from the recorded one (empty: as recorded)
   * @param notes what is worth knowing but breaks nothing (a known deviation, a fixed one)
   */
  public record Outcome(
      CorpusEntry entry,
      int status,
      List<Violation> newViolations,
      List<String> differences,
      List<String> notes) {

    /** {@code #3 GET /v8/artifacts/abc?slug=x}: the exchange, as a failure names it. */
    public String name() {
      return "#" + entry.index() + " " + entry.request().method() + " " + entry.request().url();
    }
  }

  /** The recording cannot be replayed (a body file missing or changed): a usage error. */
  public static final class BrokenRecording extends IOException {
    private static final long serialVersionUID = 1L;

    BrokenRecording(String message) {
      super(message);
    }
  }

  private final ApiContract contract;
  private final ValidatingProxy server;
  private final String token;
  private final Path recording;
  private final ObjectMapper json;

  /**
   * @param token the bearer token to send instead of the recorded (redacted) one, or {@code null}
   *     to send the recorded one
   * @param recording the directory the corpus's body files are relative to
   */
  public Replay(
      ApiContract contract,
      ValidatingProxy server,
      String token,
      Path recording,
      ObjectMapper json) {
    this.contract = contract;
    this.server = server;
    this.token = token;
    this.recording = recording;
    this.json = json;
  }

  /**
   * Replays one exchange.
   *
   * @throws IOException when the server cannot be reached, or the recording is broken ({@link
   *     BrokenRecording})
   */
  public Outcome replay(CorpusEntry entry) throws IOException, InterruptedException {
    CorpusEntry.Request sent = entry.request();
    byte[] body = bytes(sent.body());
    Request.Method method = Request.Method.valueOf(sent.method().toUpperCase(Locale.ROOT));
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, sent.path());
    sent.headers()
        .forEach(
            (name, values) -> {
              boolean credentials = name.equalsIgnoreCase("authorization");
              request.withHeader(
                  name, credentials && token != null ? List.of("Bearer " + token) : values);
            });
    // A request recorded without a token (refused for it) is sent without one again.
    ValidatingProxy.Forwarded forwarded = server.forward(request.build(), sent.url(), body);
    return judge(entry, forwarded);
  }

  private Outcome judge(CorpusEntry entry, ValidatingProxy.Forwarded forwarded) throws IOException {
    CorpusEntry.Answer recorded = entry.answer();
    Answer answer = forwarded.answer();
    CorpusEntry.Verdict recordedVerdict = entry.verdicts().answer();
    Set<String> known =
        recordedVerdict.violations().stream().map(Replay::place).collect(Collectors.toSet());
    List<Violation> newViolations =
        forwarded.violations().stream().filter(v -> !known.contains(place(v))).toList();
    List<String> notes = new ArrayList<>();
    long stillThere = forwarded.violations().size() - newViolations.size();
    if (stillThere > 0) {
      notes.add("a known deviation, as recorded (" + stillThere + " departures from the spec)");
    }
    boolean recordedBroke = !recordedVerdict.holds();
    boolean nowHolds = forwarded.violations().isEmpty();
    List<String> differences = new ArrayList<>();
    if (answer.status() != recorded.status()) {
      if (!documented(entry.operationId(), recorded.status()) && nowHolds) {
        notes.add(
            "answered "
                + answer.status()
                + " where the recording has "
                + recorded.status()
                + ", a status the spec does not document; this answer meets the spec");
      } else {
        differences.add("status " + answer.status() + ", recorded " + recorded.status());
      }
      return new Outcome(entry, answer.status(), newViolations, differences, notes);
    }
    boolean success = answer.status() >= 200 && answer.status() < 300;
    for (String header : declaredHeaders(entry.operationId(), answer.status())) {
      String was = first(recorded.headers(), header);
      String now = answer.header(header);
      if (was != null && !Objects.equals(was, now)) {
        differences.add(
            "header " + header + ": " + (now == null ? "absent" : now) + ", recorded " + was);
      }
    }
    CorpusEntry.Body was = recorded.body();
    byte[] now = answer.bytes() == null ? new byte[0] : answer.bytes();
    if (was != null && now.length > 0) {
      String wasType = mediaType(first(recorded.headers(), "content-type"));
      String nowType = mediaType(answer.header("Content-Type"));
      if (wasType != null && !wasType.equals(nowType)) {
        differences.add("content type " + nowType + ", recorded " + wasType);
      }
    }
    if (success && was != null && was.file() != null) {
      String sha256 = BodyFiles.sha256(now);
      if (!sha256.equals(was.sha256())) {
        differences.add(
            "artifact bytes differ: sha256 "
                + sha256
                + " ("
                + now.length
                + " bytes), recorded "
                + was.sha256()
                + " ("
                + was.size()
                + " bytes)");
      }
    } else if (success && was != null && was.text() != null && !recordedBroke) {
      jsonDifference(was.text(), new String(now, StandardCharsets.UTF_8))
          .ifPresent(d -> differences.add("body " + d));
    } else if (success && was == null && now.length > 0 && !recordedBroke) {
      differences.add("a body of " + now.length + " bytes, recorded none");
    }
    return new Outcome(entry, answer.status(), newViolations, differences, notes);
  }

  /** Whether the spec documents this status for the operation. */
  private boolean documented(String operationId, int status) {
    return operationId != null
        && contract
            .route(operationId)
            .map(route -> route.operation().getResponses())
            .map(
                responses ->
                    responses.containsKey(String.valueOf(status))
                        || responses.containsKey(status / 100 + "XX")
                        || responses.containsKey("default"))
            .orElse(false);
  }

  /** The headers the spec declares for this operation's answer with this status. */
  private Set<String> declaredHeaders(String operationId, int status) {
    Set<String> names = new TreeSet<>();
    if (operationId == null) {
      return names;
    }
    contract
        .route(operationId)
        .map(route -> route.operation().getResponses())
        .map(responses -> responses.get(String.valueOf(status)))
        .map(ApiResponse::getHeaders)
        .ifPresent(headers -> headers.keySet().forEach(h -> names.add(h.toLowerCase(Locale.ROOT))));
    return names;
  }

  /** Where the first difference between two JSON texts is, or empty when they agree. */
  private Optional<String> jsonDifference(String recorded, String answered) {
    JsonNode was;
    JsonNode now;
    try {
      was = json.readTree(recorded);
    } catch (IOException notJson) {
      return recorded.equals(answered)
          ? Optional.empty()
          : Optional.of("differs from the recorded text");
    }
    try {
      now = json.readTree(answered);
    } catch (IOException notJson) {
      return Optional.of("is not JSON, recorded " + abbreviate(recorded));
    }
    return difference("", was, now);
  }

  private static Optional<String> difference(String at, JsonNode was, JsonNode now) {
    if (was.isTextual() && now.isTextual() && url(was.asText()) && url(now.asText())) {
      return Optional.empty(); // a URL names the server that answered
    }
    if (was.isObject() && now.isObject()) {
      Set<String> names = new TreeSet<>();
      was.fieldNames().forEachRemaining(names::add);
      now.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode a = was.get(name);
        JsonNode b = now.get(name);
        if (a == null || b == null) {
          return Optional.of(
              "at " + at + "/" + name + ": " + (a == null ? "not recorded" : "absent"));
        }
        Optional<String> inner = difference(at + "/" + name, a, b);
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (was.isArray() && now.isArray() && was.size() == now.size()) {
      Iterator<JsonNode> a = was.elements();
      Iterator<JsonNode> b = now.elements();
      for (int i = 0; a.hasNext(); i++) {
        Optional<String> inner = difference(at + "/" + i, a.next(), b.next());
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    return was.equals(now)
        ? Optional.empty()
        : Optional.of(
            "at "
                + (at.isEmpty() ? "/" : at)
                + ": "
                + abbreviate(now.toString())
                + ", recorded "
                + abbreviate(was.toString()));
  }

  private static boolean url(String text) {
    return text.startsWith("http://") || text.startsWith("https://");
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** A violation's place and rule: what makes two departures the same one. */
  private static String place(Violation v) {
    return v.getIn() + " " + v.getAt() + " " + v.getRule();
  }

  private static String first(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .findFirst()
        .orElse(null);
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** A recorded body's bytes: inline text, or its file, checked against its SHA-256. */
  private byte[] bytes(CorpusEntry.Body body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body.text() != null) {
      return body.text().getBytes(StandardCharsets.UTF_8);
    }
    Path file = recording.resolve(body.file()).normalize();
    if (!file.startsWith(recording.normalize()) || !Files.isRegularFile(file)) {
      throw new BrokenRecording("the body file " + body.file() + " is not in " + recording);
    }
    byte[] bytes = Files.readAllBytes(file);
    String sha256 = BodyFiles.sha256(bytes);
    if (!sha256.equals(body.sha256())) {
      throw new BrokenRecording(
          "the body file "
              + body.file()
              + " has changed: sha256 "
              + sha256
              + ", recorded "
              + body.sha256());
    }
    return bytes;
  }
}
