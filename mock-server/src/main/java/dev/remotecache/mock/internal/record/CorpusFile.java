package dev.remotecache.mock.internal.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code corpus.jsonl}: one {@link CorpusEntry} per line. Lines are appended whole, one at a time,
 * whatever number of requests are answered at once; a reader sorts them by index.
 */
public final class CorpusFile {

  public static final String NAME = "corpus.jsonl";

  private final Path file;
  private final ObjectMapper json;

  private CorpusFile(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  /** {@code corpus.jsonl} in {@code recording}, to append to (created by the first line). */
  public static CorpusFile in(Path recording, ObjectMapper json) {
    return new CorpusFile(recording.resolve(NAME), json);
  }

  /**
   * Appends one line, whole, in one write to a file opened for appending (nothing is held open
   * between exchanges, so nothing needs closing and a crash loses no line already written).
   */
  public synchronized void write(CorpusEntry entry) throws IOException {
    ByteBuffer line =
        ByteBuffer.wrap((json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (line.hasRemaining()) {
        channel.write(line);
      }
    }
  }

  /** A corpus line that is not an exchange: where, and why. */
  public static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads a corpus, in the order of its indexes.
   *
   * @throws Unreadable for a line that is not an exchange (names the line)
   */
  public static List<CorpusEntry> read(Path file, ObjectMapper json) throws IOException {
    List<CorpusEntry> entries = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          CorpusEntry entry = json.readValue(line, CorpusEntry.class);
          if (entry.request() == null || entry.answer() == null) {
            throw new Unreadable(
                file + " line " + number + ": an exchange needs a request and an answer", null);
          }
          entries.add(entry);
        } catch (JsonProcessingException e) {
          throw new Unreadable(
              file + " line " + number + ": not an exchange: " + e.getOriginalMessage(), e);
        }
      }
    }
    entries.sort(Comparator.comparingLong(CorpusEntry::index));
    return entries;
  }
}
