package dev.rrdvideo.format.video;

import java.util.Locale;

/**
 * The video codecs a Rerun {@code VideoStream} can carry, with their wire values.
 *
 * <p>The wire value of {@code VideoStream:codec} is the big-endian FourCC of the WebCodecs codec
 * prefix, stored as an unsigned 32-bit integer. Note that H.265 is always {@code hev1}, even for
 * {@code hvc1} MP4 tracks (spec: video-data-model.md section 3.2).
 */
public enum VideoCodec {
  /** H.264 / AVC, wire FourCC {@code avc1} (Rerun 0.24+). */
  H264("avc1", "h264"),
  /** H.265 / HEVC, wire FourCC {@code hev1} (Rerun 0.25+). */
  H265("hev1", "h265"),
  /** AV1, wire FourCC {@code av01} (Rerun 0.28+). */
  AV1("av01", "av1"),
  /** VP8, wire FourCC {@code vp08} (Rerun 0.32+). */
  VP8("vp08", "vp8"),
  /** VP9, wire FourCC {@code vp09} (Rerun 0.32+). */
  VP9("vp09", "vp9");

  private final String fourcc;
  private final String shortName;
  private final int wireValue;

  VideoCodec(String fourcc, String shortName) {
    this.fourcc = fourcc;
    this.shortName = shortName;
    this.wireValue =
        (fourcc.charAt(0) << 24)
            | (fourcc.charAt(1) << 16)
            | (fourcc.charAt(2) << 8)
            | fourcc.charAt(3);
  }

  /** Returns the FourCC string written on the wire, e.g. {@code avc1}. */
  public String fourcc() {
    return fourcc;
  }

  /** Returns the short lower-case name used on the command line, e.g. {@code h264}. */
  public String shortName() {
    return shortName;
  }

  /** Returns the value stored in {@code VideoStream:codec} (always positive). */
  public int wireValue() {
    return wireValue;
  }

  /**
   * Returns the codec with the given wire value.
   *
   * @throws IllegalArgumentException if the value is not a known codec
   */
  public static VideoCodec fromWireValue(long value) {
    for (VideoCodec c : values()) {
      if (c.wireValue == value) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown VideoCodec value " + value + " (0x" + Long.toHexString(value) + ")");
  }

  /** Returns whether the value is the wire value of a known codec. */
  public static boolean isKnownWireValue(long value) {
    for (VideoCodec c : values()) {
      if (c.wireValue == value) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses a name such as {@code h264}, {@code H.265}, {@code hevc}, {@code avc1} or {@code av1}.
   *
   * @throws IllegalArgumentException if the name is not recognised
   */
  public static VideoCodec parse(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace(".", "").replace("-", "");
    switch (n) {
      case "h264":
      case "avc":
      case "avc1":
      case "avc3":
        return H264;
      case "h265":
      case "hevc":
      case "hev1":
      case "hvc1":
        return H265;
      case "av1":
      case "av01":
        return AV1;
      case "vp8":
      case "vp08":
        return VP8;
      case "vp9":
      case "vp09":
        return VP9;
      default:
        throw new IllegalArgumentException(
            "unknown codec '" + name + "': expected one of h264, h265, av1, vp8, vp9");
    }
  }
}
