package dev.rrdvideo.media.mp4;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.mp4.internal.ConfigCodec;
import java.util.List;
import java.util.Objects;

/**
 * An H.264 {@code AVCDecoderConfigurationRecord}, the payload of an {@code avcC} box (ISO/IEC
 * 14496-15, 5.3.3.1).
 *
 * <pre>
 * bits  field
 *  8    configurationVersion (1)
 *  8    AVCProfileIndication
 *  8    profile_compatibility
 *  8    AVCLevelIndication
 *  6+2  reserved '111111', lengthSizeMinusOne
 *  3+5  reserved '111', numOfSequenceParameterSets
 *       { 16 sequenceParameterSetLength, SPS NAL unit }
 *  8    numOfPictureParameterSets
 *       { 16 pictureParameterSetLength, PPS NAL unit }
 *  -- only for profiles 100, 110, 122, 144, and only if present: --
 *  6+2  reserved '111111', chroma_format
 *  5+3  reserved '11111', bit_depth_luma_minus8
 *  5+3  reserved '11111', bit_depth_chroma_minus8
 *  8    numOfSequenceParameterSetExt
 *       { 16 sequenceParameterSetExtLength, SPS extension NAL unit }
 * </pre>
 *
 * <p>Many writers omit the trailer for high profiles; {@link #highProfileExtension()} is then
 * {@code null} and {@link #toBytes()} omits it too, so both forms round-trip.
 *
 * @param configurationVersion configurationVersion, 1 in every known file
 * @param profileIndication AVCProfileIndication (profile_idc of the SPS)
 * @param profileCompatibility the constraint-flags byte of the SPS
 * @param levelIndication AVCLevelIndication (level_idc)
 * @param lengthSizeMinusOne size of the NAL length prefix in samples, minus one (0, 1 or 3)
 * @param sequenceParameterSets SPS NAL units (with NAL header, without start code)
 * @param pictureParameterSets PPS NAL units
 * @param highProfileExtension the high-profile trailer, or {@code null} when absent
 */
