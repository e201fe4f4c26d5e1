package dev.remotecache.mock.cli;

import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.RemoteCacheMock;
import dev.remotecache.mock.StubRefused;
import java.io.Console;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar remote-cache-mock.jar}: runs the mock until stopped.
 *
 * <p>Exit codes: 0 after a clean stop ({@code POST /__admin/shutdown}, Ctrl-C, SIGTERM), 1 when the
 * server cannot start (port in use, address not available), 2 for a usage error.
 */
@Command(
    name = "remote-cache-mock",
    mixinStandardHelpOptions = true,
    versionProvider = MockServerCommand.Version.class,
    subcommands = {CheckCommand.class, ReplayCommand.class},
    description = {
      "A mock Vercel Remote Cache server that checks every request against the OpenAPI contract.",
      "Valid requests get the spec's answer and are recorded; invalid ones get a 4xx naming every violation.",
      "",
      "Recorded data: GET /__admin/remote-cache/journal (events, rejections); DELETE it to reset.",
      "Stored artifacts: GET /__admin/remote-cache/artifacts.",
      "Point turbo at it: turbo run build --api=http://127.0.0.1:7878 --token=any --team=my-team",
      "In CI, after the tool ran: remote-cache-mock check --url URL --reports DIR (check --help)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped cleanly by POST /__admin/shutdown (or by a signal, with the signal's own code:"
          + " 130 after Ctrl-C, 143 after SIGTERM)",
      "1:could not start (port in use, address not available)",
      "2:invalid command line (an option outside its range, an unusable --storage)"
    })
public final class MockServerCommand implements Callable<Integer> {

