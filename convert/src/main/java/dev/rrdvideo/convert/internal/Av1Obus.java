package dev.rrdvideo.convert.internal;

/**
 * Minimal AV1 OBU walking for the converters: whether a temporal unit holds a sequence header OBU.
 * OBUs are read as in the "low overhead bitstream format" (header, optional extension, leb128
 * size); a malformed or size-less OBU ends the walk.
 */
public final class Av1Obus {
  /** OBU type of a sequence header. */
  public static final int OBU_SEQUENCE_HEADER = 1;

  /** OBU type of a temporal delimiter. */
  public static final int OBU_TEMPORAL_DELIMITER = 2;

  private Av1Obus() {}

  /** Returns whether {@code b[off..off+len)} contains an OBU of type {@code type}. */
  public static boolean contains(byte[] b, int off, int len, int type) {
    int p = off;
    int end = off + len;
    while (p < end) {
      int h = b[p] & 0xFF;
      int obuType = (h >> 3) & 0xF;
      boolean ext = (h & 0x4) != 0;
      boolean hasSize = (h & 0x2) != 0;
      if (obuType == type) {
        return true;
      }
      p += 1 + (ext ? 1 : 0);
      if (!hasSize) {
        return false;
      }
      long size = 0;
      int shift = 0;
      while (true) {
        if (p >= end || shift > 56) {
          return false;
        }
        int v = b[p++] & 0xFF;
        size |= (long) (v & 0x7F) << shift;
        shift += 7;
        if ((v & 0x80) == 0) {
          break;
        }
      }
      if (size > end - p) {
        return false;
      }
      p += (int) size;
    }
    return false;
  }
}
