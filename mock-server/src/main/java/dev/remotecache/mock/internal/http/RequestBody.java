package dev.remotecache.mock.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request's body as the server holds it: not read yet. The pipeline reads it once, either whole
 * (a JSON body, within the size limit) or as a stream (an artifact, straight into the store).
 */
public interface RequestBody {

  /** A request without a body. */
  RequestBody EMPTY =
      new RequestBody() {
        @Override
        public long declaredLength() {
          return 0;
        }

        @Override
        public boolean chunked() {
          return false;
        }

        @Override
        public InputStream open() {
          return InputStream.nullInputStream();
        }
      };

  /** The {@code Content-Length} the client declared, or -1 when it declared none. */
  long declaredLength();

  /** Whether the body comes without a declared length ({@code Transfer-Encoding: chunked}). */
  boolean chunked();

  /** The bytes as they arrive; may be called once. */
  InputStream open() throws IOException;

  /** Whether there may be bytes to read. */
  default boolean present() {
    return declaredLength() > 0 || chunked();
  }

  /** A body already in memory (for tests and for adapters that buffer). */
  static RequestBody of(byte[] bytes) {
    return new RequestBody() {
      @Override
      public long declaredLength() {
        return bytes.length;
      }

      @Override
      public boolean chunked() {
        return false;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }
}
