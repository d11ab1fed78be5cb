package dev.rrdvideo.format.internal.frame;

/** Formatting helpers for error messages. */
public final class Hex {
  private Hex() {}

  /** Returns {@code "RRF2"} for printable FourCCs, else hex bytes like {@code 00 ff 12 34}. */
  public static String fourCc(byte[] b, int off) {
    boolean printable = true;
    for (int i = 0; i < 4; i++) {
      int c = b[off + i] & 0xFF;
      if (c < 0x20 || c > 0x7E) {
        printable = false;
      }
    }
    if (printable) {
      return "'"
          + new String(b, off, 4, java.nio.charset.StandardCharsets.US_ASCII)
          + "' ("
          + bytes(b, off, 4)
          + ")";
    }
    return bytes(b, off, 4);
  }

  /** Returns space-separated lower-case hex of {@code len} bytes. */
  public static String bytes(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len * 3);
    for (int i = 0; i < len; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(Character.forDigit((b[off + i] >> 4) & 0xF, 16));
      sb.append(Character.forDigit(b[off + i] & 0xF, 16));
    }
    return sb.toString();
  }

  /** Returns {@code 123 (0x7b)}. */
  public static String num(long v) {
    return Long.toUnsignedString(v) + " (0x" + Long.toHexString(v) + ")";
  }
}
