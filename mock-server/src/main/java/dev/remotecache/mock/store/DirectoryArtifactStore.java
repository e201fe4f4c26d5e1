package dev.remotecache.mock.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Artifacts kept in a directory, so they survive a restart: {@code DIR/<team,
 * hex-encoded>/<hash>.bin} and {@code <hash>.json} (the metadata).
 *
 * <p>Each file is written to a temporary name and renamed into place, metadata first and bytes
 * last: an artifact counts as stored only once its bytes file exists, so a crash mid-upload leaves
 * nothing visible. Team names are hex-encoded and hashes are letters and digits only, so no input
 * can name a path outside the directory.
 */
public final class DirectoryArtifactStore implements ArtifactStore {

  private static final String BYTES = ".bin";
  private static final String META = ".json";
  private static final String LONG_HASH = ".hash";

  /** Longer hashes than this (the spec sets no limit) are stored under their SHA-256 instead. */
  private static final int LONGEST_FILE_STEM = 200;

  private static final String TEMPORARY_PREFIX = ".upload-";

  private final Path root;
  private final ObjectMapper json;

  public DirectoryArtifactStore(Path root, ObjectMapper json) {
    this.root = root.toAbsolutePath().normalize();
    this.json = json;
    try {
      Files.createDirectories(this.root);
      removeLeftoverTemporaryFiles();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + this.root + " as artifact storage", e);
    }
  }

  @Override
  public ArtifactMetadata put(
      String team, String hash, InputStream bytes, long declaredLength, ArtifactMetadata metadata) {
    Path dir = teamDir(team);
    String name = ArtifactStore.checkedHash(hash);
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, TEMPORARY_PREFIX, ".tmp");
      long size = copy(bytes, temp);
      ArtifactMetadata stored = metadata.withSize(size);
      // The bytes are complete in their temporary file; the metadata goes in place first, the
      // bytes last: an artifact counts as stored once its bytes file exists.
      String stem = fileStem(name);
      if (!stem.equals(name)) {
        writeAtomically(dir.resolve(stem + LONG_HASH), name.getBytes(StandardCharsets.US_ASCII));
      }
      writeAtomically(dir.resolve(stem + META), json.writeValueAsBytes(stored));
      move(temp, dir.resolve(stem + BYTES));
      return stored;
    } catch (IOException e) {
      throw new StorageFailure(
          "the artifact could not be stored in " + root + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Streams the upload into {@code target}; a failure to read is the client's, a failure to write
   * the disk's.
   */
  private static long copy(InputStream bytes, Path target) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      while (true) {
        int n;
        try {
          n = bytes.read(buffer);
        } catch (IOException reading) {
          throw new UncheckedIOException(reading);
        }
        if (n < 0) {
          return size;
        }
        out.write(buffer, 0, n);
        size += n;
      }
    }
  }

  @Override
  public Optional<Content> open(String team, String hash) {
    Optional<ArtifactMetadata> metadata = metadata(team, hash);
    if (metadata.isEmpty()) {
      return Optional.empty();
    }
    Path bytesFile = teamDir(team).resolve(fileStem(hash) + BYTES);
    try {
      // The open file keeps its bytes even if an overwrite renames another file into place
      // meanwhile.
      InputStream in = Files.newInputStream(bytesFile);
      return Optional.of(new Content(metadata.get(), new SizedStream(in, Files.size(bytesFile))));
    } catch (NoSuchFileException deletedMeanwhile) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + hash, e);
    }
  }

  @Override
  public Optional<ArtifactMetadata> metadata(String team, String hash) {
    return read(team, hash).map(StoredArtifact::metadata);
  }

  @Override
  public int deleteAll(String team) {
    Path dir = teamDir(team);
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + BYTES)) {
      for (Path bytes : files) {
        String stem = stripSuffix(bytes.getFileName().toString(), BYTES);
        Files.deleteIfExists(bytes); // the bytes file first: from here on the artifact is absent
        Files.deleteIfExists(dir.resolve(stem + META));
        Files.deleteIfExists(dir.resolve(stem + LONG_HASH));
        deleted++;
      }
    } catch (NoSuchFileException noTeam) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete artifacts of " + team, e);
    }
    return deleted;
  }

  @Override
  public List<StoredArtifact> list() {
    List<StoredArtifact> all = new ArrayList<>();
    try (Stream<Path> teamDirs = Files.list(root)) {
      for (Path dir : teamDirs.filter(Files::isDirectory).toList()) {
        String team =
            new String(
                HexFormat.of().parseHex(dir.getFileName().toString()), StandardCharsets.UTF_8);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + BYTES)) {
          for (Path bytes : files) {
            String stem = stripSuffix(bytes.getFileName().toString(), BYTES);
            read(team, hashOf(dir, stem)).ifPresent(all::add);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot list " + root, e);
    }
    return all;
  }

  @Override
  public void clear() {
    list().stream().map(StoredArtifact::team).distinct().forEach(this::deleteAll);
  }

  private Optional<StoredArtifact> read(String team, String hash) {
    if (!SAFE_HASH.matcher(hash).matches()) {
      return Optional.empty();
    }
    Path dir = teamDir(team);
    String stem = fileStem(hash);
    Path bytesFile = dir.resolve(stem + BYTES);
    try {
      if (!Files.exists(bytesFile)) {
        return Optional.empty();
      }
      ArtifactMetadata metadata =
          json.readValue(dir.resolve(stem + META).toFile(), ArtifactMetadata.class);
      return Optional.of(new StoredArtifact(team, hash, metadata));
    } catch (NoSuchFileException deletedMeanwhile) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + hash, e);
    }
  }

  private Path teamDir(String team) {
    Path dir =
        root.resolve(HexFormat.of().formatHex(team.getBytes(StandardCharsets.UTF_8))).normalize();
    if (!dir.getParent().equals(root)) {
      throw new IllegalArgumentException("team outside storage: " + team);
    }
    return dir;
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX, ".tmp");
    try {
      Files.write(temp, content);
      move(temp, target);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // a leftover temporary file is removed at the next start
    }
  }

  /** Temporary files of uploads a crash interrupted. */
  private void removeLeftoverTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root, 2)) {
      for (Path p :
          files.filter(p -> p.getFileName().toString().startsWith(TEMPORARY_PREFIX)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * The file name of a hash: the hash itself, or, for one too long for a file name, {@code ~} and
   * its SHA-256 ({@code ~} is never part of a hash), with the hash itself in a {@code .hash} file
   * beside.
   */
  private static String fileStem(String hash) {
    if (hash.length() <= LONGEST_FILE_STEM) {
      return hash;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(hash.getBytes(StandardCharsets.US_ASCII));
      return "~" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }

  private static String hashOf(Path dir, String stem) throws IOException {
    if (!stem.startsWith("~")) {
      return stem;
    }
    try {
      return Files.readString(dir.resolve(stem + LONG_HASH), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException deletedMeanwhile) {
      return "";
    }
  }

  private static String stripSuffix(String name, String suffix) {
    return name.substring(0, name.length() - suffix.length());
  }
}
