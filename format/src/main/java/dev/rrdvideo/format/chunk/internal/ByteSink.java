package dev.rrdvideo.format.chunk.internal;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A grow-only byte buffer usable as an {@link OutputStream} and as a {@link WritableByteChannel}
 * (bulk copies from direct buffers, as Arrow's IPC writer produces); {@link #reset()} keeps the
 * capacity for reuse. Not thread-safe.
 */
public final class ByteSink extends OutputStream implements WritableByteChannel {
  private byte[] buf;
  private int size;

  /** Creates a sink with the given initial capacity. */
  public ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  @Override
  public void write(int b) {
    ensure(size + 1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(size + len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  @Override
  public int write(ByteBuffer src) {
    int len = src.remaining();
    ensure(size + len);
    src.get(buf, size, len);
    size += len;
    return len;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  /** Makes room for at least {@code capacity} bytes in total. */
  public void ensure(int capacity) {
    if (capacity < 0) {
      throw new IllegalStateException("buffer would exceed 2 GiB");
    }
    if (capacity > buf.length) {
      long n = Math.max(capacity, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 8));
      buf = Arrays.copyOf(buf, (int) n);
    }
  }

  /** Returns the backing array (valid bytes are {@code [0, size())}). */
  public byte[] array() {
    return buf;
  }

  /** Returns the number of bytes written. */
  public int size() {
    return size;
  }

  /** Sets the number of valid bytes (after writing directly into {@link #array()}). */
  public void setSize(int size) {
    if (size < 0 || size > buf.length) {
      throw new IllegalArgumentException("size " + size + " outside 0.." + buf.length);
    }
    this.size = size;
  }

  /** Forgets the content, keeping the capacity. */
  public void reset() {
    size = 0;
  }

  /** Returns a copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
