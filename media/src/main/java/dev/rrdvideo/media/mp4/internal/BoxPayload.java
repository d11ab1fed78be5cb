package dev.rrdvideo.media.mp4.internal;

import dev.rrdvideo.media.Mp4FormatException;

/**
 * A bounds-checked cursor over the payload of one box held in memory, knowing the absolute file
 * offset of every byte and the path of the box, so that every failure becomes an {@link
 * Mp4FormatException} with offset and box path.
 *
 * <p>All reads check the remaining bytes of <em>this</em> box first; nothing reads past the box end
 * even when the backing array continues. Not thread-safe.
 */
public final class BoxPayload {
  private final byte[] data;
  private final int end;
  private final long base;
  private final String source;
  private final String path;
  private int pos;
  // Occurrence counters for repeatable child types, used to build paths like trak[1].
  private int trakCount;
  private int trafCount;
  private int trunCount;

  /**
   * Creates a cursor over {@code data[start, end)}.
   *
   * @param base absolute file offset of {@code data[0]}
   * @param source name of the input for messages, or {@code null}
   * @param path box path of this payload, e.g. {@code moov}
   */
  public BoxPayload(byte[] data, int start, int end, long base, String source, String path) {
    if (start < 0 || end < start || end > data.length) {
      throw new IllegalArgumentException(
          "range [" + start + ", " + end + ") outside array of " + data.length);
    }
    this.data = data;
    this.pos = start;
    this.end = end;
    this.base = base;
    this.source = source;
    this.path = path;
  }

  /** Returns the box path of this payload. */
  public String path() {
    return path;
  }

  /** Returns the source name used in messages. */
  public String source() {
    return source;
  }

  /** Returns the number of unread bytes in this box. */
  public int remaining() {
    return end - pos;
  }

  /** Returns the absolute file offset of the next unread byte. */
  public long absPosition() {
    return base + pos;
  }

  /** Returns the index of the next unread byte in the backing array. */
  public int arrayPosition() {
    return pos;
  }

  /** Returns the backing array (shared, not copied). */
  public byte[] array() {
    return data;
  }

  /** Returns an exception at the current position of this box. */
  public Mp4FormatException error(String message) {
    return new Mp4FormatException(message, source, absPosition(), path);
  }

  /** Returns an exception at the given absolute offset in this box. */
  public Mp4FormatException errorAt(long absOffset, String message) {
    return new Mp4FormatException(message, source, absOffset, path);
  }

  /** Throws unless at least {@code n} bytes remain. */
  public void need(long n, String what) throws Mp4FormatException {
    if (n > remaining() || n < 0) {
      throw error(
          what
              + ": expected "
              + Long.toUnsignedString(n)
              + " more bytes in the box, found "
              + remaining());
    }
  }

  /** Reads an unsigned byte. */
  public int u8(String what) throws Mp4FormatException {
    need(1, what);
    return data[pos++] & 0xFF;
  }

