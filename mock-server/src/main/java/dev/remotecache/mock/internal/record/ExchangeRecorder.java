package dev.remotecache.mock.internal.record;

import com.atlassian.oai.validator.model.ApiOperation;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.proxy.ValidatingProxy;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --record DIR}: writes every exchange through the validating proxy into a recording, as it
 * is answered: a line of {@code corpus.jsonl} (for {@code replay}), artifact bytes in {@code
 * __files/}, and WireMock stub mappings in {@code mappings/} (by a {@link MappingSink}, the server
 * adapter's). Credentials are never written; teams are replaced when asked ({@link Redaction}).
 * Safe for requests answered at once: each exchange has its own index, body files are named by
 * their hash, corpus lines are written whole. A failure to write is logged, and the client still
 * gets its answer.
 */
public final class ExchangeRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeRecorder.class);

  /** Writes an exchange as stub mappings: WireMock's, in the server adapter. */
  public interface MappingSink {
    /**
     * @param teamParameters the query parameters that name the team (matched on)
     * @param bodyDecidesAnswer whether the spec's answer depends on the request's JSON body (so a
     *     stub matches on it)
     */
    void add(CorpusEntry entry, Set<String> teamParameters, boolean bodyDecidesAnswer)
        throws IOException;
  }

  private final Path directory;
  private final Redaction redaction;
  private final BodyFiles files;
  private final CorpusFile corpus;
  private final MappingSink mappings;
  private final Clock clock;
  private final AtomicLong exchanges = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  /** The directory given already holds a recording: it is never added to nor overwritten. */
  public static final class RecordingExists extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    RecordingExists(String message) {
      super(message);
    }
  }

  /**
   * @throws RecordingExists when {@code directory} already holds a recording
   */
  public ExchangeRecorder(
      Path directory, Redaction redaction, MappingSink mappings, ObjectMapper json, Clock clock)
      throws IOException {
    Path corpusFile = directory.resolve(CorpusFile.NAME);
    if (Files.isRegularFile(corpusFile) && Files.size(corpusFile) > 0) {
      throw new RecordingExists(
          directory + " already holds a recording (" + CorpusFile.NAME + "); choose a new one");
    }
    this.directory = Files.createDirectories(directory);
    this.redaction = redaction;
    this.files = new BodyFiles(directory);
    this.corpus = CorpusFile.in(directory, json);
    this.mappings = mappings;
    this.clock = clock;
  }

  public Path directory() {
    return directory;
  }

  /** How many exchanges were recorded so far. */
  public long exchanges() {
    return exchanges.get();
  }

  /** How many exchanges could not be written (each is logged). */
  public long failures() {
    return failures.get();
  }

  /** Records one forwarded request and the real server's answer. */
  public void record(
      ValidatorRequest request,
      RequestVerdict verdict,
      byte[] body,
      ValidatingProxy.Forwarded forwarded) {
    long index = exchanges.incrementAndGet();
    try {
      var sent = request.request();
      // The query first: it is where teams are met, and named, before bodies are redacted.
      String query = redaction.rawQuery(sent.rawQuery(), sent.query());
      Map<String, List<String>> headers = redaction.headers(withoutFraming(sent.headers()));
      Operation operation = verdict.operation().map(ApiOperation::getOperation).orElse(null);
      CorpusEntry.Request recordedRequest =
          new CorpusEntry.Request(
              sent.method(),
              sent.path(),
              query,
              headers,
              body(body, sent.header("Content-Type").orElse(null)));
      var answer = forwarded.answer();
      CorpusEntry.Answer recordedAnswer =
          new CorpusEntry.Answer(
              answer.status(),
              redaction.headers(withoutFraming(answer.headers())),
              body(answer.bytes(), answer.header("Content-Type")));
      List<Violation> answerViolations = forwarded.violations();
      CorpusEntry entry =
          new CorpusEntry(
              index,
              clock.instant(),
              operation == null ? null : operation.getOperationId(),
              recordedRequest,
              recordedAnswer,
              new CorpusEntry.Verdicts(
                  new CorpusEntry.Verdict(
                      verdict.accepted(), verdict.violations(), verdict.violationCount()),
                  new CorpusEntry.Verdict(
                      answerViolations.isEmpty(), answerViolations, forwarded.violationCount())),
              !verdict.accepted() || !answerViolations.isEmpty());
      corpus.write(entry);
      mappings.add(entry, redaction.teamParameterNames(), bodyDecidesAnswer(operation));
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      LOG.error(
          "cannot record exchange #{} ({} {}) into {}: {}",
          index,
          request.getMethod(),
          request.request().url(),
          directory,
          e.toString(),
          e);
    }
  }

  /**
   * Whether the spec's answer depends on the request's JSON body: the request has a JSON body and a
   * success answers with JSON (a query about hashes, not events sent for the record).
   */
  static boolean bodyDecidesAnswer(Operation operation) {
    if (operation == null
        || operation.getRequestBody() == null
        || !json(operation.getRequestBody().getContent())
        || operation.getResponses() == null) {
      return false;
    }
    for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
      if (response.getKey().startsWith("2") && json(response.getValue().getContent())) {
        return true;
      }
    }
    return false;
  }

  private static boolean json(Content content) {
    return content != null && content.keySet().stream().anyMatch(type -> type.contains("json"));
  }

  private CorpusEntry.Body body(byte[] bytes, String contentType) throws IOException {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    String text = textual(contentType) ? utf8(bytes) : null;
    if (text != null) {
      String kept = redaction.text(text);
      byte[] keptBytes = kept.getBytes(StandardCharsets.UTF_8);
      return new CorpusEntry.Body(keptBytes.length, BodyFiles.sha256(keptBytes), kept, null);
    }
    String sha256 = BodyFiles.sha256(bytes);
    String name = files.store(bytes, sha256);
    return new CorpusEntry.Body(bytes.length, sha256, null, BodyFiles.DIRECTORY + "/" + name);
  }

  /** JSON and text are kept inline; anything else (an artifact) as a file. */
  static boolean textual(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.contains("json") || type.startsWith("text/");
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notText) {
      return null;
    }
  }

  private static Map<String, List<String>> withoutFraming(Map<String, List<String>> headers) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          if (!ValidatingProxy.NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
              && !name.startsWith(":")) {
            kept.put(name, values);
          }
        });
    return kept;
  }
}
