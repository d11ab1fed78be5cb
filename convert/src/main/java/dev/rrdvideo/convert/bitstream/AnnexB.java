package dev.rrdvideo.convert.bitstream;

/**
 * Annex B byte streams (H.264/H.265 NAL units separated by {@code 00 00 01} or {@code 00 00 00 01}
 * start codes).
 *
 * <p>{@link Cursor} walks the NAL units of a buffer without allocating; trailing zero bytes before
 * a start code belong to no NAL unit (H.264 B.2).
 */
public final class AnnexB {
  private AnnexB() {}

  /** Returns whether {@code b[off..)} starts with a 3- or 4-byte start code. */
  public static boolean startsWithStartCode(byte[] b, int off, int len) {
    return (len >= 3 && b[off] == 0 && b[off + 1] == 0 && b[off + 2] == 1)
        || (len >= 4 && b[off] == 0 && b[off + 1] == 0 && b[off + 2] == 0 && b[off + 3] == 1);
  }

  /** Returns the H.264 NAL unit type of the NAL unit starting at {@code b[off]}. */
  public static int h264Type(byte[] b, int off) {
    return b[off] & 0x1F;
  }

  /** Returns the H.265 NAL unit type of the NAL unit starting at {@code b[off]}. */
  public static int h265Type(byte[] b, int off) {
    return (b[off] >> 1) & 0x3F;
  }

  /** A reusable iterator over the NAL units of an Annex B buffer. Not thread-safe. */
  public static final class Cursor {
    private byte[] b;
    private int end;
    private int next;
    private int start;
    private int length;

    /** Starts iterating {@code b[off..off+len)}. */
    public Cursor reset(byte[] b, int off, int len) {
      this.b = b;
      this.end = off + len;
      this.next = findStart(off);
      return this;
    }

    /** Returns the position just after the next start code at or after {@code from}, or -1. */
    private int findStart(int from) {
      for (int i = from; i + 2 < end; i++) {
        if (b[i + 2] > 1) {
          i += 2; // bounds proof: a start code's third byte is 1, so skip ahead
          continue;
        }
        if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
          return i + 3;
        }
      }
      return -1;
    }

    /** Advances to the next NAL unit; returns false at the end. */
    public boolean next() {
      if (next < 0 || next >= end) {
        return false;
      }
      start = next;
      int following = findStart(start);
      int stop = following < 0 ? end : following - 3;
      while (stop > start && b[stop - 1] == 0) {
        stop--; // trailing_zero_8bits or the first zero of a 4-byte start code
      }
      length = stop - start;
      next = following;
      return true;
    }

    /** Returns the offset of the current NAL unit (its header byte). */
    public int start() {
      return start;
    }

    /** Returns the length of the current NAL unit. */
    public int length() {
      return length;
    }
  }
}
