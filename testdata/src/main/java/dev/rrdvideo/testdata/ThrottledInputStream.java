package dev.rrdvideo.testdata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that returns at most {@code maxPerRead} bytes per {@code read} call, to test that
 * readers cope with short reads (pipes, sockets).
 */
public final class ThrottledInputStream extends FilterInputStream {
  private final int maxPerRead;

  /** Wraps {@code in}, returning at most {@code maxPerRead} (at least 1) bytes per read. */
  public ThrottledInputStream(InputStream in, int maxPerRead) {
    super(in);
    if (maxPerRead < 1) {
      throw new IllegalArgumentException("maxPerRead must be >= 1, was " + maxPerRead);
    }
    this.maxPerRead = maxPerRead;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return super.read(b, off, Math.min(len, maxPerRead));
  }

  @Override
  public long skip(long n) throws IOException {
    return super.skip(Math.min(n, maxPerRead));
  }

  @Override
  public int available() {
    return 0;
  }
}
