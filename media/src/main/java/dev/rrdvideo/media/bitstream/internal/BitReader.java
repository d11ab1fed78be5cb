package dev.rrdvideo.media.bitstream.internal;

/**
 * Reads bits MSB-first from a byte range, optionally skipping H.264/H.265 emulation prevention
 * bytes ({@code 00 00 03} → {@code 00 00}), with Exp-Golomb codes. Reading past the end throws
 * {@link EndOfData} (a checked exception the parsers turn into "not parseable"). Reusable: call
 * {@link #reset} for each new unit; allocates nothing.
 */
public final class BitReader {
  /** Thrown when a read runs past the end of the data. */
  public static final class EndOfData extends Exception {
    private static final long serialVersionUID = 1L;

    EndOfData() {
      super("bitstream ended early", null, false, false);
    }
  }

  private static final EndOfData END = new EndOfData();

  private byte[] b;
  private int pos;
  private int end;
  private int bit;
  private int cur;
  private boolean rbsp;
  private int zeros;

  /** Starts reading {@code b[off..off+len)}; {@code rbsp} removes emulation prevention bytes. */
  public BitReader reset(byte[] b, int off, int len, boolean rbsp) {
    this.b = b;
    this.pos = off;
    this.end = off + len;
    this.bit = 8;
    this.rbsp = rbsp;
    this.zeros = 0;
    return this;
  }

  private void nextByte() throws EndOfData {
    while (true) {
      if (pos >= end) {
        throw END;
      }
      int v = b[pos++] & 0xFF;
      if (rbsp) {
        if (zeros >= 2 && v == 3) {
          zeros = 0;
          continue;
        }
        zeros = v == 0 ? zeros + 1 : 0;
      }
      cur = v;
      bit = 0;
      return;
    }
  }

  /** Reads one bit. */
  public int bit() throws EndOfData {
    if (bit == 8) {
      nextByte();
    }
    return (cur >> (7 - bit++)) & 1;
  }

  /** Reads {@code n} (0..32) bits as an unsigned value. */
  public long bits(int n) throws EndOfData {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  /** Reads {@code n} (0..31) bits as an int. */
  public int u(int n) throws EndOfData {
    return (int) bits(n);
  }

  /** Reads a flag. */
  public boolean flag() throws EndOfData {
    return bit() == 1;
  }

  /** Skips {@code n} bits. */
  public void skip(int n) throws EndOfData {
    for (int i = 0; i < n; i++) {
      bit();
    }
  }

  /** Reads an unsigned Exp-Golomb code ue(v) (at most 32 leading zeros). */
  public long ue() throws EndOfData {
    int zerosCount = 0;
    while (bit() == 0) {
      if (++zerosCount > 32) {
        throw END;
      }
    }
    return ((1L << zerosCount) - 1) + bits(zerosCount);
  }

  /** Reads ue(v) that must be at most {@code max}; larger values count as malformed. */
  public int ue(int max) throws EndOfData {
    long v = ue();
    if (v > max) {
      throw END;
    }
    return (int) v;
  }

  /** Reads a signed Exp-Golomb code se(v). */
  public long se() throws EndOfData {
    long k = ue();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  /** Reads an AV1 uvlc(). */
  public long uvlc() throws EndOfData {
    int leading = 0;
    while (bit() == 0) {
      if (++leading >= 32) {
        return (1L << 32) - 1;
      }
    }
    return bits(leading) + (1L << leading) - 1;
  }

  /** Returns whether more bits remain (ignoring trailing bits). */
  public boolean hasMore() {
    return bit < 8 || pos < end;
  }
}
