package dev.remotecache.mock.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Which jar an AOT cache was trained from, written beside the cache by the training run ({@code
 * <cache>.jar.sha256}): the jar's SHA-256, size and modification time. The launcher uses a cache
 * only for that jar: an AOT cache maps the classes of the jar it was trained with, and a cache left
 * from another build (a rebuild that skipped training, a jar copied over) would run those old
 * classes.
 *
 * <p>The size and time are the quick check, made at every start; when they differ (a reproducible
 * rebuild writes the same bytes at another time, a copy gets a new time) the jar's content decides,
 * and a cache that still fits has its stamp brought up to date.
 */
final class AotCacheStamp {

  private static final String SHA256 = "sha256";
  private static final String SIZE = "size";
  private static final String MODIFIED = "modified";

  private AotCacheStamp() {}

  /** The stamp of {@code cache}. */
  static Path of(Path cache) {
    return cache.resolveSibling(cache.getFileName() + ".jar.sha256");
  }

  /** Records that {@code cache} was trained from {@code jar}, whose SHA-256 is {@code sha256}. */
  static void write(Path cache, Path jar, String sha256) throws IOException {
    // Properties' own store() would add the date: the stamp says only what it checks.
    String stamp =
        SHA256
            + "="
            + sha256
            + "\n"
            + SIZE
            + "="
            + Files.size(jar)
            + "\n"
            + MODIFIED
            + "="
            + Files.getLastModifiedTime(jar).toMillis()
            + "\n";
    Path partial = of(cache).resolveSibling(of(cache).getFileName() + ".partial");
    Files.writeString(partial, stamp, StandardCharsets.UTF_8);
    Files.move(
        partial,
        of(cache),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Whether the stamp says {@code cache} was trained from a jar with this content. */
  static boolean trainedFrom(Path cache, String sha256) {
    return sha256.equals(read(cache).getProperty(SHA256));
  }

  /**
   * Whether {@code cache} was trained from {@code jar} as it is now. No stamp, an unreadable one,
   * or another jar's: no.
   */
  static boolean fits(Path cache, Path jar) {
    Properties stamp = read(cache);
    String sha256 = stamp.getProperty(SHA256);
    if (sha256 == null) {
      return false;
    }
    try {
      if (Long.toString(Files.size(jar)).equals(stamp.getProperty(SIZE))
          && Long.toString(Files.getLastModifiedTime(jar).toMillis())
              .equals(stamp.getProperty(MODIFIED))) {
        return true;
      }
      if (!sha256.equals(sha256(jar))) {
        return false;
      }
      try {
        write(cache, jar, sha256); // the next start takes the quick check again
      } catch (IOException unwritable) {
        // a read-only folder: the content check runs at every start, and still holds
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Properties read(Path cache) {
    Properties stamp = new Properties();
    try (Reader in = Files.newBufferedReader(of(cache), StandardCharsets.UTF_8)) {
      stamp.load(in);
    } catch (IOException | IllegalArgumentException e) {
      // no stamp, or not one: nothing is known of the jar it was trained from
    }
    return stamp;
  }
}
