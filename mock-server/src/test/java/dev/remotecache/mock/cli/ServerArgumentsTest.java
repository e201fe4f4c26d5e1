package dev.remotecache.mock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.internal.engine.ServerArguments;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A mock in a JVM of its own gets the builder's settings through the command line: every setting,
 * none lost, parsed by the real command line.
 */
class ServerArgumentsTest {

  @Test
  void everySettingReachesTheCommandLine() {
    MockSettings settings =
        new MockSettings(
            "127.0.0.2",
            0,
            List.of("one", "two"),
            Path.of("/tmp/artifacts"),
            CachingStatus.OVER_LIMIT,
            12_345,
            Duration.ofMillis(1_500),
            7,
            42,
            "admin",
            null,
            true,
            URI.create("http://127.0.0.1:3000"),
            true,
            Path.of("/tmp/reports"),
            Path.of("/tmp/recording"),
            true,
            Path.of("/tmp/stubs"));
    MockServerCommand command = new MockServerCommand();
    new CommandLine(command).parseArgs(ServerArguments.of(settings).toArray(String[]::new));

    assertEquals("127.0.0.2", command.host);
    assertEquals(0, command.port);
    assertEquals(List.of("one", "two"), command.tokens);
    assertEquals(Path.of("/tmp/artifacts"), command.storage);
    assertEquals(CachingStatus.OVER_LIMIT, command.status);
    assertEquals(12_345, command.maxBodySize);
    assertEquals(2, command.idleTimeoutSeconds, "a fraction of a second rounds up");
    assertEquals(7, command.journalLimit);
    assertEquals(42, command.maxViolations);
    assertEquals("admin", command.adminToken);
    assertTrue(command.quiet, "no requestLog: no request lines");
    assertEquals(URI.create("http://127.0.0.1:3000"), command.proxy);
    assertTrue(command.forwardInvalid);
    assertEquals(Path.of("/tmp/reports"), command.reportOnExit);
    assertEquals(Path.of("/tmp/recording"), command.record);
    assertTrue(command.recordRedactTeams);
    assertEquals(Path.of("/tmp/stubs"), command.mappings);
  }

  @Test
  void defaultsStayDefaults() {
    MockSettings settings =
        new MockSettings(
            MockSettings.DEFAULT_HOST,
            MockSettings.DEFAULT_PORT,
            List.of(),
            null,
            MockSettings.DEFAULT_STATUS,
            MockSettings.DEFAULT_MAX_BODY_BYTES,
            MockSettings.DEFAULT_IDLE_TIMEOUT,
            MockSettings.JOURNAL_LIMIT_FROM_HEAP,
            MockSettings.DEFAULT_MAX_VIOLATIONS,
            null,
            line -> {},
            false,
            null,
            false,
            null,
            null,
            false,
            null);
    MockServerCommand fromSettings = new MockServerCommand();
    new CommandLine(fromSettings).parseArgs(ServerArguments.of(settings).toArray(String[]::new));
    MockServerCommand bare = new MockServerCommand();
    new CommandLine(bare).parseArgs();

    assertEquals(bare.host, fromSettings.host);
    assertEquals(bare.port, fromSettings.port);
    assertEquals(bare.status, fromSettings.status);
    assertEquals(bare.maxBodySize, fromSettings.maxBodySize);
    assertEquals(bare.idleTimeoutSeconds, fromSettings.idleTimeoutSeconds);
    assertEquals(bare.journalLimit, fromSettings.journalLimit);
    assertEquals(bare.maxViolations, fromSettings.maxViolations);
    assertFalse(
        ServerArguments.of(settings).contains("--journal-limit"),
        "no limit chosen: the server derives it from its own heap, not from this JVM's");
    assertEquals(bare.reportOnExit, fromSettings.reportOnExit);
    assertEquals(bare.record, fromSettings.record);
    assertEquals(bare.recordRedactTeams, fromSettings.recordRedactTeams);
    assertFalse(fromSettings.quiet, "a requestLog gets the request lines");
  }

  /** A new setting fails here until ServerArguments maps it (or says why it cannot). */
  @Test
  void theSettingsAreTheOnesMapped() {
    Set<String> components =
        Arrays.stream(MockSettings.class.getRecordComponents())
            .map(c -> c.getName())
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "host",
            "port",
            "tokens",
            "storage",
            "status",
            "maxBodyBytes",
            "idleTimeout",
            "journalLimit",
            "maxViolations",
            "adminToken",
            "requestLog",
            "colourLog",
            "proxyTarget",
            "forwardInvalid",
            "reportOnExit",
            "recordTo",
            "recordRedactTeams",
            "mappings"),
        components);
  }
}
