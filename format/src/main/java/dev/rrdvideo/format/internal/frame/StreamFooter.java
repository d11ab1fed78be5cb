package dev.rrdvideo.format.internal.frame;

import org.apache.commons.codec.digest.XXHash32;

/**
 * The 32-byte footer after an End message, pointing back at the End payload ({@code RrdFooter}).
 *
 * <pre>
 * offset size field
 *  0     8    rrd_footer_start  u64 LE: absolute offset of the End payload (End header + 16)
 *  8     8    rrd_footer_len    u64 LE: = End len
 * 16     4    crc               u32 LE: XXH32(End payload, seed 7850921)
 * 20     4    FourCC "RRF2"
 * 24     4    identifier "FOOT"
 * 28     4    entry count       u32 LE: always 1 (0 = no footer; 2+ crashes Rerun)
 * </pre>
 *
 * <p>Pure codec. Source: rrd-container.md section 5.2; Rerun {@code frames.rs} (0.36.2).
 *
 * @param footerStart absolute offset of the End payload
 * @param footerLength length of the End payload
 * @param crc stored XXH32 checksum
 * @param entryCount stored entry count
 */
public record StreamFooter(long footerStart, long footerLength, int crc, int entryCount) {
  /** Size in bytes. */
  public static final int SIZE = 32;

  /** Seed of the XXH32 checksum. */
  public static final int CRC_SEED = 7850921;

  /** Returns whether {@code b[off..off+32)} carries the {@code RRF2FOOT} identifiers. */
  public static boolean looksLikeFooter(byte[] b, int off) {
    return StreamHeader.startsWithFourCc(b, off + 20, 4)
        && b[off + 24] == 'F'
        && b[off + 25] == 'O'
        && b[off + 26] == 'O'
        && b[off + 27] == 'T';
  }

  /** Decodes without validation; check {@link #looksLikeFooter} first. */
  public static StreamFooter decode(byte[] b, int off) {
    return new StreamFooter(
        Le.getLong(b, off), Le.getLong(b, off + 8), Le.getInt(b, off + 16), Le.getInt(b, off + 28));
  }

  /** Encodes into {@code dst[off..off+32)}. */
  public void encode(byte[] dst, int off) {
    Le.putLong(dst, off, footerStart);
    Le.putLong(dst, off + 8, footerLength);
    Le.putInt(dst, off + 16, crc);
    System.arraycopy(StreamHeader.FOURCC, 0, dst, off + 20, 4);
    dst[off + 24] = 'F';
    dst[off + 25] = 'O';
    dst[off + 26] = 'O';
    dst[off + 27] = 'T';
    Le.putInt(dst, off + 28, entryCount);
  }

  /** Computes the footer checksum of {@code b[off..off+len)}. */
  public static int crc(byte[] b, int off, int len) {
    XXHash32 h = new XXHash32(CRC_SEED);
    h.update(b, off, len);
    return (int) h.getValue();
  }
}
