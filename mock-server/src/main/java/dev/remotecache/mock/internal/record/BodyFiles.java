package dev.remotecache.mock.internal.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The recording's {@code __files/} directory (WireMock's name for it): bytes stored under their
 * SHA-256, so an artifact uploaded and downloaded is one file, and two requests writing the same
 * bytes at once write the same name.
 */
public final class BodyFiles {

  /** WireMock's directory of body files, beside {@code mappings/}. */
  public static final String DIRECTORY = "__files";

  private final Path directory;

  public BodyFiles(Path recording) throws IOException {
    this.directory = Files.createDirectories(recording.resolve(DIRECTORY));
  }

  /** The name (within {@code __files/}) of the file holding bytes of this SHA-256. */
  public static String fileName(String sha256) {
    return sha256 + ".bin";
  }

  /**
   * Stores the bytes (once: a file of that name holds them already); returns the file's name within
   * {@code __files/}.
   */
  public String store(byte[] bytes, String sha256) throws IOException {
    String name = fileName(sha256);
    Path file = directory.resolve(name);
    if (!Files.exists(file)) {
      // Written aside and moved into place: a reader never sees part of a file.
      Path partial = directory.resolve(name + "." + UUID.randomUUID() + ".partial");
      Files.write(partial, bytes);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return name;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
