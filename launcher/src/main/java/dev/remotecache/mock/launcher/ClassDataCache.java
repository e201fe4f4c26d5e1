package dev.remotecache.mock.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the server's class-data cache is, and the JVM options that use it. Loading and linking the
 * mock's 6 000 classes is most of its start-up; a cache of them, already parsed and linked, cuts
 * it.
 *
 * <ul>
 *   <li>JDK 25+: an AOT cache (JEP 483/514/515: classes loaded and linked, plus method profiles)
 *       next to the jar, {@code remote-cache-mock.<JDK runtime version>.aot}, written by a training
 *       run at {@code mvn package} ({@link AotTraining}); used only by the JDK build that wrote it,
 *       and only for the jar it was trained from ({@link AotCacheStamp}): another build's cache
 *       would run that build's classes. One that does not fit is left unused, without a word.
 *   <li>Otherwise, JDK 19+: a dynamic CDS archive in the user's cache folder, which the JVM writes
 *       itself when the server stops ({@code -XX:+AutoCreateSharedArchive}) and rewrites when the
 *       jar or the JDK changed.
 * </ul>
 *
 * The JVM checks every cache before it maps it; one that does not fit (another JDK, a rebuilt jar,
 * a damaged file, an unwritable folder) is ignored without a word (see {@link
 * JvmDefaults#logging}), and the server starts as it would without one.
 */
final class ClassDataCache {

  private static final Pattern RUNTIME_VERSION =
      Pattern.compile("JAVA_RUNTIME_VERSION=\"([^\"]+)\"");

  private ClassDataCache() {}

  /**
   * The options for a server started from {@code jar} by the JDK at {@code javaHome}; none from
   * classes.
   */
  static List<String> options(Path jar, Path javaHome, int feature, Map<String, String> env) {
    if (jar == null || !Files.isRegularFile(jar)) {
      return List.of();
    }
    String version = runtimeVersion(javaHome);
    if (version == null) {
      return List.of();
    }
    if (feature >= 25) {
      Path aot = aotCache(jar, version);
      if (Files.isRegularFile(aot) && AotCacheStamp.fits(aot, jar)) {
        return List.of("-XX:AOTCache=" + aot);
      }
    }
    if (feature >= 19) {
      Path dir = userCacheDir(env);
      if (dir != null && writableDir(dir)) {
        return List.of(
            "-XX:+AutoCreateSharedArchive",
            "-XX:SharedArchiveFile=" + dir.resolve(dynamicArchiveName(jar, version)));
      }
    }
    return List.of();
  }

  /**
   * {@code remote-cache-mock.jar} and 25.0.3+9-LTS: {@code remote-cache-mock.25.0.3+9-LTS.aot}
   * beside it.
   */
  static Path aotCache(Path jar, String runtimeVersion) {
    String name = jar.getFileName().toString();
    String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    return jar.resolveSibling(base + "." + safe(runtimeVersion) + ".aot");
  }

  /**
   * One archive per jar location and JDK: a rebuilt jar rewrites it in place rather than adding
   * one.
   */
  static String dynamicArchiveName(Path jar, String runtimeVersion) {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    String where = Integer.toHexString(jar.toAbsolutePath().normalize().toString().hashCode());
    return safe(name) + "-" + where + "." + safe(runtimeVersion) + ".jsa";
  }

  /** XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA% or ~/.cache, then remote-cache-mock. */
  static Path userCacheDir(Map<String, String> env) {
    String override = env.get("REMOTE_CACHE_MOCK_CACHE_DIR");
    if (override != null && !override.isBlank()) {
      return Paths.get(override);
    }
    String home = System.getProperty("user.home");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Path base;
    if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()) {
      base = Paths.get(env.get("XDG_CACHE_HOME"));
    } else if (os.contains("win") && env.get("LOCALAPPDATA") != null) {
      base = Paths.get(env.get("LOCALAPPDATA"));
    } else if (os.contains("mac") && home != null) {
      base = Paths.get(home, "Library", "Caches");
    } else if (home != null && !home.isBlank() && !"?".equals(home)) {
      base = Paths.get(home, ".cache");
    } else {
      return null;
    }
    return base.resolve("remote-cache-mock");
  }

  private static boolean writableDir(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.isWritable(dir);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** JAVA_RUNTIME_VERSION from a JDK's {@code release} file (25.0.3+9-LTS), or null. */
  static String runtimeVersion(Path javaHome) {
    try {
      Matcher m =
          RUNTIME_VERSION.matcher(
              new String(Files.readAllBytes(javaHome.resolve("release")), StandardCharsets.UTF_8));
      return m.find() ? m.group(1) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9.+_-]", "_");
  }

  /** The JDK home a {@code bin/java} executable belongs to. */
  static Path homeOf(Path java) {
    Path bin = java.toAbsolutePath().getParent();
    return bin == null || bin.getParent() == null ? Paths.get(File.separator) : bin.getParent();
  }
}
