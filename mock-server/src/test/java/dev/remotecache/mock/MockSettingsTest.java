package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.MockSettings.InvalidSetting;
import dev.remotecache.mock.MockSettings.Setting;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one list of settings: each has a rule that refuses what it must, and every one crosses to a
 * server in a JVM of its own (as JSON) unchanged.
 */
class MockSettingsTest {

  private static final Consumer<String> LINES = line -> {};

  /**
   * A value other than the default for every setting: a new setting fails {@link
   * #everySettingHasAnExample} until it has one here.
   */
  private static final Map<Setting<?>, Object> EXAMPLES =
      Map.ofEntries(
          Map.entry(MockSettings.PORT, 0),
          Map.entry(MockSettings.HOST, "127.0.0.2"),
          Map.entry(MockSettings.TOKENS, List.of("one", "two=")),
          Map.entry(MockSettings.STORAGE, Path.of("relative/artifacts")),
          Map.entry(MockSettings.ADMIN_TOKEN, "admin"),
          Map.entry(MockSettings.MAX_BODY_SIZE, 12_345L),
          Map.entry(MockSettings.MAX_HEADER_SIZE, 64L * 1024),
          Map.entry(MockSettings.IDLE_TIMEOUT, Duration.ofMillis(1_500)),
          Map.entry(MockSettings.JOURNAL_LIMIT, 7),
          Map.entry(MockSettings.MAX_VIOLATIONS, 42),
          Map.entry(MockSettings.PROXY_TO, URI.create("http://127.0.0.1:3000/base")),
          Map.entry(MockSettings.RECORD_TO, Path.of("/tmp/recording")),
          Map.entry(MockSettings.RECORD_REDACT_TEAMS, true),
          Map.entry(MockSettings.FORWARD_INVALID, true),
          Map.entry(MockSettings.STATUS, CachingStatus.OVER_LIMIT),
          Map.entry(MockSettings.REPORT_ON_EXIT, Path.of("/tmp/reports")),
          Map.entry(MockSettings.MAPPINGS, Path.of("stubs")),
          Map.entry(MockSettings.REQUEST_LOG, LINES),
          Map.entry(MockSettings.COLOUR_LOG, true));

  @Test
  void everySettingHasAnExample() {
    assertEquals(names(MockSettings.schema()), names(EXAMPLES.keySet()));
    EXAMPLES.forEach(
        (setting, example) ->
            assertNotEquals(setting.defaultValue(), example, setting + ": not a default"));
  }

  @Test
  void everySettingCrossesToAServerOfItsOwnUnchanged() {
    MockSettings chosen = MockSettings.defaults();
    for (Setting<?> setting : MockSettings.schema()) {
      chosen = with(chosen, setting, EXAMPLES.get(setting));
    }
    MockSettings arrived = MockSettings.fromJson(chosen.toJson());

    for (Setting<?> setting : MockSettings.schema()) {
      if (setting == MockSettings.REQUEST_LOG) {
        // A function cannot cross: that server writes its lines to stdout, which this JVM reads
        // into the consumer (ServerProcess).
        assertNotNull(arrived.requestLog(), "request lines asked for");
      } else {
        assertEquals(chosen.get(setting), arrived.get(setting), setting.name());
      }
    }
    assertEquals(chosen.toJson(), arrived.toJson());
  }

  @Test
  void defaultsAreAnEmptyDocument() {
    assertEquals("{}", MockSettings.defaults().toJson());
    assertEquals(MockSettings.defaults(), MockSettings.fromJson("{}"));
    // None chosen: that server derives the journal limit from its own heap, not this JVM's.
    assertEquals(MockSettings.JOURNAL_LIMIT_FROM_HEAP, MockSettings.fromJson("{}").journalLimit());
  }

  @Test
  void aDocumentIsHeldToTheRulesToo() {
    assertEquals(
        "port 99999: must be 0..65535 (0 picks a free one)",
        assertThrows(InvalidSetting.class, () -> MockSettings.fromJson("{\"port\": 99999}"))
            .getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> MockSettings.fromJson("{\"colour\": true}"));
    assertTrue(unknown.getMessage().startsWith("no setting colour;"), unknown.getMessage());
  }

