package dev.remotecache.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code languages/scenarios.json}, the one scenario list every language's client runs. */
public final class ScenarioCatalog {

  private ScenarioCatalog() {}

  public static Path file() {
    return Path.of(System.getProperty("interop.scenarios", "scenarios.json")).toAbsolutePath();
  }

  /** The catalog's bearer token, which the mock in the tests accepts. */
  public static String token() {
    return read().path("token").asText();
  }

  public static List<Scenario> scenarios() {
    JsonNode root = read();
    List<Scenario> scenarios = new ArrayList<>();
    for (JsonNode s : root.withArray("scenarios")) {
      JsonNode token = s.has("token") ? s.get("token") : root.get("token");
      JsonNode expect = s.required("expect");
      List<JsonNode> violations = new ArrayList<>();
      expect.path("violations").forEach(violations::add);
      Map<String, String> cannotExpress = new LinkedHashMap<>();
      s.path("cannotExpress")
          .properties()
          .forEach(e -> cannotExpress.put(e.getKey(), e.getValue().asText()));
      scenarios.add(
          new Scenario(
              s.required("name").asText(),
              token == null || token.isNull() ? Optional.empty() : Optional.of(token.asText()),
              s.required("request"),
              expect.required("status").asInt(),
              expect.path("code").asText(null),
              List.copyOf(violations),
              Map.copyOf(cannotExpress)));
    }
    return scenarios;
  }

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(Files.readString(file()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(), e);
    }
  }
}
