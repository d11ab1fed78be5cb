package dev.rrdvideo.format.chunk;

import java.util.Locale;

/**
 * A 128-bit time-ordered unique id, used by Rerun for row ids and chunk ids.
 *
 * <p>Forms: protobuf {@code Tuid} (two little-endian fixed64 fields), Arrow {@code
 * FixedSizeBinary(16)} (time then counter, both big-endian, so bytes sort like values), and text:
 * 16 upper-case hex digits of the time then 16 lower-case hex digits of the counter (chunk ids
 * carry a {@code chunk_} prefix in schema metadata). Ordering is by (time, counter), unsigned.
 *
 * @param timeNanos approximate nanoseconds since the Unix epoch (unsigned)
 * @param inc the counter (unsigned)
 */
public record Tuid(long timeNanos, long inc) implements Comparable<Tuid> {
  /** Size of the binary form in bytes. */
  public static final int BYTES = 16;

  /** Returns the id stored big-endian in {@code b[off..off+16)}. */
  public static Tuid fromBytes(byte[] b, int off) {
    return new Tuid(getLongBe(b, off), getLongBe(b, off + 8));
  }

  /** Writes the big-endian binary form into {@code dst[off..off+16)}. */
  public void toBytes(byte[] dst, int off) {
    putLongBe(dst, off, timeNanos);
    putLongBe(dst, off + 8, inc);
  }

  /** Returns the big-endian binary form. */
  public byte[] toBytes() {
    byte[] b = new byte[BYTES];
    toBytes(b, 0);
    return b;
  }

  /**
   * Parses the text form, with or without a {@code chunk_} or {@code row_} prefix, in any case.
   *
   * @throws IllegalArgumentException if the text is not 32 hex digits after the prefix
   */
  public static Tuid parse(String text) {
    String t = text;
    if (t.startsWith("chunk_")) {
      t = t.substring(6);
    } else if (t.startsWith("row_")) {
      t = t.substring(4);
    }
    if (t.length() != 32) {
      throw new IllegalArgumentException(
          "not a TUID: expected 32 hex digits, found '" + text + "'");
    }
    try {
      return new Tuid(
          Long.parseUnsignedLong(t.substring(0, 16), 16),
          Long.parseUnsignedLong(t.substring(16), 16));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a TUID: '" + text + "'", e);
    }
  }

  /** Returns the form written in {@code rerun:id} schema metadata: {@code chunk_} + text form. */
  public String toChunkIdString() {
    return "chunk_" + this;
  }

  // equals and hashCode written out: the record's generated ones are bootstrapped through
  // java.lang.runtime.ObjectMethods on first use, a few ms of a short command's start-up

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuid t && timeNanos == t.timeNanos && inc == t.inc;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timeNanos) * 31 + Long.hashCode(inc);
  }

  @Override
  public String toString() {
    return hex16(timeNanos).toUpperCase(Locale.ROOT) + hex16(inc);
  }

  private static String hex16(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }

  @Override
  public int compareTo(Tuid o) {
    int c = Long.compareUnsigned(timeNanos, o.timeNanos);
    return c != 0 ? c : Long.compareUnsigned(inc, o.inc);
  }

  static long getLongBe(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  static void putLongBe(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
