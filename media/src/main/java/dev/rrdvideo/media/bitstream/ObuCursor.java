package dev.rrdvideo.media.bitstream;

/**
 * A reusable, allocation-free iterator over the AV1 OBUs of a buffer in the low-overhead bitstream
 * format (AV1 spec 5.2 / 5.3: header byte, optional extension byte, leb128 size, payload).
 *
 * <p>An OBU without a size field, or whose size is malformed or runs past the buffer, is still
 * returned (its type is known) but is not {@link #sized()}: its payload is taken to run to the end
 * of the buffer and the walk ends after it. Not thread-safe.
 */
public final class ObuCursor {
  /** OBU type of a sequence header. */
  public static final int SEQUENCE_HEADER = 1;

  /** OBU type of a temporal delimiter. */
  public static final int TEMPORAL_DELIMITER = 2;

  private byte[] b;
  private int end;
  private int next;
  private int start;
  private int type;
  private int payloadStart;
  private int payloadEnd;
  private boolean sized;

  /** Starts walking {@code b[off..off+len)}; returns this cursor. */
  public ObuCursor reset(byte[] b, int off, int len) {
    this.b = b;
    this.end = off + len;
    this.next = off;
    return this;
  }

  /** Advances to the next OBU; returns false at the end or after an unsized OBU. */
  public boolean next() {
    if (next < 0 || next >= end) {
      return false;
    }
    start = next;
    int h = b[start] & 0xFF;
    type = (h >> 3) & 0xF;
    int p = start + 1 + ((h & 0x4) != 0 ? 1 : 0);
    sized = false;
    payloadEnd = end;
    payloadStart = Math.min(p, end);
    next = -1;
    if ((h & 0x2) == 0 || p >= end) {
      return true;
    }
    long size = 0;
    for (int shift = 0; p < end && shift <= 56; shift += 7) {
      int v = b[p++] & 0xFF;
      size |= (long) (v & 0x7F) << shift;
      if ((v & 0x80) == 0) {
        payloadStart = p;
        if (size <= end - p) {
          sized = true;
          payloadEnd = p + (int) size;
          next = payloadEnd;
        }
        return true;
      }
    }
    payloadStart = p;
    return true;
  }

  /** Returns the OBU type (obu_type, 0-15). */
  public int type() {
    return type;
  }

  /** Returns the offset of the OBU header byte. */
  public int start() {
    return start;
  }

  /** Returns the offset of the payload (after header, extension and size). */
  public int payloadStart() {
    return payloadStart;
  }

  /** Returns the offset just past the payload. */
  public int payloadEnd() {
    return payloadEnd;
  }

  /** Returns the payload length. */
  public int payloadSize() {
    return payloadEnd - payloadStart;
  }

  /** Returns whether the OBU has a well-formed size field that fits the buffer. */
  public boolean sized() {
    return sized;
  }

  /** Advances to the next OBU of {@code type}; returns false when there is none. */
  public boolean nextOfType(int type) {
    while (next()) {
      if (this.type == type) {
        return true;
      }
    }
    return false;
  }
}
