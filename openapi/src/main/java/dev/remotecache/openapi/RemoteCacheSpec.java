package dev.remotecache.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

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
    URL url = RemoteCacheSpec.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException(
          "The OpenAPI document "
              + RESOURCE
              + " is not on the classpath: add dev.remotecache:remote-cache-openapi");
    }
    return url;
  }

  /** The document's text (YAML). */
  public static String text() {
    try (InputStream in = url().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
