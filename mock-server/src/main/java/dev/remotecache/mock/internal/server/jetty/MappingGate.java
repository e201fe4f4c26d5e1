package dev.remotecache.mock.internal.server.jetty;

import dev.remotecache.mock.internal.http.Answer;
import java.util.Optional;

/**
 * What WireMock's admin routes that register stubs ({@code POST /__admin/mappings}, {@code PUT
 * /__admin/mappings/{id}}, {@code POST /__admin/mappings/import}) must pass first: a stub the mock
 * would not serve is refused there, never accepted.
 */
@FunctionalInterface
public interface MappingGate {

  /**
   * @param route the path after {@code /__admin}
   * @return the refusal, or empty to pass the request on to WireMock
   */
  Optional<Answer> refusal(String method, String route, byte[] body);
}
