package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.format.video.VideoCodec;
import java.util.Objects;

/**
 * The fields of an IVF file header (see {@link IvfReader} for the layout).
 *
 * @param codec VP8, VP9 or AV1
 * @param width the frame width in pixels (0..65535; 0 when unknown)
 * @param height the frame height in pixels (0..65535; 0 when unknown)
 * @param timebaseDenominator ticks per {@code timebaseNumerator} seconds (1..2^32-1)
 * @param timebaseNumerator seconds per {@code timebaseDenominator} ticks (1..2^32-1)
 * @param frameCount the value of the frame-count field (0..2^32-1; writers that cannot seek back
 *     write what they know up front)
 */
public record IvfHeader(
    VideoCodec codec,
    int width,
    int height,
    long timebaseDenominator,
    long timebaseNumerator,
    long frameCount) {
  /**
   * Checks the fields against what the header can hold.
   *
   * @throws IllegalArgumentException for a codec IVF cannot carry or a value out of its field's
   *     range
   */
  public IvfHeader {
    Objects.requireNonNull(codec, "codec is null");
    if (codec != VideoCodec.VP8 && codec != VideoCodec.VP9 && codec != VideoCodec.AV1) {
      throw new IllegalArgumentException(codec + " cannot be stored in IVF");
    }
    check("width", width, 0, 0xFFFF);
    check("height", height, 0, 0xFFFF);
    check("time base denominator", timebaseDenominator, 1, 0xFFFF_FFFFL);
    check("time base numerator", timebaseNumerator, 1, 0xFFFF_FFFFL);
    check("frame count", frameCount, 0, 0xFFFF_FFFFL);
  }

  private static void check(String what, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          "IVF " + what + " must be in " + min + ".." + max + ", was " + v);
    }
  }

  /** Returns the FourCC of the codec: {@code VP80}, {@code VP90} or {@code AV01}. */
  public String fourcc() {
    return switch (codec) {
      case VP8 -> "VP80";
      case VP9 -> "VP90";
      default -> "AV01";
    };
  }
}
