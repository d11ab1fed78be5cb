package dev.rrdvideo.media.bitstream.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A sliding window over an input stream for the elementary-stream splitters: bytes from {@link
 * #base()} (file offset of {@code buf[0]}) up to {@link #limit()} are in memory; {@link
 * #discard(int)} drops what has been consumed. The window grows only as far as the largest unit
 * being assembled, up to a limit. Not thread-safe.
 */
public final class ByteWindow {
  private final InputStream in;
  private final int maxBytes;
  private byte[] buf = new byte[1 << 16];
  private int limit;
  private long base;
  private boolean eof;

  /** Wraps {@code in}; a unit larger than {@code maxBytes} makes {@link #fill} report failure. */
  public ByteWindow(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** Returns the buffer (valid bytes {@code [0, limit())}). */
  public byte[] buf() {
    return buf;
  }

  /** Returns the number of valid bytes. */
  public int limit() {
    return limit;
  }

  /** Returns the file offset of {@code buf()[0]}. */
  public long base() {
    return base;
  }

  /** Returns whether the input is exhausted. */
  public boolean eof() {
    return eof;
  }

  /**
   * Reads more input (growing the buffer when full).
   *
   * @return false when the window is full at {@code maxBytes} (the caller's unit is too large)
   */
  public boolean fill() throws IOException {
    if (eof) {
      return true;
    }
    if (limit == buf.length) {
      if (buf.length >= maxBytes) {
        return false;
      }
      buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, 2L * buf.length));
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
    return true;
  }

  /** Drops the first {@code n} valid bytes. */
  public void discard(int n) {
    System.arraycopy(buf, n, buf, 0, limit - n);
    limit -= n;
    base += n;
  }
}
