package dev.rrdvideo.media.mp4.internal;

import java.util.Arrays;

/**
 * A growable big-endian byte buffer with nested box support: {@link #startBox(int)} reserves the
 * size field and {@link #endBox()} fills it in. Not thread-safe.
 */
public final class ByteWriter {
  private byte[] buf;
  private int len;
  private int[] boxStarts = new int[16];
  private int depth;

  /** Creates a writer with the given initial capacity. */
  public ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) len + n);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("box data larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  /** Returns the number of bytes written. */
  public int size() {
    return len;
  }

  /** Writes one byte. */
  public ByteWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  /** Writes a 16-bit value. */
  public ByteWriter u16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  /** Writes a 32-bit value. */
  public ByteWriter u32(int v) {
    ensure(4);
    putInt(buf, len, v);
    len += 4;
    return this;
  }

  /** Writes the low 32 bits of a value. */
  public ByteWriter u32(long v) {
    return u32((int) v);
  }

  /** Writes a 64-bit value. */
  public ByteWriter u64(long v) {
    u32((int) (v >>> 32));
    return u32((int) v);
  }

  /** Writes bytes. */
  public ByteWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  /** Writes part of an array. */
  public ByteWriter bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** Writes {@code n} zero bytes. */
  public ByteWriter zeros(int n) {
    ensure(n);
    Arrays.fill(buf, len, len + n, (byte) 0);
    len += n;
    return this;
  }

  /** Starts a box: writes a placeholder size and the type. */
  public ByteWriter startBox(int type) {
    if (depth == boxStarts.length) {
      boxStarts = Arrays.copyOf(boxStarts, depth * 2);
    }
    boxStarts[depth++] = len;
    u32(0);
    return u32(type);
  }

  /** Starts a FullBox: size, type, version and flags. */
  public ByteWriter startFullBox(int type, int version, int flags) {
    startBox(type);
    return u32((version << 24) | (flags & 0xFF_FFFF));
  }

  /** Ends the innermost open box by writing its size. */
  public ByteWriter endBox() {
    if (depth == 0) {
      throw new IllegalStateException("no open box");
    }
    int start = boxStarts[--depth];
    putInt(buf, start, len - start);
    return this;
  }

  /** Returns a copy of the bytes written. */
  public byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " boxes still open");
    }
    return Arrays.copyOf(buf, len);
  }

  /** Returns the internal buffer (valid up to {@link #size()}). */
  public byte[] array() {
    return buf;
  }

  private static void putInt(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 24);
    b[i + 1] = (byte) (v >>> 16);
    b[i + 2] = (byte) (v >>> 8);
    b[i + 3] = (byte) v;
  }
}
