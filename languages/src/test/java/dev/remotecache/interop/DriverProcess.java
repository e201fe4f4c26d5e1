package dev.remotecache.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A language's driver, started once: one JSON command a line on its stdin, one JSON answer a line
 * on its stdout (src/test/languages/README.md).
 */
final class DriverProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Writer in;
  private final BufferedReader out;
  private final Path errors;

  DriverProcess(List<String> command, Path directory, Map<String, String> environment)
      throws IOException {
    errors = Files.createTempFile("driver", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectError(errors.toFile());
    builder.environment().putAll(environment);
    process = builder.start();
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  JsonNode ask(JsonNode command) throws Exception {
    in.write(JSON.writeValueAsString(command) + "\n");
    in.flush();
    String line;
    try {
      line =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return out.readLine();
                    } catch (IOException e) {
                      return null;
                    }
                  })
              .get(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the driver gave no answer in 120 s: " + Files.readString(errors));
    }
    if (line == null) {
      throw new AssertionError("the driver stopped: " + Files.readString(errors));
    }
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError(
          "the driver answered no JSON line: " + line + "\n" + Files.readString(errors));
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(errors);
  }

  static ClientOutcome outcome(JsonNode line) {
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
