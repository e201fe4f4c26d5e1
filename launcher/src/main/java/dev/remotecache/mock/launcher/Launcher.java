package dev.remotecache.mock.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The jar's entry point, compiled for Java 17 so that {@code java -jar remote-cache-mock.jar} works
 * on the JDK most machines have by default.
 *
 * <p>The mock server does not run in this JVM: this one starts the server's JVM as a child process
 * with options chosen for a small development server ({@link JvmDefaults}: a heap that stays small,
 * and a class-data cache for a fast start, {@link ClassDataCache}), waits for it and exits with its
 * exit code. The JVM options given to this one ({@code java -Xmx2g -jar ...}) reach the server and
 * win over the defaults. The child's stdout and stderr are this process's; it watches this process
 * and halts when it ends in any way, {@code kill -9} included ({@link ParentWatch}). SIGTERM or
 * Ctrl-C here stops the server cleanly first, and this process exits with the server's exit code.
 *
 * <p>The server runs in this JVM instead (Java 21+ only) with {@code
 * REMOTE_CACHE_MOCK_RELAUNCH=false} or {@code -Dremotecache.relaunch=false}, when a debugger or
 * another agent is attached ({@code -agentlib}, {@code -javaagent}, ...), and for another command
 * of the kit started through this launcher (the conformance suite, named by {@value
 * #MAIN_ATTRIBUTE}). On Java older than 21 it always runs in a child on an installed JDK 21+
 * (REMOTE_CACHE_MOCK_JAVA, JAVA_HOME, then the usual install folders); if there is none, it says
 * what to install.
 */
public final class Launcher {

  /** The environment variable that names the JDK the mock's server runs on, before JAVA_HOME. */
  static final String CHOSEN_JAVA = "REMOTE_CACHE_MOCK_JAVA";

  static final int REQUIRED_FEATURE = 21;

  /** The command run when the jar's manifest names none in {@value #MAIN_ATTRIBUTE}. */
  static final String DEFAULT_MAIN = "dev.remotecache.mock.cli.MockServerCommand";

  /** Lets another jar of the kit (the conformance suite) start through this launcher too. */
  static final String MAIN_ATTRIBUTE = "Launcher-Main-Class";

  /**
   * Set on the server's JVM by the launcher: how it ends when the launcher is gone ({@link
   * ParentWatch}).
   */
  static final String CHILD_PROPERTY = "remotecache.launcher.child";

  static final String RELAUNCH_PROPERTY = "remotecache.relaunch";
  static final String RELAUNCH_ENV = "REMOTE_CACHE_MOCK_RELAUNCH";

  /**
   * {@code java -Dremotecache.trainCache=true -jar remote-cache-mock.jar}: writes the AOT cache
   * (build step).
   */
  static final String TRAIN_PROPERTY = "remotecache.trainCache";

  private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  /**
   * Options whose effect belongs to one process (a debugger's port, a recording's file): no
   * relaunch.
   */
  private static final List<String> SAME_PROCESS_OPTIONS =
      List.of(
          "-agentlib:",
          "-agentpath:",
          "-javaagent:",
          "-Xrunjdwp",
          "-Xdebug",
          "-XX:StartFlightRecording",
          "-XX:+StartFlightRecording");

  private static final Set<String> INFORMATIONAL = Set.of("--help", "-h", "--version", "-V");

  /** The mock's subcommands that talk to a running server rather than start one. */
  private static final Set<String> CLIENT_SUBCOMMANDS = Set.of("check");

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    String child = System.getProperty(CHILD_PROPERTY);
    if (child != null) {
      ParentWatch.start(child);
      runHere(args);
      return;
    }
    int feature = Runtime.version().feature();
    List<String> userOptions = userJvmOptions();
    boolean tuned =
        DEFAULT_MAIN.equals(mainClass())
            && startsTheServer(args)
            && relaunchWanted(System.getenv(), userOptions);
    // --help and --version need no server: answered in this JVM, no second one started for them.
    boolean informational = Arrays.stream(args).anyMatch(INFORMATIONAL::contains);
    if (feature >= REQUIRED_FEATURE
        && (!tuned || informational)
        && !Boolean.getBoolean(TRAIN_PROPERTY)) {
      runHere(args);
      return;
    }
    Path java = feature >= REQUIRED_FEATURE ? currentJava() : findJava().orElse(null);
    if (java == null) {
      System.err.println(
          "remote-cache-mock needs Java "
              + REQUIRED_FEATURE
              + " or newer; this is Java "
              + feature
              + " and no JDK "
              + REQUIRED_FEATURE
              + "+ was found (looked at REMOTE_CACHE_MOCK_JAVA, JAVA_HOME, "
              + String.join(", ", installFolders())
              + ").");
      System.err.println(
          "Install a JDK "
              + REQUIRED_FEATURE
              + "+ (for example Temurin 21) or set JAVA_HOME to one.");
      System.exit(1);
    }
    Path jar = ownJarFile();
    if (Boolean.getBoolean(TRAIN_PROPERTY)) {
      System.exit(AotTraining.train(java, jar, userOptions));
    }
    List<String> command =
        tuned
            ? serverCommand(java, jar, userOptions, System.getenv(), ParentWatch.HALT, args)
            : plainCommand(java, jar, userOptions, args);
    System.exit(runChild(command));
  }

  /**
   * Whether these arguments start the server; the {@code check} subcommand is a short client of a
   * running one, which needs neither the server's JVM defaults nor its class-data cache (a cache
   * written when a check exits would hold the check's classes, not the server's).
   */
  static boolean startsTheServer(String[] args) {
    return args.length == 0 || !CLIENT_SUBCOMMANDS.contains(args[0]);
  }

  /** Whether the server should get its own JVM with the defaults (false: it runs in this one). */
  static boolean relaunchWanted(Map<String, String> env, List<String> userOptions) {
    String setting = System.getProperty(RELAUNCH_PROPERTY, env.get(RELAUNCH_ENV));
    if (setting != null
        && (setting.equalsIgnoreCase("false")
            || setting.equals("0")
            || setting.equalsIgnoreCase("no"))) {
      return false;
    }
    for (String option : userOptions) {
      for (String prefix : SAME_PROCESS_OPTIONS) {
        if (option.startsWith(prefix)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * {@code java [defaults] [class-data cache] [the user's options] -Dchild -jar jar args}: the
   * user's options come after the defaults, so that for the same setting theirs is the one the JVM
   * keeps.
   */
  static List<String> serverCommand(
      Path java,
      Path jar,
      List<String> userOptions,
      Map<String, String> env,
      String childMode,
      String[] args) {
    int feature = featureOf(ClassDataCache.homeOf(java));
    if (feature == 0) {
      feature = Runtime.version().feature(); // no release file: assume it is this JVM's
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(JvmDefaults.options(feature, userOptions));
    if (!userChoseClassData(userOptions)) {
      command.addAll(ClassDataCache.options(jar, ClassDataCache.homeOf(java), feature, env));
    }
    command.addAll(userOptions);
    command.add("-D" + CHILD_PROPERTY + "=" + childMode);
    addMain(command, jar);
    command.addAll(List.of(args));
    return command;
  }

  /** The server (or the suite) on another JVM, as the user started it: only their options. */
  private static List<String> plainCommand(
      Path java, Path jar, List<String> userOptions, String[] args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(userOptions);
    command.add("-D" + CHILD_PROPERTY + "=" + ParentWatch.HALT);
    addMain(command, jar);
    command.addAll(List.of(args));
    return command;
  }

  private static void addMain(List<String> command, Path jar) {
    if (jar != null) {
      command.add("-jar");
      command.add(jar.toString());
    } else { // run from classes (tests, IDE)
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Launcher.class.getName());
    }
  }

  /** A user who picks a CDS archive or AOT cache themselves gets theirs only. */
  private static boolean userChoseClassData(List<String> userOptions) {
    for (String option : userOptions) {
      if (option.startsWith("-XX:SharedArchiveFile")
          || option.startsWith("-XX:AOTCache")
          || option.startsWith("-XX:AOTMode")
          || option.startsWith("-XX:AOTConfiguration")
          || option.startsWith("-Xshare")
          || option.contains("AutoCreateSharedArchive")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The JVM options this JVM was started with (command line, JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS),
   * less the launcher's own settings.
   */
  private static List<String> userJvmOptions() {
    List<String> options = new ArrayList<>();
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-D" + RELAUNCH_PROPERTY)
          && !option.startsWith("-D" + TRAIN_PROPERTY)) {
        options.add(option);
      }
    }
    return options;
  }

  private static void runHere(String[] args) throws Exception {
    try {
      Class.forName(mainClass()).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
    }
  }

  private static String mainClass() {
    Path jar = ownJarFile();
    if (jar == null) {
      return DEFAULT_MAIN; // run from classes (tests, IDE)
    }
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      String named =
          file.getManifest() == null
              ? null
              : file.getManifest().getMainAttributes().getValue(MAIN_ATTRIBUTE);
      return named == null ? DEFAULT_MAIN : named;
    } catch (IOException | RuntimeException notAJar) {
      return DEFAULT_MAIN;
    }
  }

  /** This jar, absolute; null when running from a classes folder. */
  static Path ownJarFile() {
    try {
      Path location =
          Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toAbsolutePath();
      return Files.isRegularFile(location) ? location : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static Path currentJava() {
    Path home = Paths.get(System.getProperty("java.home"));
    return javaIn(home);
  }

  /**
   * Runs the child with this process's stdout and stderr (its stdin is a pipe from this process,
   * which writes nothing); returns its exit code. SIGTERM or Ctrl-C here stop it cleanly, and this
   * process then exits with the code the child exited with.
   */
  static int runChild(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    // Their options are on the child's command line already (after the defaults, so they win):
    // read again from the environment they would come first, and be announced twice.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process child = builder.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // SIGTERM: the server stops cleanly (a no-op once it has exited). Through the
                  // handle:
                  // Process.destroy() also closes the child's stdin, which a child may be watching.
                  child.toHandle().destroy();
                  while (true) {
                    try {
                      // halt, not exit: the JVM is already exiting, and its status must be the
                      // child's.
                      Runtime.getRuntime().halt(child.waitFor());
                    } catch (InterruptedException ignored) {
                      // keep waiting: leaving now would orphan a server that is still stopping
                    }
                  }
                },
                "remote-cache-mock-launcher-stop"));
    return child.waitFor();
  }

  /** The newest JDK 21+ found, preferring an explicit choice. */
  static Optional<Path> findJava() {
    return findJava(System::getenv, System.err);
  }

  static Optional<Path> findJava(Function<String, String> env, PrintStream warnings) {
    for (String variable : List.of(CHOSEN_JAVA, "JAVA_HOME")) {
      String home = env.apply(variable);
      if (home != null && featureOf(Paths.get(home)) >= REQUIRED_FEATURE) {
        return Optional.of(javaIn(Paths.get(home)));
      }
      if (home != null && variable.equals(CHOSEN_JAVA)) {
        // The user chose this JDK for the mock: passing over it silently would hide their mistake.
        warnings.println(
            "remote-cache-mock: ignoring "
                + CHOSEN_JAVA
                + "="
                + home
                + ": "
                + describeJdk(Paths.get(home))
                + "; the server needs a JDK "
                + REQUIRED_FEATURE
                + "+ (looking further)");
      }
    }
    return installFolders().stream()
        .map(Paths::get)
        .filter(Files::isDirectory)
        .flatMap(Launcher::children)
        .filter(home -> featureOf(home) >= REQUIRED_FEATURE && Files.isExecutable(javaIn(home)))
        .max(Comparator.comparingInt(Launcher::featureOf))
        .map(Launcher::javaIn);
  }

  /** What a home folder is, for a message: its Java version, or why it is no JDK. */
  static String describeJdk(Path home) {
    if (!Files.isDirectory(home)) {
      return "no such folder";
    }
    int feature = featureOf(home);
    return feature == 0 ? "not a JDK home (no release file)" : "it is Java " + feature;
  }

  static List<String> installFolders() {
    String user = System.getProperty("user.home");
    return List.of(
        "/usr/lib/jvm",
        "/usr/java",
        "/opt/java",
        "/opt/jdk",
        user + "/.sdkman/candidates/java",
        user + "/.jdks",
        "/Library/Java/JavaVirtualMachines");
  }

  private static Stream<Path> children(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      List<Path> homes = new ArrayList<>();
      list.forEach(
          p -> {
            homes.add(p);
            homes.add(p.resolve("Contents/Home")); // macOS bundle layout
          });
      return homes.stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  private static Path javaIn(Path home) {
    boolean windows = File.separatorChar == '\\';
    return home.resolve("bin").resolve(windows ? "java.exe" : "java");
  }

  /** The feature version a JDK's {@code release} file declares, or 0. */
  static int featureOf(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    try {
      Matcher m =
          RELEASE_VERSION.matcher(new String(Files.readAllBytes(release), StandardCharsets.UTF_8));
      if (!m.find()) {
        return 0;
      }
      int major = Integer.parseInt(m.group(1));
      return major == 1 ? 8 : major;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
