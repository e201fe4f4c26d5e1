package dev.remotecache.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.client.model.CachingStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything a mock can be told: the one list of settings, each stated once below with its name,
 * its command-line option, what it means, its default, its type and its rule. The builder ({@link
 * RemoteCacheMock.Builder}) and the command line ({@code remote-cache-mock --help}) are faces over
 * this list; a server in a JVM of its own gets it as one JSON document ({@link #toJson()}). A value
 * outside its setting's rule is refused here, once, with {@link InvalidSetting}.
 *
 * <p>A value is an immutable set of choices: {@link #defaults()}, then {@link #with} for each
 * setting chosen, then {@link #checkedTogether()} for the rules that join two settings.
 */
public final class MockSettings {

  // Filled by the declarations below, in their order (a static initialiser runs in text order).
  private static final List<Setting<?>> SCHEMA = new ArrayList<>();

  /** The journal limit that means "none chosen": the server derives it from its own heap. */
  public static final int JOURNAL_LIMIT_FROM_HEAP = 0;

  /**
   * Events (and, separately, rejections) kept at most by default: what the default 384 MiB heap
   * holds; a smaller heap keeps fewer ({@link MemoryBudget#journalLimit()}).
   */
  public static final int DEFAULT_JOURNAL_LIMIT = 100_000;

  /** How long a stop waits for requests in flight. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** The longest idle timeout: longer, a stalled client holds its connection as good as forever. */
  public static final long MAX_IDLE_TIMEOUT_SECONDS = 86_400;

  /**
   * The syntax of a bearer token (RFC 6750 {@code b64token}): a token outside it could never be
   * sent well formed, so every request would be refused. The request check uses the same syntax
   * ({@code VocabularyTest} holds the two together).
   */
  public static final String TOKEN_SYNTAX = "[A-Za-z0-9\\-._~+/]+=*";

  private static final Pattern TOKEN = Pattern.compile(TOKEN_SYNTAX);

  // ---- The settings ----

  public static final Setting<Integer> PORT =
      Setting.of("port", Kind.INTEGER, 7878)
          .option("--port", "PORT")
          .means("Port to listen on, 0..65535; 0 picks a free one.")
          .rule(port -> port < 0 || port > 65535 ? "must be 0..65535 (0 picks a free one)" : null)
          .define();

  public static final Setting<String> HOST =
      Setting.of("host", Kind.TEXT, "127.0.0.1")
          .option("--host", "ADDRESS")
          .means("Address to bind (127.0.0.1: this machine only).")
          .define();

  public static final Setting<List<String>> TOKENS =
      Setting.many("tokens", Kind.TEXT)
          .option("--token", "TOKEN")
          .means("Accept only this bearer token (repeatable; not empty, RFC 6750 characters).")
          .byDefault("any well-formed token")
          .rule(MockSettings::tokenProblem)
          .define();

  public static final Setting<Path> STORAGE =
      Setting.of("storage", Kind.PATH, (Path) null)
          .option("--storage", "DIR")
          .means("Keep artifacts in this directory (created if needed), so they survive a restart.")
          .byDefault("in memory")
          .rule(MockSettings::directoryProblem)
          .define();

  public static final Setting<String> ADMIN_TOKEN =
      Setting.of("adminToken", Kind.TEXT, (String) null)
          .option("--admin-token", "TOKEN")
          .means(
              "Require this bearer token on /__admin; without one, /__admin answers only callers"
                  + " on this machine.")
          .define();

  public static final Setting<Long> MAX_BODY_SIZE =
      Setting.of("maxBodySize", Kind.BYTES, 100L * 1024 * 1024)
          .option("--max-body-size", "SIZE")
          .means(
              "Largest request body accepted, in bytes or with K, M, G (1024-based); a larger"
                  + " one gets 413.")
          .rule(bytes -> bytes < 1 ? "must be at least 1 byte" : null)
          .define();

  public static final Setting<Long> MAX_HEADER_SIZE =
      Setting.of("maxHeaderSize", Kind.BYTES, 8L * 1024)
          .option("--max-header-size", "SIZE")
          .means(
              "Largest request line and headers accepted, 1K to 1M (each connection holds a"
                  + " buffer of it): a larger request gets 431. A bearer token from an identity"
                  + " provider (a JWT with many claims) can pass the default.")
          .rule(bytes -> bytes < 1024 || bytes > 1024 * 1024 ? "must be 1K to 1M" : null)
          .define();

  public static final Setting<Duration> IDLE_TIMEOUT =
      Setting.of("idleTimeout", Kind.SECONDS, Duration.ofSeconds(30))
          .option("--idle-timeout", "SECONDS")
          .means(
              "Close a connection silent for this long (a stalled client): 1 to "
                  + MAX_IDLE_TIMEOUT_SECONDS
                  + " s (a day); there is no \"never\".")
          .rule(MockSettings::idleTimeoutProblem)
          .define();

  public static final Setting<Integer> JOURNAL_LIMIT =
      Setting.of("journalLimit", Kind.INTEGER, JOURNAL_LIMIT_FROM_HEAP)
          .option("--journal-limit", "N")
          .means(
              "Events (and rejections) the journal keeps, at least 1; the oldest go first,"
                  + " counted (check says how many).")
          .byDefault(
              "derived from the heap: " + DEFAULT_JOURNAL_LIMIT + " at the default 384 MiB heap")
          .rule(limit -> limit < 1 ? "must be at least 1" : null)
          .define();

  public static final Setting<Integer> MAX_VIOLATIONS =
      Setting.of("maxViolations", Kind.INTEGER, 100)
          .option("--max-violations", "N")
          .means(
              "Violations named in one answer (and one journal entry) at most: the first N, with"
                  + " the count of all.")
          .rule(max -> max < 1 ? "must be at least 1" : null)
          .define();

  public static final Setting<URI> PROXY_TO =
      Setting.of("proxyTo", Kind.URL, (URI) null)
          .option("--proxy", "URL")
          .means(
              "Validating proxy: forward valid requests to this real server, answer with what it"
                  + " says, and report where its answers break the spec.")
          .define();

  public static final Setting<Path> RECORD_TO =
      Setting.of("recordTo", Kind.PATH, (Path) null)
          .option("--record", "DIR")
          .means(
              "With a proxy, record every exchange into DIR: WireMock stub mappings (mappings/,"
                  + " artifact bytes in __files/) and corpus.jsonl for the replay command; tokens"
                  + " are never written.")
          .rule(MockSettings::directoryProblem)
          .needs(PROXY_TO, "it records the real server's answers")
          .define();

  public static final Setting<Boolean> RECORD_REDACT_TEAMS =
      Setting.of("recordRedactTeams", Kind.FLAG, false)
          .option("--record-redact-teams", null)
          .means("With a recording, replace the teams requests name with pseudonyms (team-1, ...).")
          .needs(RECORD_TO, "it changes what a recording writes")
          .define();

  public static final Setting<Boolean> FORWARD_INVALID =
      Setting.of("forwardInvalid", Kind.FLAG, false)
          .option("--forward-invalid", null)
          .means("With a proxy, forward requests that break the contract too, with a warning.")
          .define();

  public static final Setting<CachingStatus> STATUS =
      Setting.of("status", Kind.STATUS, CachingStatus.ENABLED)
          .option("--status", "STATUS")
          .means(
              "What GET /v8/artifacts/status answers at start: "
                  + statusValues()
                  + "; PUT /__admin/remote-cache/status changes it.")
          .define();

  public static final Setting<Path> REPORT_ON_EXIT =
      Setting.of("reportOnExit", Kind.PATH, (Path) null)
          .option("--report-on-exit", "DIR")
          .means(
              "When stopped, write the check's reports here: remote-cache-check.xml (JUnit XML),"
                  + " .json, .md; they carry the verdict.")
          .define();

  public static final Setting<Path> MAPPINGS =
      Setting.of("mappings", Kind.PATH, (Path) null)
          .option("--mappings", "DIR")
          .means(
              "Serve the WireMock stubs of DIR (mappings/*.json, bodies in __files/), each held"
                  + " to the spec when loaded: one the spec does not allow stops the start.")
          .define();

  public static final Setting<Consumer<String>> REQUEST_LOG =
      Setting.of("requestLog", Kind.LINES, (Consumer<String>) null)
          .means("Where one line per request goes (the command line: stdout, unless --quiet).")
          .byDefault("nowhere")
          .define();

  public static final Setting<Boolean> COLOUR_LOG =
      Setting.of("colourLog", Kind.FLAG, false)
          .means(
              "Colour the request log for a terminal (the command line: when it writes to one"
                  + " and NO_COLOR is unset).")
          .define();

  // ---- The values ----

  private static final MockSettings DEFAULTS = new MockSettings(Map.of());

  /** The settings given a value other than their default. */
  private final Map<Setting<?>, Object> chosen;

  private MockSettings(Map<Setting<?>, Object> chosen) {
    this.chosen = chosen;
  }

  /** Every setting at its default. */
  public static MockSettings defaults() {
    return DEFAULTS;
  }

  /** Every setting, in the order they are documented. */
  public static List<Setting<?>> schema() {
    return Collections.unmodifiableList(SCHEMA);
  }

  /** The setting of this name (as the builder and the JSON document spell it). */
  public static Setting<?> setting(String name) {
    for (Setting<?> setting : SCHEMA) {
      if (setting.name().equals(name)) {
        return setting;
      }
    }
    throw new IllegalArgumentException(
        "no setting " + name + "; the settings are " + SCHEMA.stream().map(Setting::name).toList());
  }

  /** This setting's value: the one chosen, else its default. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return chosen.containsKey(setting) ? (T) chosen.get(setting) : setting.defaultValue();
  }

  /**
   * These settings with {@code setting} set to {@code value}, once it meets the setting's rule.
   *
   * @throws InvalidSetting naming the setting, the value and the rule
   */
  public <T> MockSettings with(Setting<T> setting, T value) {
    T checked = setting.check(value);
    Map<Setting<?>, Object> next = new LinkedHashMap<>(chosen);
    if (Objects.equals(checked, setting.defaultValue())) {
      next.remove(setting);
    } else {
      next.put(setting, checked);
    }
    return new MockSettings(Collections.unmodifiableMap(next));
  }

  /**
   * These settings, once every setting that needs another one has it ({@code recordTo} needs {@code
   * proxyTo}, ...).
   */
  public MockSettings checkedTogether() {
    for (Setting<?> setting : SCHEMA) {
      Setting<?> needed = setting.needs();
      if (needed != null && chosen.containsKey(setting) && !chosen.containsKey(needed)) {
        throw new InvalidSetting(
            setting.name(), setting.show(get(setting)), setting.needsWhy(), needed.name());
      }
    }
    return this;
  }

  // ---- As one JSON document: how a server in a JVM of its own receives them ----

  /**
   * The settings chosen, as a JSON object of setting names and their values in the command line's
   * words (a number, a flag, or text; a list for a repeatable one). {@code requestLog} becomes
   * {@code true}: that server writes its request lines to its stdout.
   */
  public String toJson() {
    ObjectNode document = Json.MAPPER.createObjectNode();
    for (Setting<?> setting : SCHEMA) {
      if (chosen.containsKey(setting)) {
        document.set(setting.name(), setting.toJson(chosen.get(setting)));
      }
    }
    try {
      return Json.MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of strings and numbers always writes
    }
  }

  /**
   * The settings of a {@link #toJson()} document, each held to its rule again.
   *
   * @throws InvalidSetting for an unknown setting or a value outside its rule
   */
  public static MockSettings fromJson(String json) {
    JsonNode document;
    try {
      document = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the settings are not a JSON document: " + e.getMessage());
    }
    if (document == null || !document.isObject()) {
      throw new IllegalArgumentException("the settings are not a JSON object: " + json);
    }
    MockSettings settings = defaults();
    for (Map.Entry<String, JsonNode> field : document.properties()) {
      settings = settings.withText(setting(field.getKey()), Setting.texts(field.getValue()));
    }
    return settings.checkedTogether();
  }

  /** These settings with {@code setting} parsed from its command-line texts. */
  public MockSettings withText(Setting<?> setting, List<String> texts) {
    return withParsed(setting, texts);
  }

  private <T> MockSettings withParsed(Setting<T> setting, List<String> texts) {
    return with(setting, setting.parse(texts));
  }

  /** Jackson, loaded only by what reads or writes a document. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  // ---- The values by name, as the engines read them ----

  public String host() {
    return get(HOST);
  }

  public int port() {
    return get(PORT);
  }

  public List<String> tokens() {
    return get(TOKENS);
  }

  public Path storage() {
    return get(STORAGE);
  }

  public CachingStatus status() {
    return get(STATUS);
  }

  public long maxBodyBytes() {
    return get(MAX_BODY_SIZE);
  }

  public Duration idleTimeout() {
    return get(IDLE_TIMEOUT);
  }

  /** The chosen limit, or {@link #JOURNAL_LIMIT_FROM_HEAP} for {@link MemoryBudget}'s share. */
  public int journalLimit() {
    return get(JOURNAL_LIMIT);
  }

  public int maxViolations() {
    return get(MAX_VIOLATIONS);
  }

  public String adminToken() {
    return get(ADMIN_TOKEN);
  }

  public Consumer<String> requestLog() {
    return get(REQUEST_LOG);
  }

  public boolean colourLog() {
    return get(COLOUR_LOG);
  }

  public URI proxyTarget() {
    return get(PROXY_TO);
  }

  public boolean forwardInvalid() {
    return get(FORWARD_INVALID);
  }

  public Path reportOnExit() {
    return get(REPORT_ON_EXIT);
  }

  public Path recordTo() {
    return get(RECORD_TO);
  }

  public boolean recordRedactTeams() {
    return get(RECORD_REDACT_TEAMS);
  }

  public Path mappings() {
    return get(MAPPINGS);
  }

  /** The base URL of a mock with these settings listening on {@code port}. */
  public String baseUrl(int port) {
    String host = host();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MockSettings settings && chosen.equals(settings.chosen);
  }

  @Override
  public int hashCode() {
    return chosen.hashCode();
  }

  /** The settings chosen; tokens are not shown. */
  @Override
  public String toString() {
    return chosen.entrySet().stream()
        .map(
            e ->
                e.getKey().name()
                    + "="
                    + (e.getKey() == TOKENS || e.getKey() == ADMIN_TOKEN ? "***" : e.getValue()))
        .collect(Collectors.joining(", ", "MockSettings[", "]"));
  }

  // ---- The rules that take more than a line ----

  /** A token the mock accepts: one a client can send, in {@link #TOKEN_SYNTAX}. */
  private static String tokenProblem(String token) {
    if (token.isEmpty()) {
      return "is empty; a bearer token has at least one character";
    }
    if (!TOKEN.matcher(token).matches()) {
      return "has characters a bearer token cannot carry (RFC 6750: letters, digits, -._~+/ and"
          + " trailing =)";
    }
    return null;
  }

  /**
   * An idle timeout: more than 0 (none would let a stalled client hold a connection forever), at
   * most a day.
   */
  private static String idleTimeoutProblem(Duration timeout) {
    return timeout.isNegative()
            || timeout.isZero()
            || timeout.compareTo(Duration.ofSeconds(MAX_IDLE_TIMEOUT_SECONDS)) > 0
        ? "must be more than 0 and at most " + MAX_IDLE_TIMEOUT_SECONDS + " s (a day)"
        : null;
  }

  /** A directory, or a path that can be one: no file in its place or above it. */
  private static String directoryProblem(Path directory) {
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      return existing.equals(directory.toAbsolutePath())
          ? "is a file, not a directory"
          : existing + " is a file, not a directory";
    }
    return null;
  }

  // ---- What a setting is ----

  /**
   * One setting: its name (the builder's method and the JSON document's key), its option on the
   * command line (if it has one), what it means, its default and its rule.
   *
   * @param <T> its value's type ({@code List<String>} for a repeatable one)
   */
  public static final class Setting<T> {
    private final String name;
    private final Kind<Object> kind;
    private final boolean repeatable;
    private final T defaultValue;
    private final String defaultText;
    private final String option;
    private final String label;
    private final String meaning;
    private final Function<Object, String> rule;
    private final Setting<?> needs;
    private final String needsWhy;

    private Setting(Spec<T, ?> spec) {
      this.name = spec.name;
      this.kind = spec.kind;
      this.repeatable = spec.repeatable;
      this.defaultValue = spec.defaultValue;
      this.defaultText = spec.defaultText;
      this.option = spec.option;
      this.label = spec.label;
      this.meaning = Objects.requireNonNull(spec.meaning, spec.name);
      this.rule = spec.rule;
      this.needs = spec.needs;
      this.needsWhy = spec.needsWhy;
    }

    @SuppressWarnings("unchecked")
    static <V> Spec<V, V> of(String name, Kind<V> kind, V defaultValue) {
      return new Spec<>(name, (Kind<Object>) kind, false, defaultValue);
    }

    @SuppressWarnings("unchecked")
    static <V> Spec<List<V>, V> many(String name, Kind<V> kind) {
      return new Spec<>(name, (Kind<Object>) kind, true, List.of());
    }

    private boolean is(Kind<?> other) {
      return kind == (Kind<?>) other;
    }

    /** The builder's name for it, and its key in the JSON document. */
    public String name() {
      return name;
    }

    /** Its command-line option ({@code --port}), or {@code null} for a setting of Java's only. */
    public String option() {
      return option;
    }

    /** What its option's value is called ({@code PORT}), or {@code null} for a flag. */
    public String label() {
      return label;
    }

    /** What it means, in a sentence or two (the help's, and the docs'). */
    public String meaning() {
      return meaning;
    }

    public T defaultValue() {
      return defaultValue;
    }

    /** Its default as people read it ({@code 7878}, {@code 100M}, {@code in memory}). */
    public String defaultText() {
      if (defaultText != null) {
        return defaultText;
      }
      if (defaultValue == null) {
        return "none";
      }
      if (is(Kind.FLAG)) {
        return (Boolean) defaultValue ? "on" : "off";
      }
      return String.join(", ", format(defaultValue));
    }

    /** A flag: given alone on the command line, it means {@code true}. */
    public boolean isFlag() {
      return is(Kind.FLAG);
    }

    /** Given any number of times: its value is a list. */
    public boolean isRepeatable() {
      return repeatable;
    }

    /** The setting a chosen value of this one needs chosen too, or {@code null}. */
    public Setting<?> needs() {
      return needs;
    }

    String needsWhy() {
      return needsWhy;
    }

    /**
     * The value, once it meets this setting's rule; {@code null} only where the default is.
     *
     * @throws InvalidSetting naming this setting, the value and the rule
     */
    @SuppressWarnings("unchecked")
    public T check(T value) {
      if (value == null && defaultValue == null) {
        return null;
      }
      Objects.requireNonNull(value, name);
      List<Object> values = repeatable ? List.copyOf((List<Object>) value) : List.of(value);
      for (Object one : values) {
        String problem = rule == null ? null : rule.apply(one);
        if (problem != null) {
          throw new InvalidSetting(name, kind.show().apply(one), problem, null);
        }
      }
      return repeatable ? (T) values : value;
    }

    /**
     * The value its command-line texts give (one per occurrence of its option), once it meets the
     * rule.
     *
     * @throws InvalidSetting for a text that is no value of its type, or a value outside the rule
     */
    @SuppressWarnings("unchecked")
    public T parse(List<String> texts) {
      if (texts.isEmpty() || (!repeatable && texts.size() > 1)) {
        throw new InvalidSetting(name, texts.toString(), "takes one value", null);
      }
      List<Object> values = new ArrayList<>();
      for (String text : texts) {
        try {
          values.add(kind.parse().apply(text));
        } catch (RuntimeException e) {
          throw new InvalidSetting(name, text, e.getMessage(), null);
        }
      }
      return check(repeatable ? (T) values : (T) values.get(0));
    }

    /** The value in the command line's words (one text per occurrence of the option). */
    @SuppressWarnings("unchecked")
    public List<String> format(T value) {
      List<Object> values = repeatable ? (List<Object>) value : Arrays.asList(value);
      return values.stream().map(one -> kind.format().apply(one)).toList();
    }

    String show(Object value) {
      return repeatable ? String.valueOf(value) : kind.show().apply(value);
    }

    @SuppressWarnings("unchecked")
    JsonNode toJson(Object value) {
      List<String> texts = format((T) value);
      if (repeatable) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        texts.forEach(list::add);
        return list;
      }
      String text = texts.get(0);
      if (is(Kind.FLAG) || is(Kind.LINES)) {
        return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(text));
      }
      if (is(Kind.INTEGER)) {
        return Json.MAPPER.getNodeFactory().numberNode(Integer.parseInt(text));
      }
      return Json.MAPPER.getNodeFactory().textNode(text);
    }

    static List<String> texts(JsonNode node) {
      List<String> texts = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(one -> texts.add(one.asText()));
      } else {
        texts.add(node.asText());
      }
      return texts;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A setting being declared.
   *
   * @param <T> its value's type
   * @param <E> the type of one value (of each, for a repeatable setting)
   */
  static final class Spec<T, E> {
    private final String name;
    private final Kind<Object> kind;
    private final boolean repeatable;
    private final T defaultValue;
    private String defaultText;
    private String option;
    private String label;
    private String meaning;
    private Function<Object, String> rule;
    private Setting<?> needs;
    private String needsWhy;

    private Spec(String name, Kind<Object> kind, boolean repeatable, T defaultValue) {
      this.name = name;
      this.kind = kind;
      this.repeatable = repeatable;
      this.defaultValue = defaultValue;
    }

    Spec<T, E> option(String option, String label) {
      this.option = option;
      this.label = label;
      return this;
    }

    Spec<T, E> means(String meaning) {
      this.meaning = meaning;
      return this;
    }

    Spec<T, E> byDefault(String text) {
      this.defaultText = text;
      return this;
    }

    /** The rule a value (each value, of a repeatable setting) meets: what is wrong, or null. */
    @SuppressWarnings("unchecked")
    Spec<T, E> rule(Function<E, String> problem) {
      this.rule = (Function<Object, String>) (Function<?, String>) problem;
      return this;
    }

    Spec<T, E> needs(Setting<?> other, String why) {
      this.needs = other;
      this.needsWhy = why;
      return this;
    }

    Setting<T> define() {
      Setting<T> setting = new Setting<>(this);
      SCHEMA.add(setting);
      return setting;
    }
  }

  /** A type of value, and how the command line and the JSON document write it. */
  record Kind<V>(Function<String, V> parse, Function<V, String> format, Function<V, String> show) {

    static final Kind<String> TEXT =
        new Kind<>(text -> text, text -> text, text -> "'" + text + "'");

    static final Kind<Integer> INTEGER =
        new Kind<>(
            text -> {
              try {
                return Integer.parseInt(text.trim());
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a whole number");
              }
            },
            String::valueOf,
            String::valueOf);

    /** Byte sizes as people write them: 1048576, 512K, 100M, 2G. */
    static final Kind<Long> BYTES =
        new Kind<>(MockSettings::parseBytes, MockSettings::formatBytes, MockSettings::formatBytes);

    /** Whole seconds as people write them ({@code 30}), else ISO-8601 ({@code PT0.5S}). */
    static final Kind<Duration> SECONDS =
        new Kind<>(
            text -> {
              try {
                return text.trim().matches("-?\\d+")
                    ? Duration.ofSeconds(Long.parseLong(text.trim()))
                    : Duration.parse(text.trim());
              } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("is not a number of seconds");
              }
            },
            duration ->
                duration.getNano() == 0
                    ? String.valueOf(duration.getSeconds())
                    : duration.toString(),
            duration ->
                duration.getNano() == 0 ? duration.getSeconds() + " s" : duration.toString());

    /** The status values as the spec spells them (its generated enum). */
    static final Kind<CachingStatus> STATUS =
        new Kind<>(
            text -> {
              try {
                return CachingStatus.fromValue(text.trim().toLowerCase(Locale.ROOT));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not one of " + statusValues());
              }
            },
            CachingStatus::getValue,
            CachingStatus::getValue);

    static final Kind<Path> PATH =
        new Kind<>(
            text -> {
              try {
                return Path.of(text);
              } catch (InvalidPathException e) {
                throw new IllegalArgumentException("is not a path: " + e.getReason());
              }
            },
            Path::toString,
            Path::toString);

    static final Kind<URI> URL =
        new Kind<>(
            text -> {
              try {
                return new URI(text);
              } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a URL: " + e.getReason());
              }
            },
            URI::toString,
            URI::toString);

    static final Kind<Boolean> FLAG =
        new Kind<>(
            text -> {
              if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("is not true or false");
              }
              return Boolean.valueOf(text);
            },
            String::valueOf,
            String::valueOf);

    /**
     * Where request lines go. In words it says only whether there is such a place: {@code true} is
     * this JVM's stdout, as for a server in a JVM of its own, whose stdout its starter reads.
     */
    static final Kind<Consumer<String>> LINES =
        new Kind<>(
            text -> {
              if (!text.equals("true")) {
                throw new IllegalArgumentException("is not true (stdout)");
              }
              return System.out::println;
            },
            lines -> "true",
            lines -> "a consumer");
  }

  /** The status values, as the spec spells them. */
  private static String statusValues() {
    return Arrays.stream(CachingStatus.values())
        .map(CachingStatus::getValue)
        .collect(Collectors.joining(", "));
  }

  private static long parseBytes(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    long unit = v.isEmpty() ? 1 : unitOf(v.charAt(v.length() - 1));
    String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
    try {
      return Math.multiplyExact(Long.parseLong(digits), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("is not a size such as 1048576, 512K, 100M or 2G");
    }
  }

  private static long unitOf(char suffix) {
    return switch (suffix) {
      case 'K' -> 1024L;
      case 'M' -> 1024L * 1024;
      case 'G' -> 1024L * 1024 * 1024;
      default -> 1L;
    };
  }

  /** The largest unit that states the size exactly: 104857600 is 100M. */
  private static String formatBytes(long bytes) {
    for (char suffix : new char[] {'G', 'M', 'K'}) {
      long unit = unitOf(suffix);
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + String.valueOf(suffix);
      }
    }
    return String.valueOf(bytes);
  }

  // ---- A refused value ----

  /** A setting given a value outside its rule: names the setting, the value and the rule. */
  public static final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String rule;
    private final String needs;

    InvalidSetting(String setting, String value, String rule, String needs) {
      super(
          setting
              + " "
              + value
              + ": "
              + (needs == null ? rule : "needs " + needs + " (" + rule + ")"));
      this.setting = setting;
      this.value = value;
      this.rule = rule;
      this.needs = needs;
    }

    /** The setting's name, as {@link RemoteCacheMock.Builder} spells it. */
    public String setting() {
      return setting;
    }

    /** The value refused, as given. */
    public String value() {
      return value;
    }

    /** What the value must be; with {@link #needs()}, why it needs that setting. */
    public String rule() {
      return rule;
    }

    /** The setting this one needs chosen too, or {@code null} when the value broke its own rule. */
    public String needs() {
      return needs;
    }
  }
}
