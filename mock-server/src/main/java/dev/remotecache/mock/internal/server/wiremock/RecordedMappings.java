package dev.remotecache.mock.internal.server.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.internal.http.QueryString;
import dev.remotecache.mock.internal.record.BodyFiles;
import dev.remotecache.mock.internal.record.CorpusEntry;
import dev.remotecache.mock.internal.record.ExchangeRecorder;
import dev.remotecache.mock.internal.text.ViolationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A recording's WireMock stub mappings ({@code mappings/*.json}, WireMock's own model written by
 * its own {@link Json}), one per distinct answer. A stub matches what decides the answer in this
 * API: the method, the path, the team (the spec's query parameters, absent when the request named
 * none), and the JSON body only where the spec's answer depends on it; never the token.
 *
 * <p>The same request answered differently over time (a miss, then a hit after the upload) becomes
 * a WireMock scenario, as WireMock's own recorder does it: each answer in turn, the last one for
 * good. The same answer again adds no stub. Played back in order, the stubs answer as the server
 * did.
 */
public final class RecordedMappings implements ExchangeRecorder.MappingSink {

  public static final String DIRECTORY = "mappings";

  /** Answer headers that say when or how an answer was sent, not what it is. */
  private static final Set<String> NOT_KEPT = Set.of("date", "keep-alive", "connection");

  /** The stubs of one request, in the order their answers came. */
  private static final class Chain {
    final String scenario;
    final String answer;
    final StubMapping last;
    final Path lastFile;
    final int length;

    Chain(String scenario, String answer, StubMapping last, Path lastFile, int length) {
      this.scenario = scenario;
      this.answer = answer;
      this.last = last;
      this.lastFile = lastFile;
      this.length = length;
    }
  }

  private final Path directory;
  private final Map<String, Chain> chains = new HashMap<>();

  public RecordedMappings(Path recording) throws IOException {
    this.directory = Files.createDirectories(recording.resolve(DIRECTORY));
  }

  @Override
  public synchronized void add(
      CorpusEntry entry, Set<String> teamParameters, boolean bodyDecidesAnswer) throws IOException {
    CorpusEntry.Request sent = entry.request();
    MappingBuilder stub = request(sent.method(), urlPathEqualTo(sent.path()));
    Map<String, List<String>> query = QueryString.parse(sent.query());
    StringBuilder key = new StringBuilder(sent.method()).append(' ').append(sent.path());
    for (String team : sorted(teamParameters)) {
      List<String> values = query.get(team);
      if (values == null || values.isEmpty()) {
        stub.withQueryParam(team, absent());
        key.append(' ').append(team).append(" absent");
      } else {
        stub.withQueryParam(team, equalTo(values.get(0)));
        key.append(' ').append(team).append('=').append(values.get(0));
      }
    }
    if (bodyDecidesAnswer && sent.body() != null && sent.body().text() != null) {
      stub.withRequestBody(equalToJson(sent.body().text(), true, false));
      key.append(" body ").append(sent.body().sha256());
    }
    CorpusEntry.Answer answer = entry.answer();
    ResponseDefinitionBuilder response = aResponse().withStatus(answer.status());
    Map<String, List<String>> kept = new TreeMap<>();
    answer
        .headers()
        .forEach(
            (name, values) -> {
              if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, values);
                response.withHeader(name, values.toArray(String[]::new));
              }
            });
    CorpusEntry.Body body = answer.body();
    if (body != null && body.text() != null) {
      response.withBody(body.text());
    } else if (body != null) {
      response.withBodyFile(body.file().substring(BodyFiles.DIRECTORY.length() + 1));
    }
    String answerKey =
        answer.status() + " " + kept + " " + (body == null ? "no body" : body.sha256());

    Chain chain = chains.get(key.toString());
    if (chain != null && chain.answer.equals(answerKey)) {
      return; // the stub already answers it (the last of a scenario answers for good)
    }
    String name =
        "#"
            + entry.index()
            + " "
            + (entry.operationId() == null ? "" : entry.operationId() + " ")
            + sent.method()
            + " "
            + sent.url();
    stub.withId(UUID.randomUUID()).withName(name).withMetadata(metadata(entry));
    StubMapping mapping = stub.willReturn(response).build();
    Path file =
        directory.resolve(
            String.format(
                Locale.ROOT,
                "%06d-%s-%s.json",
                entry.index(),
                entry.operationId() == null ? "unmatched" : entry.operationId(),
                sent.method().toLowerCase(Locale.ROOT)));
    if (chain == null) {
      write(mapping, file);
      chains.put(key.toString(), new Chain(null, answerKey, mapping, file, 1));
      return;
    }
    String scenario = chain.scenario != null ? chain.scenario : key.toString();
    if (chain.length == 1) {
      chain.last.setScenarioName(scenario);
      chain.last.setRequiredScenarioState(Scenario.STARTED);
    }
    String next = scenario + " #" + (chain.length + 1);
    chain.last.setNewScenarioState(next);
    write(chain.last, chain.lastFile);
    mapping.setScenarioName(scenario);
    mapping.setRequiredScenarioState(next);
    write(mapping, file);
    chains.put(key.toString(), new Chain(scenario, answerKey, mapping, file, chain.length + 1));
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** What the recording knows of the exchange, for people and tools reading the stub. */
  private static Map<String, Object> metadata(CorpusEntry entry) {
    Map<String, Object> recorded = new LinkedHashMap<>();
    recorded.put("exchange", entry.index());
    recorded.put("recordedAt", entry.recordedAt().toString());
    if (entry.operationId() != null) {
      recorded.put("operationId", entry.operationId());
    }
    recorded.put("breaksContract", entry.breaksContract());
    if (!entry.verdicts().request().holds()) {
      recorded.put("requestViolations", describe(entry.verdicts().request().violations()));
    }
    if (!entry.verdicts().answer().holds()) {
      recorded.put("answerViolations", describe(entry.verdicts().answer().violations()));
    }
    return Map.of("remoteCacheRecording", recorded);
  }

  private static List<String> describe(List<Violation> violations) {
    List<String> lines = new ArrayList<>();
    for (Violation v : violations) {
      lines.add(
          ViolationText.place(v)
              + ": "
              + v.getRule()
              + (v.getMessage() == null ? "" : " (" + v.getMessage() + ")"));
    }
    return lines;
  }

  /** Written aside and moved into place: WireMock never loads half a mapping. */
  private static void write(StubMapping mapping, Path file) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".partial");
    Files.writeString(partial, Json.write(mapping), StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
