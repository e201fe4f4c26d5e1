package dev.remotecache.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Reading one of the kit's OpenAPI documents from the classpath: the same steps for each. */
final class SpecResources {

  private SpecResources() {}

  static URL url(String resource) {
    URL url = SpecResources.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException(
          "The OpenAPI document "
              + resource
              + " is not on the classpath: add dev.remotecache:remote-cache-openapi");
    }
    return url;
  }

  static String text(String resource) {
    try (InputStream in = url(resource).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
