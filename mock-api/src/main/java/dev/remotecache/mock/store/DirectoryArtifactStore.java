package dev.remotecache.mock.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artifacts kept in a directory, so they survive a restart: one file per artifact, {@code
 * DIR/<team>/<hash>.artifact}, holding the artifact's bytes followed by a trailer (its team, hash
 * and metadata as JSON, the JSON's length, a magic number).
 *
 * <p>An upload writes a temporary file and publishes it with one atomic rename, so an artifact is
 * visible whole, bytes and metadata together, or not at all; concurrent uploads to one hash leave
 * exactly one of them. A read opens the one file and takes every length from the open file, so it
 * reads one version from start to end whatever overwrites or deletes happen meanwhile (a replaced
 * or deleted file stays readable while it is open). A crash leaves only temporary files, removed at
 * the next start; a torn or foreign file is treated as absent and logged, never answered.
 *
 * <p>Names: a team is its UTF-8 bytes hex-encoded, a hash itself (letters and digits only); either
 * one too long for a file name is named {@code ~} and its SHA-256 instead, the real name being in
 * the trailer. No input can name a path outside the directory. Anything else found in the directory
 * (a volume's {@code lost+found}, files of the older two-file layout) is ignored, with one warning.
 *
 * <p>Uploads and reads of single artifacts run in parallel; a team's delete and the listing take a
 * lock that keeps uploads from publishing and reads from opening meanwhile, so that each sees or
 * removes a consistent set, and no read sees half a delete.
 */
public final class DirectoryArtifactStore implements ArtifactStore {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryArtifactStore.class);

  static final String ARTIFACT = ".artifact";
  private static final String TEMPORARY_PREFIX = ".upload-";

  /** Ends every artifact file: "RCCA" and the layout's version. */
  private static final int MAGIC = 0x52434341 + 1;

  private static final int TRAILER_END = Integer.BYTES * 2; // JSON length, magic

  /** No trailer's JSON is anywhere near this long (a hash and a team of any length hash down). */
  private static final int LONGEST_TRAILER = 16 * 1024 * 1024;

  /** Longer names than this (the spec sets no limit) are stored under their SHA-256 instead. */
  private static final int LONGEST_FILE_STEM = 200;

  private static final Pattern HEX = Pattern.compile("([0-9a-f]{2})+");
  private static final Pattern DIGEST = Pattern.compile("~[0-9a-f]{64}");

  /** What the trailer holds. */
  record Trailer(String team, String hash, ArtifactMetadata metadata) {}

  private final Path root;
  private final ObjectMapper json;

  /** Read: publishing or opening one artifact; write: a team's delete, the listing. */
  private final ReadWriteLock publishing = new ReentrantReadWriteLock();

  /** Entries already warned about, to warn once each. */
  private final Set<Path> warned = ConcurrentHashMap.newKeySet();

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
    Path target = dir.resolve(fileStem(ArtifactStore.checkedHash(hash)) + ARTIFACT);
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, TEMPORARY_PREFIX, ".tmp");
      ArtifactMetadata stored;
      try (OutputStream out = Files.newOutputStream(temp)) {
        long size = copy(bytes, out);
        stored = metadata.withSize(size);
        byte[] trailer = json.writeValueAsBytes(new Trailer(team, hash, stored));
        out.write(trailer);
        out.write(ByteBuffer.allocate(TRAILER_END).putInt(trailer.length).putInt(MAGIC).array());
      }
      publishing.readLock().lock();
      try {
        move(temp, target); // the one step that makes the upload visible, whole
      } finally {
        publishing.readLock().unlock();
      }
      temp = null;
      return stored;
    } catch (IOException e) {
      throw StorageFailure.of(
          "The artifact could not be stored",
          "the artifact " + hash + " of team " + team + " could not be stored in " + root,
          e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Streams the upload into {@code out}; a failure to read is the client's (unchecked), a failure
   * to write the disk's.
   */
  private static long copy(InputStream bytes, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
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

  @Override
  public Optional<Content> open(String team, String hash) {
    if (!SAFE_HASH.matcher(hash).matches()) {
      return Optional.empty();
    }
    Path file = teamDir(team).resolve(fileStem(hash) + ARTIFACT);
    FileChannel channel = null;
    boolean handedOver = false;
    publishing.readLock().lock();
    try {
      channel = openChannel(file);
      if (channel == null) {
        return Optional.empty();
      }
      Optional<Trailer> trailer = readTrailer(file, channel, team, hash);
      if (trailer.isEmpty()) {
        return Optional.empty();
      }
      ArtifactMetadata metadata = trailer.get().metadata();
      InputStream in = Channels.newInputStream(channel);
      Content content =
          new Content(
              metadata, new SizedStream(new BoundedStream(in, metadata.size()), metadata.size()));
      handedOver = true;
      return Optional.of(content);
    } finally {
      publishing.readLock().unlock();
      if (!handedOver && channel != null) {
        closeQuietly(channel);
      }
    }
  }

  @Override
  public Optional<ArtifactMetadata> metadata(String team, String hash) {
    if (!SAFE_HASH.matcher(hash).matches()) {
      return Optional.empty();
    }
    Path file = teamDir(team).resolve(fileStem(hash) + ARTIFACT);
    publishing.readLock().lock();
    try (FileChannel channel = openChannel(file)) {
      return channel == null
          ? Optional.empty()
          : readTrailer(file, channel, team, hash).map(Trailer::metadata);
    } catch (IOException closing) {
      return Optional.empty();
    } finally {
      publishing.readLock().unlock();
    }
  }

  @Override
  public int deleteAll(String team) {
    Path dir = teamDir(team);
    publishing.writeLock().lock();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ARTIFACT)) {
      int deleted = 0;
      for (Path file : files) {
        // Counted only when it is an artifact of the team (not a torn or foreign file).
        boolean artifact = readTrailer(file).filter(t -> t.team().equals(team)).isPresent();
        if (Files.deleteIfExists(file) && artifact) {
          deleted++;
        }
      }
      return deleted;
    } catch (NoSuchFileException | NotDirectoryException noTeam) {
      return 0;
    } catch (IOException e) {
      throw StorageFailure.of(
          "The artifacts could not be deleted",
          "the artifacts of team " + team + " could not be deleted from " + root,
          e);
    } finally {
      publishing.writeLock().unlock();
    }
  }

  @Override
  public List<StoredArtifact> list() {
    List<StoredArtifact> all = new ArrayList<>();
    publishing.writeLock().lock();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path dir : entries) {
        String name = dir.getFileName().toString();
        if (name.startsWith(TEMPORARY_PREFIX)) {
          continue;
        }
        if (!isTeamDirName(name) || !Files.isDirectory(dir)) {
          warnOnce(dir, "not a team's folder");
          continue;
        }
        listTeam(dir, all);
      }
    } catch (IOException e) {
      throw StorageFailure.of(
          "The artifacts could not be listed",
          "the artifacts in " + root + " could not be listed",
          e);
    } finally {
      publishing.writeLock().unlock();
    }
    return all;
  }

  private void listTeam(Path dir, List<StoredArtifact> all) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(TEMPORARY_PREFIX)) {
          continue; // an upload in progress
        }
        if (!name.endsWith(ARTIFACT)) {
          warnOnce(file, "not an artifact");
          continue;
        }
        readTrailer(file)
            .filter(t -> teamDir(t.team()).equals(dir))
            .ifPresent(t -> all.add(new StoredArtifact(t.team(), t.hash(), t.metadata())));
      }
    } catch (NoSuchFileException deletedMeanwhile) {
      // nothing to list
    } catch (IOException e) {
      warnOnce(dir, "cannot be listed: " + e);
    }
  }

  @Override
  public void clear() {
    list().stream().map(StoredArtifact::team).distinct().forEach(this::deleteAll);
  }

  /** The open file, or {@code null} when nothing (or no readable file) is stored there. */
  private FileChannel openChannel(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException | NotDirectoryException absent) {
      return null;
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        warnOnce(file, "a folder where an artifact belongs");
        return null;
      }
      throw StorageFailure.of(
          "The artifact could not be read", "the artifact " + file + " could not be opened", e);
    }
  }

  private Optional<Trailer> readTrailer(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return readTrailer(file, channel, null, null);
    } catch (NoSuchFileException deletedMeanwhile) {
      return Optional.empty();
    } catch (IOException e) {
      warnOnce(file, "cannot be read: " + e);
      return Optional.empty();
    }
  }

  /**
   * The trailer of the open file, checked: a file that is torn, foreign or of another team or hash
   * is absent (and logged). The size is the open file's, never the path's.
   *
   * @param team the team expected, or {@code null} for any
   */
  private Optional<Trailer> readTrailer(Path file, FileChannel channel, String team, String hash) {
    try {
      long fileSize = channel.size();
      if (fileSize < TRAILER_END) {
        return corrupt(file, "shorter than its trailer");
      }
      ByteBuffer end = ByteBuffer.allocate(TRAILER_END);
      readFully(channel, end, fileSize - TRAILER_END);
      int length = end.getInt(0);
      if (end.getInt(Integer.BYTES) != MAGIC
          || length < 2
          || length > LONGEST_TRAILER
          || length > fileSize - TRAILER_END) {
        return corrupt(file, "no artifact trailer at its end");
      }
      long bytesSize = fileSize - TRAILER_END - length;
      ByteBuffer trailerBytes = ByteBuffer.allocate(length);
      readFully(channel, trailerBytes, bytesSize);
      Trailer trailer = json.readValue(trailerBytes.array(), Trailer.class);
      if (trailer.metadata() == null
          || trailer.team() == null
          || trailer.hash() == null
          || trailer.metadata().size() != bytesSize) {
        return corrupt(file, "its trailer does not describe its bytes");
      }
      if ((team != null && !trailer.team().equals(team))
          || (hash != null && !trailer.hash().equals(hash))) {
        return corrupt(file, "its trailer names another team or hash");
      }
      return Optional.of(trailer);
    } catch (IOException e) {
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException notJson) {
        return corrupt(file, "its trailer is not JSON: " + notJson.getOriginalMessage());
      }
      if (Files.isDirectory(file)) {
        return corrupt(file, "a folder where an artifact belongs");
      }
      throw StorageFailure.of(
          "The artifact could not be read", "the artifact " + file + " could not be read", e);
    }
  }

  private Optional<Trailer> corrupt(Path file, String why) {
    warnOnce(file, "treated as absent: " + why);
    return Optional.empty();
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("the file ended early");
      }
    }
  }

  private void warnOnce(Path entry, String why) {
    if (warned.add(entry)) {
      LOG.warn("ignoring {} in the artifact storage: {}", entry, why);
    }
  }

  private Path teamDir(String team) {
    String hex = HexFormat.of().formatHex(team.getBytes(StandardCharsets.UTF_8));
    String name = hex.length() <= LONGEST_FILE_STEM && !hex.isEmpty() ? hex : digestName(team);
    Path dir = root.resolve(name).normalize();
    if (!dir.getParent().equals(root)) {
      throw new IllegalArgumentException("team outside storage: " + team);
    }
    return dir;
  }

  private static boolean isTeamDirName(String name) {
    return HEX.matcher(name).matches() || DIGEST.matcher(name).matches();
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

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was read from it
    }
  }

  /** Temporary files of uploads a crash interrupted. */
  private void removeLeftoverTemporaryFiles() throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        if (!isTeamDirName(dir.getFileName().toString()) || !Files.isDirectory(dir)) {
          continue;
        }
        try (DirectoryStream<Path> leftovers =
            Files.newDirectoryStream(dir, TEMPORARY_PREFIX + "*")) {
          for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
          }
        }
      }
    }
  }

  /**
   * The file name of a hash: the hash itself, or, for one too long for a file name, {@code ~} and
   * its SHA-256 ({@code ~} is never part of a hash).
   */
  private static String fileStem(String hash) {
    return hash.length() <= LONGEST_FILE_STEM ? hash : digestName(hash);
  }

  private static String digestName(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return "~" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }

  /** The artifact's bytes: the file up to its trailer. */
  private static final class BoundedStream extends java.io.FilterInputStream {
    private long left;

    BoundedStream(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