  static final int EXIT_START_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on, 0..65535; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port = MockSettings.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      // The container image sets -Dremotecache.defaultHost=0.0.0.0 (reachable through a published
      // port).
      defaultValue = "${sys:remotecache.defaultHost:-" + MockSettings.DEFAULT_HOST + "}",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (127.0.0.1: this machine only).")
  String host;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Accept only this bearer token (repeatable; not empty, RFC 6750 characters)."
              + " Default: any well-formed token.")
  List<String> tokens = new ArrayList<>();

  @Option(
      names = "--storage",
      paramLabel = "DIR",
      description =
          "Keep artifacts in this directory so they survive a restart. Default: in memory.")
  Path storage;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      converter = StatusConverter.class,
      completionCandidates = StatusValues.class,
      description =
          "What GET /v8/artifacts/status answers: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}."
              + " Change it while running with PUT /__admin/remote-cache/status.")
  CachingStatus status = MockSettings.DEFAULT_STATUS;

  @Option(
      names = "--max-body-size",
      paramLabel = "SIZE",
      converter = ByteSizeConverter.class,
      description =
          "Largest request body accepted, in bytes or with K, M, G (1024-based). Larger: 413."
              + " Default: 100M.")
  long maxBodySize = MockSettings.DEFAULT_MAX_BODY_BYTES;

  @Option(
      names = "--idle-timeout",
      paramLabel = "SECONDS",
      description =
          "Close a connection silent for this long (a stalled client): 1 to "
              + MockSettings.MAX_IDLE_TIMEOUT_SECONDS
              + " (a day);"
              + " there is no \"never\". Default: ${DEFAULT-VALUE}.")
  long idleTimeoutSeconds = MockSettings.DEFAULT_IDLE_TIMEOUT.toSeconds();

  @Option(
      names = "--journal-limit",
      paramLabel = "N",
      description =
          "Events (and rejections) the journal keeps, at least 1; the oldest go first, counted"
              + " (check says how many). Default: derived from"
              + " the heap, 100000 at the default 384 MiB heap.")
  Integer journalLimit;

  @Option(
      names = "--max-violations",
      paramLabel = "N",
      description =
          "Violations named in one answer (and one journal entry) at most: the first N, with the"
              + " count of all. Default: ${DEFAULT-VALUE}.")
  int maxViolations = MockSettings.DEFAULT_MAX_VIOLATIONS;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "Require this bearer token on /__admin. Default: none, and /__admin answers only"
              + " callers on this machine.")
  String adminToken;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      description =
          "Validating proxy: forward valid requests to this real server, answer with what it says,"
              + " and report where its answers break the spec (GET /__admin/remote-cache/deviations).")
  URI proxy;

  @Option(
      names = "--forward-invalid",
      description =
          "With --proxy, forward requests that break the contract too, with a warning."
              + " Default: refuse them, as the mock does.")
  boolean forwardInvalid;

  @Option(
      names = "--record",
      paramLabel = "DIR",
      description =
          "With --proxy, record every exchange into DIR: WireMock stub mappings (mappings/,"
              + " artifact bytes in __files/) and corpus.jsonl for the replay command. Tokens are"
              + " never written.")
  Path record;

  @Option(
      names = "--record-redact-teams",
      description = "With --record, replace the teams requests name with pseudonyms (team-1, ...).")
  boolean recordRedactTeams;

  @Option(names = "--quiet", description = "Do not log one line per request.")
  boolean quiet;

  @Option(
      names = "--report-on-exit",
      paramLabel = "DIR",
      description =
          "When stopped (POST /__admin/shutdown, SIGTERM, Ctrl-C), write the check's reports"
              + " here: remote-cache-check.xml (JUnit XML), .json, .md. The exit code stays the"
              + " stop's (0, or the signal's); the reports carry the verdict.")
  Path reportOnExit;

  @Option(
      names = "--mappings",
      paramLabel = "DIR",
      description =
          "Serve the WireMock stubs of DIR (mappings/*.json, bodies in __files/), each held to the"
              + " spec when loaded: a stub whose answer the spec does not allow stops the start"
              + " (exit 2, naming file and violation). More stubs: POST /__admin/mappings.")
  Path mappings;

  public static void main(String[] args) {
    quietLibraryLogs();
    System.exit(run(args));
  }

  /** Parses {@code args} and runs the server; returns the process exit code. */
  public static int run(String... args) {
    CommandLine command = new CommandLine(new MockServerCommand());
    // A mistake gets one line and a pointer to --help, not the whole help after it (which hides
    // it).
    command.setParameterExceptionHandler(
        (e, arguments) -> {
          e.getCommandLine().getErr().println("remote-cache-mock: " + e.getMessage());
          e.getCommandLine().getErr().println("remote-cache-mock: see --help for the options");
          return EXIT_USAGE;
        });
    return command.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    RemoteCacheMock mock;
    try {
      mock = build();
    } catch (StubRefused e) {
      System.err.println("remote-cache-mock: --mappings " + mappings + ": " + e.getMessage());
      return EXIT_USAGE;
    } catch (UsageError e) {
      System.err.println("remote-cache-mock: " + e.getMessage());
      System.err.println("remote-cache-mock: see --help for the options");
      return EXIT_USAGE;
    } catch (RuntimeException e) {
      if (rootCause(e)
          instanceof dev.remotecache.mock.internal.record.ExchangeRecorder.RecordingExists exists) {
        System.err.println("remote-cache-mock: --record " + exists.getMessage());
        return EXIT_USAGE;
      }
      if (storage != null && rootCause(e) instanceof FileSystemException unusable) {
        System.err.println("remote-cache-mock: --storage " + storage + ": " + describe(unusable));
        return EXIT_USAGE;
      }
      System.err.println("remote-cache-mock: cannot start: " + rootMessage(e));
      return EXIT_START_FAILED;
    }
    try {
      mock.start();
    } catch (RuntimeException e) {
      System.err.println(
          "remote-cache-mock: cannot listen on " + host + ":" + port + ": " + rootMessage(e));
      if (rootCause(e) instanceof BindException) {
        System.err.println(
            "remote-cache-mock: is another mock (or server) running on it? Stop it, or choose"
                + " another port with --port N (--port 0 picks a free one and prints it).");
      }
      return EXIT_START_FAILED;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(mock::stop, "remote-cache-mock-shutdown")); // a no-op once stopped
    // The base URL alone on its own line, so scripts can read it (for example with --port 0).
    System.out.println(mock.baseUrl());
    System.out.flush();
    warnWhenExposed();
    System.err.println(
        "remote-cache-mock: listening; "
            + (tokens.isEmpty()
                ? "any bearer token is accepted"
                : tokens.size() + " token(s) accepted")
            + (proxy != null
                ? "; proxying to " + proxy + (forwardInvalid ? " (invalid requests too)" : "")
                : "; artifacts "
                    + (storage == null ? "in memory" : "in " + storage.toAbsolutePath()))
            + "; status "
            + status
            + "; live view at "
            + mock.baseUrl()
            + "/__ui; Ctrl-C stops");
    // Until a signal (whose hook above stops it) or POST /__admin/shutdown stops the mock.
    mock.awaitStop();
    return 0;
  }

  /**
   * The mock these options describe; a value outside its setting's rule is a {@link UsageError}.
   */
  private RemoteCacheMock build() {
    RemoteCacheMock.Builder builder = RemoteCacheMock.builder();
    set("--host", () -> builder.host(host));
    set("--port", () -> builder.port(port));
    set("--token", () -> builder.tokens(tokens));
    set("--storage", () -> builder.storage(storage));
    set("--idle-timeout", () -> builder.idleTimeout(Duration.ofSeconds(idleTimeoutSeconds)));
    set("--max-violations", () -> builder.maxViolations(maxViolations));
    if (record != null && proxy == null) {
      throw new UsageError(
          "--record " + record + ": needs --proxy URL (it records the real server's answers)");
    }
    if (recordRedactTeams && record == null) {
      throw new UsageError("--record-redact-teams: needs --record DIR");
    }
    set("--record", () -> builder.recordTo(MockSettings.checkRecording(record, proxy)));
    if (journalLimit != null) { // else the server derives it from its heap (MemoryBudget)
      set("--journal-limit", () -> builder.journalLimit(journalLimit));
    }
    return builder
        .status(status)
        .maxBodySize(maxBodySize)
        .adminToken(adminToken)
        .proxyTo(proxy)
        .forwardInvalid(forwardInvalid)
        .reportOnExit(reportOnExit)
        .recordRedactTeams(recordRedactTeams)
        .mappings(mappings)
        .outOfProcess(false) // this is the server (the JUnit extension on Java 17 runs it)
        .requestLog(quiet ? null : System.out::println)
        // Colour only for a person at a terminal; NO_COLOR (no-color.org) turns it off.
        .colourLog(attachedToTerminal() && System.getenv("NO_COLOR") == null)
        .build();
  }

  /** Applies one option; its setting's rule (in {@link MockSettings}) names what is wrong. */
  private static void set(String option, Runnable setter) {
    try {
      setter.run();
    } catch (MockSettings.InvalidSetting e) {
      throw new UsageError(option + " " + e.value() + ": " + e.rule());
    }
  }

  /** An option's value breaks its rule: exit 2, one line. */
  private static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** Why a storage directory cannot be used, in a few words. */
  private static String describe(FileSystemException e) {
    String path = e.getFile() == null ? "it" : e.getFile();
    String why =
        e.getReason() != null
            ? e.getReason()
            : e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof FileAlreadyExistsException
                    ? "exists and is not a directory"
                    : e instanceof NoSuchFileException
                        ? "no such file or directory"
                        : e.getClass().getSimpleName();
    return "cannot create or use " + path + ": " + why;
  }

  /**
   * Whether a person's terminal is attached. On Java 22+ {@code System.console()} exists even when
   * output is piped, and {@code Console.isTerminal()} (not in Java 21's API) says which.
   */
  static boolean attachedToTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException java21) {
      return true; // Java 21 has a console only for a terminal
    }
  }

  /**
   * Bound beyond this machine, a mock that takes any token is open to the whole network: say so
   * loudly.
   */
  private void warnWhenExposed() {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback && tokens.isEmpty()) {
      System.err.println(
          "remote-cache-mock: WARNING: listening on "
              + host
              + " with no --token:"
              + " anyone who can reach this address can read and write its artifacts.");
      System.err.println(
          "remote-cache-mock: WARNING: pass --token (and --admin-token) or bind 127.0.0.1.");
    }
  }

  /** Byte sizes as people write them: 1048576, 512K, 100M, 2G. */
  static final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.trim().toUpperCase(Locale.ROOT);
      long unit =
          switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
          };
      String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
      try {
        long size = Math.multiplyExact(Long.parseLong(digits), unit);
        if (size < 1) {
          throw new NumberFormatException();
        }
        return size;
      } catch (NumberFormatException | ArithmeticException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a size such as 1048576, 512K, 100M or 2G");
      }
    }
  }

  /**
   * Libraries log through slf4j-simple in the standalone jar: warnings only, and none of
   * networknt's expected complaint about OpenAPI's {@code components} keyword. Explicit -D settings
   * win.
   */
  private static void quietLibraryLogs() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.com.networknt", "error");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = rootCause(e);
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** Status values as the spec spells them (lower case), not as Java enum constants. */
  static final class StatusConverter implements CommandLine.ITypeConverter<CachingStatus> {
    @Override
    public CachingStatus convert(String value) {
      try {
        return CachingStatus.fromValue(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not one of " + new StatusValues());
      }
    }
  }

  static final class StatusValues extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    StatusValues() {
      for (CachingStatus s : CachingStatus.values()) {
        add(s.toString());
      }
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = MockServerCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "remote-cache-mock " + (version == null ? "(development build)" : version)
      };
    }
  }
}
