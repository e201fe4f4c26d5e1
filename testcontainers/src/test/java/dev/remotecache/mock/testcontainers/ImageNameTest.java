package dev.remotecache.mock.testcontainers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** Which image the container starts; no engine needed (nothing starts). */
class ImageNameTest {

  @Test
  void theDefaultIsTheKitsImageOfThisVersion() {
    assertEquals("remote-cache-mock", RemoteCacheMockContainer.DEFAULT_IMAGE.getRepository());
    assertEquals(KitImage.version(), RemoteCacheMockContainer.DEFAULT_IMAGE.getVersionPart());
  }

  @Test
  void anotherTagOrRegistryOfTheMocksImageIsTaken() {
    assertDoesNotThrow(() -> new RemoteCacheMockContainer("remote-cache-mock:0.1.0"));
    assertDoesNotThrow(() -> new RemoteCacheMockContainer("localhost/remote-cache-mock:0.1.0"));
  }

  @Test
  void anotherImageIsRefusedUnlessDeclaredASubstitute() {
    assertThrows(IllegalStateException.class, () -> new RemoteCacheMockContainer("wiremock:3"));
    assertDoesNotThrow(
        () ->
            new RemoteCacheMockContainer(
                DockerImageName.parse("my-mock:1").asCompatibleSubstituteFor("remote-cache-mock")));
  }
}
