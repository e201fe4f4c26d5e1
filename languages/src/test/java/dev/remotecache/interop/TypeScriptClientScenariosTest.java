package dev.remotecache.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client (typescript-fetch, compiled by tsc in this build) runs the scenarios in one
 * Node process, {@code target/typescript/run-scenario.js}: this test writes a scenario's name to
 * its stdin, reads what the client reported from its stdout, and checks what the mock recorded.
 */
@Tag("system")
class TypeScriptClientScenariosTest extends ClientScenarioContract {

  private static final Path RUNNER =
      Path.of(System.getProperty("interop.typescriptRunner", "target/typescript/run-scenario.js"));
  private static final String NODE = System.getProperty("interop.node", "node");

  private static Process node;
  private static Writer toNode;
  private static BufferedReader fromNode;
  private static Path nodeErrors;

  @BeforeAll
  static void startNode() throws IOException {
    if (!Files.isRegularFile(RUNNER)) {
      throw new IllegalStateException(
          RUNNER + " is missing: the build compiles it (mvn test-compile)");
    }
    nodeErrors = Files.createTempFile("run-scenario", ".err");
    node =
        new ProcessBuilder(
                List.of(NODE, RUNNER.toString(), ScenarioCatalog.file().toString(), mock.baseUrl()))
            .redirectError(nodeErrors.toFile())
            .start();
    toNode = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    fromNode =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node == null) {
      return;
    }
    toNode.close();
    if (!node.waitFor(10, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
    Files.deleteIfExists(nodeErrors);
  }

  @Override
  String language() {
    return "typescript";
  }

  @Test
  void artifactRoundTrip() throws Exception {
    ArtifactRoundTrip trip = new ArtifactRoundTrip(Path.of("target/typescript-artifacts"));
    trip.verify(mock, JSON.readTree(ask(JSON.writeValueAsString(trip.command()))));
  }

  @Override
  ClientOutcome run(Scenario scenario, String baseUrl) throws Exception {
    return outcome(JSON.readTree(ask(scenario.name())));
  }

  /** One line to the runner (a scenario's name, or a JSON command), its one line back. */
  private static String ask(String command) throws Exception {
    toNode.write(command + "\n");
    toNode.flush();
    String line;
    try {
      line =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return fromNode.readLine();
                    } catch (IOException e) {
                      return null;
                    }
                  })
              .get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("node gave no answer in 60 s: " + Files.readString(nodeErrors));
    }
    if (line == null) {
      throw new AssertionError("node stopped: " + Files.readString(nodeErrors));
    }
    return line;
  }

  private static ClientOutcome outcome(JsonNode line) {
    return switch (line.path("outcome").asText()) {
      case "accepted" -> ClientOutcome.accepted();
      case "rejected" ->
          ClientOutcome.rejected(
              line.path("status").asInt(), line.path("clientMessage").asText(), line.get("error"));
      case "cannotExpress" -> ClientOutcome.cannotExpress(line.path("reason").asText());
      default -> ClientOutcome.failed(line.toString());
    };
  }
}
