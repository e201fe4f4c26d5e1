package dev.remotecache.mock.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The mock's image name and tag as the kit's build wrote them into {@code image.properties}. */
final class KitImage {

  private static final String RESOURCE = "image.properties";

  private KitImage() {}

  /** The image, {@code NAME:VERSION}. */
  static String name() {
    return read().getProperty("image");
  }

  /** The kit's version. */
  static String version() {
    return read().getProperty("version");
  }

  private static Properties read() {
    Properties properties = new Properties();
    try (InputStream in = KitImage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing beside " + KitImage.class.getName() + ": a broken jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return properties;
  }
}
