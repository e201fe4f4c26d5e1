package dev.remotecache.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.store.StoredArtifact;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * An artifact round trip through a generated client: upload 300 KB from a file, HEAD it and a hash
 * never uploaded, download it to a file. The command a driver gets, and the checks of its answer
 * and of the mock.
 */
final class ArtifactRoundTrip {

  static final String HASH = "6304b9faf99a2e19";
  static final String MISSING_HASH = "a66191471542fcd6";

  private final byte[] bytes = new byte[300_000];
  private final Path download;
  private final ObjectNode command = ClientScenarioContract.JSON.createObjectNode();

  /** Writes the artifact to upload into {@code directory}. */
  ArtifactRoundTrip(Path directory) throws IOException {
    new Random(42).nextBytes(bytes);
    Files.createDirectories(directory);
    Path upload = Files.write(directory.resolve("upload.bin"), bytes);
    download = directory.resolve("download.bin");
    Files.deleteIfExists(download);
    ObjectNode artifact = command.putObject("artifact");
    artifact.put("token", ScenarioCatalog.token());
    artifact.put("hash", HASH);
    artifact.put("missingHash", MISSING_HASH);
    artifact.put("upload", upload.toAbsolutePath().toString());
    artifact.put("download", download.toAbsolutePath().toString());
  }

  /** {@code {"artifact": {"token", "hash", "missingHash", "upload", "download"}}}. */
  ObjectNode command() {
    return command;
  }

  JsonNode artifact() {
    return command.get("artifact");
  }

  /**
   * The driver's answer, the mock's store and the downloaded file all say the bytes made the trip
   * unchanged.
   */
  void verify(RemoteCacheMockExtension mock, JsonNode answer) throws IOException {
    assertEquals(
        "roundTrip", answer.path("outcome").asText(), () -> "the driver answered " + answer);
    assertEquals(List.of(), mock.rejections(), "every request met the contract");
    List<StoredArtifact> stored = mock.artifacts();
    assertEquals(1, stored.size(), () -> "artifacts stored: " + stored);
    assertEquals(HASH, stored.get(0).hash());
    assertEquals(bytes.length, stored.get(0).metadata().size(), "size the mock stored");
    assertEquals(
        0,
        new BigDecimal(178).compareTo(stored.get(0).metadata().durationMs()),
        () -> "x-artifact-duration the mock stored: " + stored.get(0).metadata().durationMs());
    assertTrue(answer.path("exists").asBoolean(), "HEAD found the uploaded artifact");
    assertEquals(
        false, answer.path("missingExists").asBoolean(true), "HEAD of a hash never uploaded");
    assertTrue(Files.exists(download), "the driver wrote the download to " + download);
    assertArrayEquals(bytes, Files.readAllBytes(download), "downloaded bytes");
  }
}
