package dev.rrdvideo.media.mp4;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.mp4.internal.ConfigCodec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@code VPCodecConfigurationRecord} (version 1), the payload of a {@code vpcC} box for VP8 and
 * VP9 ("VP Codec ISO Media File Format Binding", section 2.2). The same record serves {@code vp08}
 * and {@code vp09} sample entries, so it does not name the codec.
 *
 * <pre>
 * bits  field
 *  8+24 FullBox version (1), flags (0)
 *  8    profile
 *  8    level
 *  4+3+1 bitDepth, chromaSubsampling, videoFullRangeFlag
 *  8    colourPrimaries
 *  8    transferCharacteristics
 *  8    matrixCoefficients
 *  16   codecInitializationDataSize (0 for VP8 and VP9)
 *  ...  codecInitializationData
 * </pre>
 *
 * <p>The payload includes the 4-byte FullBox version and flags. Version 0 (an earlier draft with a
 * different layout) is rejected.
 *
 * @param flags the 24 FullBox flag bits (0)
 * @param profile the codec profile (0..3 for VP9)
 * @param level the level, e.g. 10 for level 1, 31 for level 3.1
 * @param bitDepth 8, 10 or 12 (0..15)
 * @param chromaSubsampling 0 = 4:2:0 vertical, 1 = 4:2:0 colocated, 2 = 4:2:2, 3 = 4:4:4 (0..7)
 * @param videoFullRangeFlag whether the video uses the full range
 * @param colourPrimaries ISO/IEC 23091-2 ColourPrimaries (1 = BT.709, 2 = unspecified)
 * @param transferCharacteristics ISO/IEC 23091-2 TransferCharacteristics
 * @param matrixCoefficients ISO/IEC 23091-2 MatrixCoefficients
 * @param codecInitializationData codec initialization data, empty for VP8 and VP9
 */
public record VpConfig(
    int flags,
    int profile,
    int level,
    int bitDepth,
    int chromaSubsampling,
    boolean videoFullRangeFlag,
    int colourPrimaries,
    int transferCharacteristics,
    int matrixCoefficients,
    byte[] codecInitializationData)
    implements DecoderConfig {

  /** Validates ranges and copies the array. */
  public VpConfig {
    ConfigCodec.checkRange("flags", flags, 0, 0xFF_FFFF);
    ConfigCodec.checkRange("profile", profile, 0, 255);
    ConfigCodec.checkRange("level", level, 0, 255);
    ConfigCodec.checkRange("bitDepth", bitDepth, 0, 15);
    ConfigCodec.checkRange("chromaSubsampling", chromaSubsampling, 0, 7);
    ConfigCodec.checkRange("colourPrimaries", colourPrimaries, 0, 255);
    ConfigCodec.checkRange("transferCharacteristics", transferCharacteristics, 0, 255);
    ConfigCodec.checkRange("matrixCoefficients", matrixCoefficients, 0, 255);
    Objects.requireNonNull(codecInitializationData, "codecInitializationData is null");
    if (codecInitializationData.length > 0xFFFF) {
      throw new IllegalArgumentException(
          "codecInitializationData is limited to 65535 bytes, was "
              + codecInitializationData.length);
    }
    codecInitializationData = codecInitializationData.clone();
  }

  /**
   * Parses a {@code vpcC} payload (FullBox version and flags included).
   *
   * @throws Mp4FormatException if it is truncated, its version is not 1 or the initialization data
   *     length overruns it (the offset is relative to the payload)
   */
  public static VpConfig parse(byte[] boxPayload) throws Mp4FormatException {
    return ConfigCodec.parseVp(ConfigCodec.payload(boxPayload, "vpcC"));
  }

  /** Returns {@code vpcC}. */
  @Override
  public String boxType() {
    return "vpcC";
  }

  @Override
  public byte[] toBytes() {
    return ConfigCodec.writeVp(this);
  }

  /** Returns a copy of the codec initialization data. */
  @Override
  public byte[] codecInitializationData() {
    return codecInitializationData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VpConfig c
        && flags == c.flags
        && profile == c.profile
        && level == c.level
        && bitDepth == c.bitDepth
        && chromaSubsampling == c.chromaSubsampling
        && videoFullRangeFlag == c.videoFullRangeFlag
        && colourPrimaries == c.colourPrimaries
        && transferCharacteristics == c.transferCharacteristics
        && matrixCoefficients == c.matrixCoefficients
        && Arrays.equals(codecInitializationData, c.codecInitializationData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
                flags,
                profile,
                level,
                bitDepth,
                chromaSubsampling,
                videoFullRangeFlag,
                colourPrimaries,
                transferCharacteristics,
                matrixCoefficients)
            * 31
        + Arrays.hashCode(codecInitializationData);
  }

  @Override
  public String toString() {
    return "VpConfig[profile="
        + profile
        + ", level="
        + level
        + ", bitDepth="
        + bitDepth
        + ", chromaSubsampling="
        + chromaSubsampling
        + (videoFullRangeFlag ? ", fullRange" : "")
        + ", colour="
        + colourPrimaries
        + "/"
        + transferCharacteristics
        + "/"
        + matrixCoefficients
        + "]";
  }
}
