package dev.remotecache.mock.testcontainers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Whether these tests can run here: a container engine Testcontainers reaches, with the kit's image
 * loaded (no registry is asked for it). If not, the tests are skipped with the reason, unless
 * {@code -Dremotecache.requireContainers=true} (as {@code .ci/testcontainers-test.sh} sets), which
 * makes it a failure.
 */
final class ContainerEngine {

  private static final String HOW =
      " (start one, e.g. `podman system service --time=0 unix:///tmp/podman.sock &` and"
          + " DOCKER_HOST=unix:///tmp/podman.sock TESTCONTAINERS_RYUK_DISABLED=true; see"
          + " testcontainers/README.md)";

  private ContainerEngine() {}

  private static String unavailable; // why the tests cannot run here, once found; "" if they can

  /**
   * Whether the tests can run; if not, says why once on stderr, or fails when they are required.
   * For {@code @BeforeAll}, before it starts a container.
   */
  static synchronized boolean ready(DockerImageName image) {
    if (unavailable == null) {
      unavailable = whyNot(image);
      if (!unavailable.isEmpty()) {
        if (Boolean.getBoolean("remotecache.requireContainers")) {
          fail(
              unavailable
                  + "; -Dremotecache.requireContainers=true: a test that cannot run is a failure");
        }
        System.err.println("[remote-cache-mock-testcontainers] tests skipped: " + unavailable);
      }
    }
    return unavailable.isEmpty();
  }

  /** For {@code @BeforeEach}: skips each test, with the reason, when they cannot run. */
  static void assumeReady(DockerImageName image) {
    assumeTrue(ready(image), () -> "skipped: " + unavailable);
  }

  private static String whyNot(DockerImageName image) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      String dockerHost = System.getenv("DOCKER_HOST");
      return "no container engine is reachable ("
          + (dockerHost == null ? "DOCKER_HOST is unset" : "DOCKER_HOST=" + dockerHost)
          + ")"
          + HOW;
    }
    String host = DockerClientFactory.instance().dockerHostIpAddress();
    if (!isLoopback(host)) {
      // Test traffic stays on this machine's loopback; inside a container (/.dockerenv)
      // Testcontainers picks the bridge's gateway instead.
      return "Testcontainers would reach the container at "
          + host
          + ", not on loopback: set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1";
    }
    try {
      DockerClientFactory.lazyClient().inspectImageCmd(image.asCanonicalNameString()).exec();
    } catch (NotFoundException e) {
      return "the engine has no image "
          + image.asCanonicalNameString()
          + ": load it from the release bundle (./mvnw -Prelease package -DskipTests, then"
          + " podman load -i target/release/remote-cache-mock-image-"
          + KitImage.version()
          + ".tar)";
    }
    return "";
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
