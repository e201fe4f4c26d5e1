package dev.remotecache.openapi;

import java.net.URL;

/**
 * Where the Remote Cache API's OpenAPI document lives on the classpath.
 *
 * <p>Every part of the kit (mock server, contract tests, users' own tools) loads the document
 * through this class, so they all read the very same file that the client was generated from.
 */
public final class RemoteCacheSpec {

  /** The classpath resource name of the OpenAPI document. */
  public static final String RESOURCE = "dev/remotecache/openapi/remote-cache-api.yaml";

  private RemoteCacheSpec() {}

  /** The document's URL on the classpath (a {@code jar:} URL when loaded from the jar). */
  public static URL url() {
    return SpecResources.url(RESOURCE);
  }

  /** The document's text (YAML). */
  public static String text() {
    return SpecResources.text(RESOURCE);
  }
}