  /** Reads a big-endian unsigned 16-bit value. */
  public int u16(String what) throws Mp4FormatException {
    need(2, what);
    int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  /** Reads a big-endian signed 16-bit value. */
  public int i16(String what) throws Mp4FormatException {
    return (short) u16(what);
  }

  /** Reads a big-endian 24-bit value. */
  public int u24(String what) throws Mp4FormatException {
    need(3, what);
    int v = ((data[pos] & 0xFF) << 16) | ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
    pos += 3;
    return v;
  }

  /** Reads a big-endian 32-bit value as a signed int (the raw bits). */
  public int i32(String what) throws Mp4FormatException {
    need(4, what);
    int v = getInt(data, pos);
    pos += 4;
    return v;
  }

  /** Reads a big-endian unsigned 32-bit value. */
  public long u32(String what) throws Mp4FormatException {
    return i32(what) & 0xFFFF_FFFFL;
  }

  /** Reads a big-endian 64-bit value as raw bits (may be negative when read as signed). */
  public long i64(String what) throws Mp4FormatException {
    need(8, what);
    long v = ((long) getInt(data, pos) << 32) | (getInt(data, pos + 4) & 0xFFFF_FFFFL);
    pos += 8;
    return v;
  }

  /**
   * Reads a big-endian unsigned 64-bit value that must fit in a signed {@code long} (sizes,
   * offsets, times).
   */
  public long u63(String what) throws Mp4FormatException {
    long at = absPosition();
    long v = i64(what);
    if (v < 0) {
      throw errorAt(
          at,
          what
              + ": expected a value below 2^63, found "
              + Long.toUnsignedString(v)
              + " (0x"
              + Long.toHexString(v)
              + ")");
    }
    return v;
  }

  /** Reads a version-dependent unsigned value: 64-bit when {@code wide}, else 32-bit. */
  public long u32or64(boolean wide, String what) throws Mp4FormatException {
    return wide ? u63(what) : u32(what);
  }

  /** Reads {@code n} bytes into a new array (checked before allocating). */
  public byte[] bytes(int n, String what) throws Mp4FormatException {
    need(n, what);
    byte[] b = new byte[n];
    System.arraycopy(data, pos, b, 0, n);
    pos += n;
    return b;
  }

  /** Reads all remaining bytes into a new array. */
  public byte[] rest() {
    byte[] b = new byte[remaining()];
    System.arraycopy(data, pos, b, 0, b.length);
    pos = end;
    return b;
  }

  /** Skips {@code n} bytes. */
  public void skip(long n, String what) throws Mp4FormatException {
    need(n, what);
    pos += (int) n;
  }

  /**
   * Reads a 32-bit entry count and checks that {@code count * bytesPerEntry} bytes remain, so that
   * arrays sized by the count are never larger than the box.
   */
  public int count(String what, int bytesPerEntry) throws Mp4FormatException {
    long at = absPosition();
    long n = u32(what);
    long bytes = n * bytesPerEntry; // n < 2^32 and bytesPerEntry <= 16: no overflow
    if (bytes > remaining()) {
      throw errorAt(
          at,
          what
              + ": expected at most "
              + (remaining() / bytesPerEntry)
              + " entries of "
              + bytesPerEntry
              + " bytes in the rest of the box, found "
              + n);
    }
    return (int) n;
  }

  /** Reads a FullBox version-and-flags word, returning it as {@code version << 24 | flags}. */
  public int versionAndFlags(String what) throws Mp4FormatException {
    return i32(what + " version and flags");
  }

  /**
   * Reads the header of the next child box, or returns {@code null} at the end of this box.
   *
   * @throws Mp4FormatException if the header is truncated or the size does not fit this box
   */
  public Box nextChild() throws Mp4FormatException {
    if (pos == end) {
      return null;
    }
    long start = absPosition();
    int startIdx = pos;
    if (remaining() < 8) {
      throw error("box header: expected 8 bytes, found " + remaining() + " left in the box");
    }
    long size = u32("box size");
    int type = i32("box type");
    int header = 8;
    if (size == 1) {
      size = u63("box largesize");
      header = 16;
    } else if (size == 0) {
      size = (long) end - startIdx;
    }
    if (type == Fourcc.UUID) {
      header += 16;
    }
    if (size < header || size > (long) end - startIdx) {
      throw errorAt(
          start,
          "size of box '"
              + Fourcc.toString(type)
              + "': expected "
              + header
              + ".."
              + ((long) end - startIdx)
              + " bytes, found "
              + size);
    }
    int payloadStart = startIdx + header;
    int payloadEnd = (int) (startIdx + size);
    pos = payloadEnd;
    String childPath = childPath(type);
    return new Box(type, start, payloadStart, payloadEnd, childPath);
  }

  private String childPath(int type) {
    String name = Fourcc.toString(type);
    String prefix = path == null || path.isEmpty() ? "" : path + "/";
    if (type == Fourcc.TRAK) {
      return prefix + name + "[" + (trakCount++) + "]";
    }
    if (type == Fourcc.TRAF) {
      return prefix + name + "[" + (trafCount++) + "]";
    }
    if (type == Fourcc.TRUN) {
      return prefix + name + "[" + (trunCount++) + "]";
    }
    return prefix + name;
  }

  /** Returns a cursor over the payload of a child box returned by {@link #nextChild()}. */
  public BoxPayload open(Box box) {
    return new BoxPayload(data, box.payloadStart(), box.payloadEnd(), base, source, box.path());
  }

  /** Reads a big-endian int from an array. */
  public static int getInt(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  /**
   * A child box: its type, the absolute offset of its header, its payload range in the backing
   * array and its path.
   *
   * @param type the FourCC
   * @param offset absolute file offset of the box header
   * @param payloadStart index of the first payload byte in the backing array
   * @param payloadEnd index after the last payload byte
   * @param path box path, e.g. {@code moov/trak[0]}
   */
  public record Box(int type, long offset, int payloadStart, int payloadEnd, String path) {
    /** Returns the payload size in bytes. */
    public int payloadSize() {
      return payloadEnd - payloadStart;
    }
  }
}
