package dev.remotecache.mock.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mock server in a JVM of its own, for a library caller rather than {@code java -jar}: the
 * JUnit extension on Java 17 (the server needs 21+) runs it this way, on the test's own class path.
 *
 * <p>Same rules as the jar's launcher: the same search for a JDK 21+ ({@code
 * REMOTE_CACHE_MOCK_JAVA}, {@code JAVA_HOME}, the usual install folders), the same JVM defaults
 * ({@link JvmDefaults}), and the server halts as soon as the JVM that started it is gone, {@code
 * kill -9} included ({@link ParentWatch}).
 */
public final class ServerJvm {

  /** The oldest Java the server runs on. */
  public static final int REQUIRED_FEATURE = Launcher.REQUIRED_FEATURE;

  private ServerJvm() {}

  /** This JVM's {@code java} when it is 21+, else the newest JDK 21+ installed. */
  public static Optional<Path> findJava() {
    if (Runtime.version().feature() >= REQUIRED_FEATURE) {
      return Optional.of(Paths.get(System.getProperty("java.home"), "bin", "java"));
    }
    return Launcher.findJava();
  }

  /** What to do when {@link #findJava} found nothing: one message, naming where it looked. */
  public static String noJavaMessage() {
    return "the Remote Cache mock's server needs Java "
        + REQUIRED_FEATURE
        + " or newer; this JVM is Java "
        + Runtime.version().feature()
        + ", so the mock runs its server in a JVM of its own, and found no JDK "
        + REQUIRED_FEATURE
        + "+ for it (looked at REMOTE_CACHE_MOCK_JAVA, JAVA_HOME, "
        + String.join(", ", Launcher.installFolders())
        + "). Install a JDK "
        + REQUIRED_FEATURE
        + "+ (for example Temurin 21) and set REMOTE_CACHE_MOCK_JAVA to its home folder.";
  }

  /**
   * {@code java [defaults] -Dchild @argfile Launcher args}: the server's command line, its class
   * path read from {@code argFile} (written here: a test class path can pass the length a command
   * line may have). The caller deletes {@code argFile} once the server is up.
   */
  public static List<String> command(Path java, String classPath, Path argFile, List<String> args)
      throws IOException {
    Files.write(
        argFile,
        List.of("-cp", quoted(classPath), Launcher.class.getName()),
        StandardCharsets.UTF_8);
    int feature = Launcher.featureOf(ClassDataCache.homeOf(java));
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(JvmDefaults.options(feature == 0 ? REQUIRED_FEATURE : feature, List.of()));
    command.add("-D" + Launcher.CHILD_PROPERTY + "=" + ParentWatch.HALT);
    command.add("@" + argFile);
    command.addAll(args);
    return command;
  }

  /** One argument of an argument file: quoted, with its backslashes and quotes escaped. */
  private static String quoted(String argument) {
    return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
