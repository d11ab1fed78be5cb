package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.format.video.VideoCodec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Annex B byte streams (H.264/H.265 NAL units separated by {@code 00 00 01} or {@code 00 00 00 01}
 * start codes).
 *
 * <p>{@link Cursor} walks the NAL units of a buffer without allocating; trailing zero bytes before
 * a start code belong to no NAL unit (H.264 B.2).
 */
public final class AnnexB {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

  /**
   * Returns whether the NAL unit starting at {@code b[off]} is a parameter set: H.264 SPS, PPS or
   * SPS extension (7, 8, 13); H.265 VPS, SPS or PPS (32-34). These are what an MP4 sample entry
   * carries out of band and a recording repeats in keyframes.
   */
  public static boolean isParameterSet(VideoCodec codec, byte[] b, int off) {
    if (codec == VideoCodec.H264) {
      int t = h264Type(b, off);
      return t == 7 || t == 8 || t == 13;
    }
    int t = h265Type(b, off);
    return t >= 32 && t <= 34;
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

    /**
     * Returns the position just after the next start code at or after {@code from}, or -1. Reads
     * eight bytes at a time and skips words without a zero byte (a start code begins with one), so
     * slice data costs about one comparison per eight bytes.
     */
    private int findStart(int from) {
      int last = end - 3; // last position a start code can begin at
      int i = from;
      while (i <= last) {
        if (i + 8 <= end) {
          long x = (long) LONGS.get(b, i);
          long zeros = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
          if (zeros == 0) {
            i += 8;
            continue;
          }
          // The lowest flagged byte is exactly the first zero byte in the word.
          i += Long.numberOfTrailingZeros(zeros) >>> 3;
          if (i > last) {
            return -1;
          }
        }
        if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
          return i + 3;
        }
        i++;
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
