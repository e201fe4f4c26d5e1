package dev.remotecache.mock.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The jar's entry point, compiled for Java 17 so that {@code java -jar remote-cache-mock.jar} works
 * on the JDK most machines have by default.
 *
 * <p>The mock itself needs Java 21 (its validator does). On an older Java this looks for an
 * installed JDK 21+ (REMOTE_CACHE_MOCK_JAVA, JAVA_HOME, then the usual install folders), runs the
 * jar again with it, and exits with its exit code; if there is none, it says what to install.
 */
public final class Launcher {

    static final int REQUIRED_FEATURE = 21;
    /** The command run when the jar's manifest names none in {@value #MAIN_ATTRIBUTE}. */
    private static final String DEFAULT_MAIN = "dev.remotecache.mock.cli.MockServerCommand";
    /** Lets another jar of the kit (the conformance suite) start through this launcher too. */
    static final String MAIN_ATTRIBUTE = "Launcher-Main-Class";
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        int feature = Runtime.version().feature();
        if (feature >= REQUIRED_FEATURE) {
            runHere(args);
            return;
        }
        Optional<Path> java = findJava();
        if (java.isEmpty()) {
            System.err.println("remote-cache-mock needs Java " + REQUIRED_FEATURE + " or newer; this is Java " + feature
                    + " and no JDK " + REQUIRED_FEATURE + "+ was found (looked at REMOTE_CACHE_MOCK_JAVA, JAVA_HOME, "
                    + String.join(", ", installFolders()) + ").");
            System.err.println("Install a JDK " + REQUIRED_FEATURE + "+ (for example Temurin 21) or set JAVA_HOME to one.");
            System.exit(1);
        }
        System.exit(relaunch(java.get(), args));
    }

    private static void runHere(String[] args) throws Exception {
        try {
            Class.forName(mainClass()).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    private static String mainClass() {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(ownJar().toFile())) {
            String named = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue(MAIN_ATTRIBUTE);
            return named == null ? DEFAULT_MAIN : named;
        } catch (IOException | URISyntaxException | RuntimeException notAJar) {
            return DEFAULT_MAIN; // run from classes (tests, IDE)
        }
    }

    private static Path ownJar() throws URISyntaxException {
        return Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static int relaunch(Path java, String[] args) throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-jar");
        command.add(ownJar().toString());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        // Ctrl-C or SIGTERM to this process stops the real server too, and waits for it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        return child.waitFor();
    }

    /** The newest JDK 21+ found, preferring an explicit choice. */
    static Optional<Path> findJava() {
        for (String variable : List.of("REMOTE_CACHE_MOCK_JAVA", "JAVA_HOME")) {
            String home = System.getenv(variable);
            if (home != null && featureOf(Paths.get(home)) >= REQUIRED_FEATURE) {
                return Optional.of(javaIn(Paths.get(home)));
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

    private static List<String> installFolders() {
        String user = System.getProperty("user.home");
        return List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/opt/jdk",
                user + "/.sdkman/candidates/java", user + "/.jdks", "/Library/Java/JavaVirtualMachines");
    }

    private static Stream<Path> children(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> homes = new ArrayList<>();
            list.forEach(p -> {
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
            Matcher m = RELEASE_VERSION.matcher(new String(Files.readAllBytes(release), StandardCharsets.UTF_8));
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
