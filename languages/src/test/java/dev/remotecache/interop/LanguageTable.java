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

/**
 * Reads {@code languages/languages.json}: per language, the generator and the options this kit
 * recommends (the one place they are written down; the build, the README and .ci/run all follow
 * it).
 */
public final class LanguageTable {

  /** One row: a language's generator, its options, and what its driver needs. */
  public record Language(
      String language,
      String generator,
      String library,
      boolean builtByMaven,
      Map<String, String> options,
      Map<String, String> nameMappings,
      Map<String, String> typeMappings,
      List<String> toolchain,
      List<String> debian,
      String noArtifactRoundTrip,
      String why,
      String ci) {

    /** The options with the kit's version filled in. */
    public Map<String, String> options(String kitVersion) {
      Map<String, String> filled = new LinkedHashMap<>();
      options.forEach((k, v) -> filled.put(k, v.replace("{version}", kitVersion)));
      return filled;
    }

    @Override
    public String toString() {
      return language;
    }
  }

  private LanguageTable() {}

  public static Path file() {
    return Path.of(System.getProperty("interop.languages", "languages.json")).toAbsolutePath();
  }

  public static List<Language> languages() {
    List<Language> languages = new ArrayList<>();
    for (JsonNode row : root().withArray("languages")) {
      languages.add(
          new Language(
              row.required("language").asText(),
              row.required("generator").asText(),
              row.path("library").asText(null),
              "maven".equals(row.path("builtBy").asText()),
              strings(row.path("options")),
              strings(row.path("nameMappings")),
              strings(row.path("typeMappings")),
              list(row.path("toolchain")),
              list(row.path("debian")),
              row.path("noArtifactRoundTrip").asText(null),
              row.path("why").asText(""),
              row.path("ci").asText(null)));
    }
    return List.copyOf(languages);
  }

  /**
   * The clients of the mock's admin API ({@code adminClients}): each is its language's row with
   * that row's options overridden by its own (a package of its own, so that a tool test imports
   * both clients), generated from the admin spec.
   */
  public static List<Language> adminClients() {
    Map<String, Language> byName = new LinkedHashMap<>();
    languages().forEach(l -> byName.put(l.language(), l));
    List<Language> clients = new ArrayList<>();
    for (JsonNode row : root().withArray("adminClients")) {
      String name = row.required("language").asText();
      Language language = byName.get(name);
      if (language == null) {
        throw new IllegalStateException("adminClients names " + name + ", not a row of languages");
      }
      Map<String, String> options = new LinkedHashMap<>(language.options());
      options.putAll(strings(row.path("options")));
      clients.add(
          new Language(
              name,
              language.generator(),
              language.library(),
              language.builtByMaven(),
              options,
              language.nameMappings(),
              language.typeMappings(),
              language.toolchain(),
              language.debian(),
              null,
              row.path("why").asText(""),
              row.path("ci").asText(null)));
    }
    return List.copyOf(clients);
  }

  /** The languages whose clients run the scenarios: the keys {@code cannotExpress} may use. */
  public static List<String> names() {
    return languages().stream().map(Language::language).toList();
  }

  private static JsonNode root() {
    try {
      return new ObjectMapper().readTree(Files.readString(file()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(), e);
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static List<String> list(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(v -> list.add(v.asText()));
    return List.copyOf(list);
  }
}
