package dev.rrdvideo.format.internal.frame;

import dev.rrdvideo.format.RrdVersion;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;

/**
 * The 12-byte header that starts every stream.
 *
 * <pre>
 * offset size field
 *  0     4    FourCC "RRF2"                 (RRF0/RRF1: old MsgPack era, rejected)
 *  4     4    version: major, minor, patch, meta
 *  8     1    compression: 0 = off, 1 = LZ4  (informational; each ArrowMsg says its own)
 *  9     1    serializer: 2 = protobuf       (1 = MsgPack, rejected)
 * 10     2    reserved, must be zero
 * </pre>
 *
 * <p>Pure codec: no I/O, no decompression. Source: rrd-container.md section 2, Rerun {@code
 * crates/store/re_log_encoding/src/rrd/frames.rs} (0.36.2).
 *
 * @param version writer version
 * @param compressionFlag header compression byte (0 or 1)
 */
public record StreamHeader(RrdVersion version, int compressionFlag) {
  /** Size of the header in bytes. */
  public static final int SIZE = 12;

  /** The FourCC of current streams. */
  public static final byte[] FOURCC = {'R', 'R', 'F', '2'};

  /** Returns whether {@code b[off..off+4)} is the FourCC {@code RRF2}. */
  public static boolean startsWithFourCc(byte[] b, int off, int len) {
    return len >= 4 && b[off] == 'R' && b[off + 1] == 'R' && b[off + 2] == 'F' && b[off + 3] == '2';
  }

  /**
   * Decodes and validates a header in the order Rerun checks it.
   *
   * @param b buffer holding at least 12 bytes at {@code off}
   * @param streamOffset absolute offset of the header, for error messages
   * @throws RrdFormatException for a bad FourCC, non-zero reserved bytes or an unknown option
   * @throws UnsupportedFeatureException for old FourCCs, the MsgPack serializer, or a version older
   *     than 0.23
   */
  public static StreamHeader decode(byte[] b, int off, String source, long streamOffset)
      throws RrdVideoException {
    if (b[off] == 'R'
        && b[off + 1] == 'R'
        && b[off + 2] == 'F'
        && (b[off + 3] == '0' || b[off + 3] == '1')) {
      throw new UnsupportedFeatureException(
          "old, incompatible .rrd file: FourCC "
              + Hex.fourCc(b, off)
              + " is from Rerun before 0.8 (MsgPack era); expected RRF2",
          source,
          streamOffset);
    }
    if (!startsWithFourCc(b, off, 4)) {
      throw new RrdFormatException(
          "not an .rrd file: expected FourCC RRF2 (52 52 46 32), found " + Hex.fourCc(b, off),
          source,
          streamOffset);
    }
    if (b[off + 10] != 0 || b[off + 11] != 0) {
      throw new RrdFormatException(
          "stream header reserved bytes not zero: expected 00 00, found "
              + Hex.bytes(b, off + 10, 2),
          source,
          streamOffset + 10);
    }
    int compression = b[off + 8] & 0xFF;
    if (compression > 1) {
      throw new RrdFormatException(
          "unknown stream compression: expected 0 (off) or 1 (LZ4), found " + compression,
          source,
          streamOffset + 8);
    }
    int serializer = b[off + 9] & 0xFF;
    if (serializer == 1) {
      throw new UnsupportedFeatureException(
          "old .rrd file: serializer 1 (MsgPack) is not supported; expected 2 (protobuf)",
          source,
          streamOffset + 9);
    }
    if (serializer != 2) {
      throw new RrdFormatException(
          "unknown serializer: expected 2 (protobuf), found " + serializer,
          source,
          streamOffset + 9);
    }
    RrdVersion version = RrdVersion.fromBytes(b, off + 4);
    boolean allZero = b[off + 4] == 0 && b[off + 5] == 0 && b[off + 6] == 0 && b[off + 7] == 0;
    if (allZero || !version.isReadable()) {
      throw new UnsupportedFeatureException(
          "incompatible Rerun version: file written by Rerun "
              + (allZero ? "0.2.0 or older" : version)
              + ", expected "
              + RrdVersion.OLDEST_READABLE
              + " or newer",
          source,
          streamOffset + 4);
    }
    return new StreamHeader(version, compression);
  }

  /** Encodes this header into {@code dst[off..off+12)}. */
  public void encode(byte[] dst, int off) {
    System.arraycopy(FOURCC, 0, dst, off, 4);
    byte[] v = version.toBytes();
    System.arraycopy(v, 0, dst, off + 4, 4);
    dst[off + 8] = (byte) compressionFlag;
    dst[off + 9] = 2;
    dst[off + 10] = 0;
    dst[off + 11] = 0;
  }
}
