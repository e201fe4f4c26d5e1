package dev.remotecache.openapi;

import java.net.URL;

/**
 * Where the OpenAPI document of the mock server's own admin API ({@code /__admin/remote-cache/...})
 * lives on the classpath, next to the Remote Cache API's ({@link RemoteCacheSpec}).
 *
 * <p>The mock checks admin requests against this file, serves it, and its Java admin client is
 * generated from it: they all read the very same file.
 */
public final class RemoteCacheAdminSpec {

  /** The classpath resource name of the admin API's OpenAPI document. */
  public static final String RESOURCE = "dev/remotecache/openapi/remote-cache-admin.yaml";

  private RemoteCacheAdminSpec() {}

  /** The document's URL on the classpath (a {@code jar:} URL when loaded from the jar). */
  public static URL url() {
    return SpecResources.url(RESOURCE);
  }

  /** The document's text (YAML). */
  public static String text() {
    return SpecResources.text(RESOURCE);
  }
}
