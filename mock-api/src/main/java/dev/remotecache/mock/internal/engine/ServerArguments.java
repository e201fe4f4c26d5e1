package dev.remotecache.mock.internal.engine;

import dev.remotecache.mock.MockSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A mock's settings as the server's command line ({@code MockServerCommand}'s options), for a
 * server in a JVM of its own. {@code requestLog} becomes {@code --quiet} when absent (the lines
 * come back on the server's stdout); {@code colourLog} has no option (a pipe is no terminal).
 * ServerArgumentsTest parses the result with the real command line and holds every setting to it.
 */
public final class ServerArguments {

  private ServerArguments() {}

  /** The builder's settings as the command line's options ({@code MockServerCommand}). */
  public static List<String> of(MockSettings settings) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--host", settings.host(), "--port", Integer.toString(settings.port())));
    settings.tokens().forEach(token -> args.addAll(List.of("--token", token)));
    if (settings.storage() != null) {
      args.addAll(List.of("--storage", settings.storage().toAbsolutePath().toString()));
    }
    args.addAll(List.of("--status", settings.status().getValue()));
    args.addAll(List.of("--max-body-size", Long.toString(settings.maxBodyBytes())));
    // Whole seconds on the command line: a fraction rounds up, never to 0 (which would mean none).
    long idleMillis = settings.idleTimeout().toMillis();
    args.addAll(List.of("--idle-timeout", Long.toString(Math.max(1, (idleMillis + 999) / 1000))));
    // None chosen: the server derives it from its own heap, not from this JVM's.
    if (settings.journalLimit() != MockSettings.JOURNAL_LIMIT_FROM_HEAP) {
      args.addAll(List.of("--journal-limit", Integer.toString(settings.journalLimit())));
    }
    if (settings.maxViolations() != MockSettings.DEFAULT_MAX_VIOLATIONS) {
      args.addAll(List.of("--max-violations", Integer.toString(settings.maxViolations())));
    }
    if (settings.adminToken() != null) {
      args.addAll(List.of("--admin-token", settings.adminToken()));
    }
    if (settings.proxyTarget() != null) {
      args.addAll(List.of("--proxy", settings.proxyTarget().toString()));
    }
    if (settings.forwardInvalid()) {
      args.add("--forward-invalid");
    }
    if (settings.reportOnExit() != null) {
      args.addAll(List.of("--report-on-exit", settings.reportOnExit().toAbsolutePath().toString()));
    }
    if (settings.recordTo() != null) {
      args.addAll(List.of("--record", settings.recordTo().toAbsolutePath().toString()));
    }
    if (settings.recordRedactTeams()) {
      args.add("--record-redact-teams");
    }
    if (settings.mappings() != null) {
      args.addAll(List.of("--mappings", settings.mappings().toAbsolutePath().toString()));
    }
    if (settings.requestLog() == null) {
      args.add("--quiet");
    }
    return args;
  }
}
