package dev.remotecache.mock.cli;

import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.RemoteCacheMock;
import dev.remotecache.mock.StubRefused;
import java.io.Console;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  /**
   * The container image binds every address by default ({@code -Dremotecache.defaultHost=0.0.0.0}:
   * reachable through a published port).
   */
  static final String DEFAULT_HOST_PROPERTY = "remotecache.defaultHost";

  // The settings' options come from MockSettings (SettingOptions); these two are the command's own.

  @Option(names = "--quiet", description = "Do not log one line per request.")
  boolean quiet;

  /**
   * How a server in a JVM of its own gets its settings (ProcessEngine): a JSON document
   * (MockSettings.toJson), from a file or {@code -} for stdin. Options given too win over it.
   */
  @Option(names = "--settings-json", paramLabel = "FILE", hidden = true)
  String settingsJson;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    quietLibraryLogs();
    System.exit(run(args));
  }

  /** Parses {@code args} and runs the server; returns the process exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line, with an option for every setting that has one ({@link SettingOptions}). */
  public static CommandLine commandLine() {
    CommandLine command = new CommandLine(new MockServerCommand());
    SettingOptions.addTo(command.getCommandSpec(), base());
    // A mistake gets one line and a pointer to --help, not the whole help after it (which hides
    // it).
    command.setParameterExceptionHandler(
        (e, arguments) -> {
          e.getCommandLine().getErr().println("remote-cache-mock: " + e.getMessage());
          e.getCommandLine().getErr().println("remote-cache-mock: see --help for the options");
          return EXIT_USAGE;
        });
    return command;
  }

  /** The defaults of this command: the schema's, with the container image's address. */
  private static MockSettings base() {
    String host = System.getProperty(DEFAULT_HOST_PROPERTY);
    return host == null
        ? MockSettings.defaults()
        : MockSettings.defaults().with(MockSettings.HOST, host);
  }

  @Override
  public Integer call() throws InterruptedException {
    MockSettings settings;
    try {
      settings = settings();
    } catch (MockSettings.InvalidSetting e) {
      System.err.println("remote-cache-mock: " + SettingOptions.usageLine(e));
      System.err.println("remote-cache-mock: see --help for the options");
      return EXIT_USAGE;
    } catch (UsageError e) {
      System.err.println("remote-cache-mock: " + e.getMessage());
      System.err.println("remote-cache-mock: see --help for the options");
      return EXIT_USAGE;
    }
    RemoteCacheMock mock;
    try {
      mock =
          RemoteCacheMock.builder()
              .with(settings)
              .outOfProcess(false) // this is the server (the JUnit extension on Java 17 runs it)
              .build();
    } catch (StubRefused e) {
      System.err.println(
          "remote-cache-mock: --mappings " + settings.mappings() + ": " + e.getMessage());
      return EXIT_USAGE;
    } catch (RuntimeException e) {
      if (rootCause(e)
          instanceof dev.remotecache.mock.internal.record.ExchangeRecorder.RecordingExists exists) {
        System.err.println("remote-cache-mock: --record " + exists.getMessage());
        return EXIT_USAGE;
      }
      if (settings.storage() != null && rootCause(e) instanceof FileSystemException unusable) {
        System.err.println(
            "remote-cache-mock: --storage " + settings.storage() + ": " + describe(unusable));
        return EXIT_USAGE;
      }
      System.err.println("remote-cache-mock: cannot start: " + rootMessage(e));
      return EXIT_START_FAILED;
    }
    try {
      mock.start();
    } catch (RuntimeException e) {
      System.err.println(
          "remote-cache-mock: cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + rootMessage(e));
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
    warnWhenExposed(settings);
    System.err.println(
        "remote-cache-mock: listening; "
            + (settings.tokens().isEmpty()
                ? "any bearer token is accepted"
                : settings.tokens().size() + " token(s) accepted")
            + (settings.proxyTarget() != null
                ? "; proxying to "
                    + settings.proxyTarget()
                    + (settings.forwardInvalid() ? " (invalid requests too)" : "")
                : "; artifacts "
                    + (settings.storage() == null
                        ? "in memory"
                        : "in " + settings.storage().toAbsolutePath()))
            + "; status "
            + settings.status()
            + "; live view at "
            + mock.baseUrl()
            + "/__ui; Ctrl-C stops");
    // Until a signal (whose hook above stops it) or POST /__admin/shutdown stops the mock.
    mock.awaitStop();
    return 0;
  }

  /**
   * The settings this command line gives: the defaults, or the {@code --settings-json} document,
   * then each setting's option; a value outside its setting's rule is an {@link
   * MockSettings.InvalidSetting}.
   */
  private MockSettings settings() {
    MockSettings settings;
    if (settingsJson != null) {
      settings = MockSettings.fromJson(readSettingsJson());
    } else {
      settings =
          base()
              .with(MockSettings.REQUEST_LOG, quiet ? null : System.out::println)
              // Colour only for a person at a terminal; NO_COLOR (no-color.org) turns it off.
              .with(
                  MockSettings.COLOUR_LOG,
                  attachedToTerminal() && System.getenv("NO_COLOR") == null);
    }
    return SettingOptions.apply(spec.commandLine().getParseResult(), settings).checkedTogether();
  }

  private String readSettingsJson() {
    try {
      return settingsJson.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(settingsJson));
    } catch (IOException e) {
      throw new UsageError(
          "--settings-json " + settingsJson + ": cannot read it: " + e.getMessage());
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
  private static void warnWhenExposed(MockSettings settings) {
    String host = settings.host();
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback && settings.tokens().isEmpty()) {
      System.err.println(
          "remote-cache-mock: WARNING: listening on "
              + host
              + " with no --token:"
              + " anyone who can reach this address can read and write its artifacts.");
      System.err.println(
          "remote-cache-mock: WARNING: pass --token (and --admin-token) or bind 127.0.0.1.");
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
