package dev.remotecache.system;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code length} pseudo-random bytes from a seed (xorshift): the same every time, never held in
 * memory, and unlike those of any other seed, so that a mixed-up or partial artifact cannot pass
 * for another.
 */
final class SeededBytes extends InputStream {

  private long state;
  private long left;
  private int position; // of the next byte within the current 8 of state

  SeededBytes(long seed, long length) {
    this.state = 0x9E3779B97F4A7C15L * (seed + 1) | 1;
    this.left = length;
  }

  /** The SHA-256 of the {@code length} bytes of {@code seed}. */
  static byte[] sha256(long seed, long length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      SeededBytes bytes = new SeededBytes(seed, length);
      for (int n; (n = bytes.read(buffer, 0, buffer.length)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (left <= 0) {
      return length == 0 ? 0 : -1;
    }
    int n = (int) Math.min(length, left);
    for (int i = 0; i < n; i++) {
      if (position == 0) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
      }
      buffer[offset + i] = (byte) (state >>> (8 * position));
      position = (position + 1) & 7;
    }
    left -= n;
    return n;
  }
}