public record AvcConfig(
    int configurationVersion,
    int profileIndication,
    int profileCompatibility,
    int levelIndication,
    int lengthSizeMinusOne,
    List<byte[]> sequenceParameterSets,
    List<byte[]> pictureParameterSets,
    HighProfileExtension highProfileExtension)
    implements DecoderConfig {

  /** Validates ranges and copies the lists and arrays. */
  public AvcConfig {
    ConfigCodec.checkRange("configurationVersion", configurationVersion, 0, 255);
    ConfigCodec.checkRange("profileIndication", profileIndication, 0, 255);
    ConfigCodec.checkRange("profileCompatibility", profileCompatibility, 0, 255);
    ConfigCodec.checkRange("levelIndication", levelIndication, 0, 255);
    ConfigCodec.checkRange("lengthSizeMinusOne", lengthSizeMinusOne, 0, 3);
    sequenceParameterSets = ConfigCodec.copyNalList(sequenceParameterSets, 31, "SPS");
    pictureParameterSets = ConfigCodec.copyNalList(pictureParameterSets, 255, "PPS");
  }

  /**
   * Parses an {@code avcC} payload.
   *
   * @throws Mp4FormatException if it is truncated or a length field overruns it (the offset is
   *     relative to the payload)
   */
  public static AvcConfig parse(byte[] boxPayload) throws Mp4FormatException {
    return ConfigCodec.parseAvc(ConfigCodec.payload(boxPayload, "avcC"));
  }

  /** Returns {@code avcC}. */
  @Override
  public String boxType() {
    return "avcC";
  }

  @Override
  public byte[] toBytes() {
    return ConfigCodec.writeAvc(this);
  }

  /** Returns the NAL length prefix size in bytes (1, 2 or 4). */
  public int nalLengthSizeBytes() {
    return lengthSizeMinusOne + 1;
  }

  /** Returns the SPS NAL units as copies. */
  @Override
  public List<byte[]> sequenceParameterSets() {
    return ConfigCodec.copyOut(sequenceParameterSets);
  }

  /** Returns the PPS NAL units as copies. */
  @Override
  public List<byte[]> pictureParameterSets() {
    return ConfigCodec.copyOut(pictureParameterSets);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AvcConfig c
        && configurationVersion == c.configurationVersion
        && profileIndication == c.profileIndication
        && profileCompatibility == c.profileCompatibility
        && levelIndication == c.levelIndication
        && lengthSizeMinusOne == c.lengthSizeMinusOne
        && ConfigCodec.nalListsEqual(sequenceParameterSets, c.sequenceParameterSets)
        && ConfigCodec.nalListsEqual(pictureParameterSets, c.pictureParameterSets)
        && Objects.equals(highProfileExtension, c.highProfileExtension);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        configurationVersion,
        profileIndication,
        profileCompatibility,
        levelIndication,
        lengthSizeMinusOne,
        ConfigCodec.nalListHash(sequenceParameterSets),
        ConfigCodec.nalListHash(pictureParameterSets),
        highProfileExtension);
  }

  @Override
  public String toString() {
    return "AvcConfig[profile="
        + profileIndication
        + ", compatibility=0x"
        + Integer.toHexString(profileCompatibility)
        + ", level="
        + levelIndication
        + ", nalLengthSize="
        + (lengthSizeMinusOne + 1)
        + ", sps="
        + ConfigCodec.sizes(sequenceParameterSets)
        + ", pps="
        + ConfigCodec.sizes(pictureParameterSets)
        + (highProfileExtension == null ? "" : ", " + highProfileExtension)
        + "]";
  }

  /**
   * The trailer of an {@code avcC} record for high profiles (100, 110, 122, 144).
   *
   * @param chromaFormat chroma_format_idc (0..3)
   * @param bitDepthLumaMinus8 bit_depth_luma_minus8 (0..7)
   * @param bitDepthChromaMinus8 bit_depth_chroma_minus8 (0..7)
   * @param sequenceParameterSetExts SPS extension NAL units
   */
  public record HighProfileExtension(
      int chromaFormat,
      int bitDepthLumaMinus8,
      int bitDepthChromaMinus8,
      List<byte[]> sequenceParameterSetExts) {

    /** Validates ranges and copies the list. */
    public HighProfileExtension {
      ConfigCodec.checkRange("chromaFormat", chromaFormat, 0, 3);
      ConfigCodec.checkRange("bitDepthLumaMinus8", bitDepthLumaMinus8, 0, 7);
      ConfigCodec.checkRange("bitDepthChromaMinus8", bitDepthChromaMinus8, 0, 7);
      sequenceParameterSetExts =
          ConfigCodec.copyNalList(sequenceParameterSetExts, 255, "SPS extension");
    }

    /** Returns the SPS extension NAL units as copies. */
    @Override
    public List<byte[]> sequenceParameterSetExts() {
      return ConfigCodec.copyOut(sequenceParameterSetExts);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HighProfileExtension e
          && chromaFormat == e.chromaFormat
          && bitDepthLumaMinus8 == e.bitDepthLumaMinus8
          && bitDepthChromaMinus8 == e.bitDepthChromaMinus8
          && ConfigCodec.nalListsEqual(sequenceParameterSetExts, e.sequenceParameterSetExts);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          chromaFormat,
          bitDepthLumaMinus8,
          bitDepthChromaMinus8,
          ConfigCodec.nalListHash(sequenceParameterSetExts));
    }

    @Override
    public String toString() {
      return "chromaFormat="
          + chromaFormat
          + ", bitDepthLuma="
          + (bitDepthLumaMinus8 + 8)
          + ", bitDepthChroma="
          + (bitDepthChromaMinus8 + 8)
          + ", spsExt="
          + ConfigCodec.sizes(sequenceParameterSetExts);
    }
  }
}