  @Test
  void eachRuleNamesTheSettingTheValueAndTheRule(@TempDir Path dir) throws Exception {
    MockSettings settings = MockSettings.defaults();
    assertRefused("port 65536: must be 0..65535", settings, MockSettings.PORT, 65536);
    assertRefused("journalLimit 0: must be at least 1", settings, MockSettings.JOURNAL_LIMIT, 0);
    assertRefused("maxViolations 0: must be at least 1", settings, MockSettings.MAX_VIOLATIONS, 0);
    assertRefused("maxBodySize 0: must be at least 1", settings, MockSettings.MAX_BODY_SIZE, 0L);
    assertRefused(
        "maxHeaderSize 1023: must be 1K to 1M", settings, MockSettings.MAX_HEADER_SIZE, 1023L);
    assertRefused(
        "idleTimeout 0 s: must be more than 0", settings, MockSettings.IDLE_TIMEOUT, Duration.ZERO);
    assertRefused(
        "idleTimeout 86401 s: must be more than 0 and at most 86400 s",
        settings,
        MockSettings.IDLE_TIMEOUT,
        Duration.ofSeconds(86_401));
    assertRefused("tokens '': is empty", settings, MockSettings.TOKENS, List.of("ok", ""));
    assertRefused(
        "tokens 'two words': has characters", settings, MockSettings.TOKENS, List.of("two words"));
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertRefused(
        "storage " + file + ": is a file, not a directory", settings, MockSettings.STORAGE, file);
    assertRefused(
        "recordTo " + file.resolve("sub") + ": " + file + " is a file",
        settings,
        MockSettings.RECORD_TO,
        file.resolve("sub"));
  }

  @Test
  void aSettingWithoutNeedsValueItsDefaultStaysUnset() {
    assertThrows(
        NullPointerException.class, () -> MockSettings.defaults().with(MockSettings.HOST, null));
    assertSame(null, MockSettings.defaults().with(MockSettings.STORAGE, null).storage());
    assertEquals(MockSettings.defaults(), MockSettings.defaults().with(MockSettings.PORT, 7878));
  }

  @Test
  void aSettingThatNeedsAnotherIsRefusedWithoutIt() {
    MockSettings recording =
        MockSettings.defaults().with(MockSettings.RECORD_TO, Path.of("recording"));
    InvalidSetting refused = assertThrows(InvalidSetting.class, recording::checkedTogether);
    assertEquals("recordTo", refused.setting());
    assertEquals("proxyTo", refused.needs());
    assertEquals(
        "recordTo recording: needs proxyTo (it records the real server's answers)",
        refused.getMessage());
    recording.with(MockSettings.PROXY_TO, URI.create("http://127.0.0.1:1")).checkedTogether();
  }

  @Test
  void theCommandLinesWordsAreParsedByTheSetting() {
    assertEquals(100L * 1024 * 1024, MockSettings.MAX_BODY_SIZE.parse(List.of("100M")));
    assertEquals(List.of("100M"), MockSettings.MAX_BODY_SIZE.format(100L * 1024 * 1024));
    assertEquals(Duration.ofSeconds(30), MockSettings.IDLE_TIMEOUT.parse(List.of("30")));
    assertEquals(CachingStatus.PAUSED, MockSettings.STATUS.parse(List.of("paused")));
    String sleeping =
        assertThrows(InvalidSetting.class, () -> MockSettings.STATUS.parse(List.of("sleeping")))
            .getMessage();
    assertTrue(sleeping.startsWith("status sleeping: is not one of "), sleeping);
    assertTrue(sleeping.contains("over_limit"), sleeping);
    assertEquals(
        "port abc: is not a whole number",
        assertThrows(InvalidSetting.class, () -> MockSettings.PORT.parse(List.of("abc")))
            .getMessage());
  }

  /** {@code with(MockSettings.MAX_BODY_SIZE, ...)}: each setting is a constant of its name. */
  @Test
  void eachSettingIsTheConstantOfItsName() throws Exception {
    for (Setting<?> setting : MockSettings.schema()) {
      String constant =
          setting.name().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      Field field = MockSettings.class.getField(constant);
      assertTrue(Modifier.isStatic(field.getModifiers()), constant);
      assertSame(setting, field.get(null), constant);
    }
  }

  @Test
  void theStatusValuesAreTheSpecs() {
    String values =
        java.util.Arrays.stream(CachingStatus.values())
            .map(CachingStatus::getValue)
            .collect(Collectors.joining(", "));
    assertTrue(MockSettings.STATUS.meaning().contains(values), MockSettings.STATUS.meaning());
  }

  private static <T> void assertRefused(
      String expected, MockSettings settings, Setting<T> setting, Object value) {
    @SuppressWarnings("unchecked")
    InvalidSetting refused =
        assertThrows(InvalidSetting.class, () -> settings.with(setting, (T) value));
    assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static <T> MockSettings with(MockSettings settings, Setting<T> setting, Object value) {
    return settings.with(setting, (T) value);
  }

  private static TreeSet<String> names(java.util.Collection<Setting<?>> settings) {
    return settings.stream().map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
  }
}
