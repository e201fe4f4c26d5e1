package dev.remotecache.mock.store;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * A stream that knows how many bytes it holds, so that an answer can declare its length up front.
 */
public final class SizedStream extends FilterInputStream {

  private final long length;

  public SizedStream(InputStream bytes, long length) {
    super(bytes);
    this.length = length;
  }

  public long length() {
    return length;
  }
}
