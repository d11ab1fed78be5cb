package dev.rrdvideo.media.mp4;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.mp4.internal.ConfigCodec;
import java.util.List;
import java.util.Objects;

/**
 * An H.265 {@code HEVCDecoderConfigurationRecord}, the payload of an {@code hvcC} box (ISO/IEC
 * 14496-15, 8.3.3.1).
 *
 * <pre>
 * bits   field
 *  8     configurationVersion (1)
 *  2+1+5 general_profile_space, general_tier_flag, general_profile_idc
 *  32    general_profile_compatibility_flags
 *  48    general_constraint_indicator_flags
 *  8     general_level_idc
 *  4+12  reserved '1111', min_spatial_segmentation_idc
 *  6+2   reserved '111111', parallelismType
 *  6+2   reserved '111111', chromaFormat (chroma_format_idc)
 *  5+3   reserved '11111', bitDepthLumaMinus8
 *  5+3   reserved '11111', bitDepthChromaMinus8
 *  16    avgFrameRate
 *  2+3+1+2 constantFrameRate, numTemporalLayers, temporalIdNested, lengthSizeMinusOne
 *  8     numOfArrays
 *        { 1+1+6 array_completeness, reserved 0, NAL_unit_type
 *          16 numNalus { 16 nalUnitLength, NAL unit } }
 * </pre>
 *
 * @param configurationVersion configurationVersion, 1 in every known file
 * @param generalProfileSpace general_profile_space (0..3)
 * @param generalTierFlag general_tier_flag
 * @param generalProfileIdc general_profile_idc (0..31)
 * @param generalProfileCompatibilityFlags the 32 compatibility flags, bit 31 = flag 0
 * @param generalConstraintIndicatorFlags the 48 constraint indicator bits, right-aligned
 * @param generalLevelIdc general_level_idc
 * @param minSpatialSegmentationIdc min_spatial_segmentation_idc (0..4095)
 * @param parallelismType parallelismType (0..3)
 * @param chromaFormatIdc chroma_format_idc (0..3)
 * @param bitDepthLumaMinus8 bit depth of luma minus 8 (0..7)
 * @param bitDepthChromaMinus8 bit depth of chroma minus 8 (0..7)
 * @param avgFrameRate average frame rate in frames per 256 seconds, 0 = unspecified
 * @param constantFrameRate constantFrameRate (0..3)
 * @param numTemporalLayers numTemporalLayers (0..7)
 * @param temporalIdNested temporalIdNested
 * @param lengthSizeMinusOne size of the NAL length prefix in samples, minus one (0, 1 or 3)
 * @param arrays the NAL unit arrays (VPS, SPS, PPS, SEI, ...), in file order
 */
public record HevcConfig(
    int configurationVersion,
    int generalProfileSpace,
    boolean generalTierFlag,
    int generalProfileIdc,
    int generalProfileCompatibilityFlags,
    long generalConstraintIndicatorFlags,
    int generalLevelIdc,
    int minSpatialSegmentationIdc,
    int parallelismType,
    int chromaFormatIdc,
    int bitDepthLumaMinus8,
    int bitDepthChromaMinus8,
    int avgFrameRate,
    int constantFrameRate,
    int numTemporalLayers,
    boolean temporalIdNested,
    int lengthSizeMinusOne,
    List<NalArray> arrays)
    implements DecoderConfig {

  /** NAL unit type of a video parameter set. */
  public static final int NAL_VPS = 32;

  /** NAL unit type of a sequence parameter set. */
  public static final int NAL_SPS = 33;

  /** NAL unit type of a picture parameter set. */
  public static final int NAL_PPS = 34;

  /** Validates ranges and copies the list. */
  public HevcConfig {
    ConfigCodec.checkRange("configurationVersion", configurationVersion, 0, 255);
    ConfigCodec.checkRange("generalProfileSpace", generalProfileSpace, 0, 3);
    ConfigCodec.checkRange("generalProfileIdc", generalProfileIdc, 0, 31);
    if (generalConstraintIndicatorFlags < 0 || generalConstraintIndicatorFlags >= 1L << 48) {
      throw new IllegalArgumentException(
          "generalConstraintIndicatorFlags must fit in 48 bits, was 0x"
              + Long.toHexString(generalConstraintIndicatorFlags));
    }
    ConfigCodec.checkRange("generalLevelIdc", generalLevelIdc, 0, 255);
    ConfigCodec.checkRange("minSpatialSegmentationIdc", minSpatialSegmentationIdc, 0, 4095);
    ConfigCodec.checkRange("parallelismType", parallelismType, 0, 3);
    ConfigCodec.checkRange("chromaFormatIdc", chromaFormatIdc, 0, 3);
    ConfigCodec.checkRange("bitDepthLumaMinus8", bitDepthLumaMinus8, 0, 7);
    ConfigCodec.checkRange("bitDepthChromaMinus8", bitDepthChromaMinus8, 0, 7);
    ConfigCodec.checkRange("avgFrameRate", avgFrameRate, 0, 0xFFFF);
    ConfigCodec.checkRange("constantFrameRate", constantFrameRate, 0, 3);
    ConfigCodec.checkRange("numTemporalLayers", numTemporalLayers, 0, 7);
    ConfigCodec.checkRange("lengthSizeMinusOne", lengthSizeMinusOne, 0, 3);
    Objects.requireNonNull(arrays, "arrays is null");
    if (arrays.size() > 255) {
      throw new IllegalArgumentException("at most 255 NAL arrays, was " + arrays.size());
    }
    arrays = List.copyOf(arrays);
  }

  /**
   * Parses an {@code hvcC} payload.
   *
   * @throws Mp4FormatException if it is truncated or a count or length overruns it (the offset is
   *     relative to the payload)
   */
  public static HevcConfig parse(byte[] boxPayload) throws Mp4FormatException {
    return ConfigCodec.parseHevc(ConfigCodec.payload(boxPayload, "hvcC"));
  }

  /** Returns {@code hvcC}. */
  @Override
  public String boxType() {
    return "hvcC";
  }

  @Override
  public byte[] toBytes() {
    return ConfigCodec.writeHevc(this);
  }

  /** Returns the NAL length prefix size in bytes (1, 2 or 4). */
  public int nalLengthSizeBytes() {
    return lengthSizeMinusOne + 1;
  }

  /**
   * Returns copies of all NAL units of the given type from all arrays, in order (e.g. {@link
   * #NAL_SPS}).
   */
  public List<byte[]> nalUnits(int nalUnitType) {
    java.util.ArrayList<byte[]> out = new java.util.ArrayList<>();
    for (NalArray a : arrays) {
      if (a.nalUnitType() == nalUnitType) {
        out.addAll(a.nalUnits());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("HevcConfig[profile=");
    sb.append(generalProfileIdc).append(generalTierFlag ? ", tier=high" : ", tier=main");
    sb.append(", level=").append(generalLevelIdc).append(", chroma=").append(chromaFormatIdc);
    sb.append(", bitDepth=").append(bitDepthLumaMinus8 + 8).append('/');
    sb.append(bitDepthChromaMinus8 + 8).append(", nalLengthSize=").append(lengthSizeMinusOne + 1);
    sb.append(", arrays=").append(arrays).append(']');
    return sb.toString();
  }

  /**
   * One array of NAL units of a single type in an {@code hvcC} record.
   *
   * @param arrayCompleteness whether all NAL units of this type are in the array (none in band)
   * @param nalUnitType NAL unit type (0..63), e.g. 32 VPS, 33 SPS, 34 PPS, 39/40 SEI
   * @param nalUnits the NAL units (with their 2-byte NAL header, without start code)
   */
  public record NalArray(boolean arrayCompleteness, int nalUnitType, List<byte[]> nalUnits) {

    /** Validates ranges and copies the list and arrays. */
    public NalArray {
      ConfigCodec.checkRange("nalUnitType", nalUnitType, 0, 63);
      nalUnits = ConfigCodec.copyNalList(nalUnits, 0xFFFF, "NAL unit");
    }

    /** Returns the NAL units as copies. */
    @Override
    public List<byte[]> nalUnits() {
      return ConfigCodec.copyOut(nalUnits);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NalArray a
          && arrayCompleteness == a.arrayCompleteness
          && nalUnitType == a.nalUnitType
          && ConfigCodec.nalListsEqual(nalUnits, a.nalUnits);
    }

    @Override
    public int hashCode() {
      return Objects.hash(arrayCompleteness, nalUnitType, ConfigCodec.nalListHash(nalUnits));
    }

    @Override
    public String toString() {
      return "NalArray[type="
          + nalUnitType
          + (arrayCompleteness ? ", complete" : "")
          + ", sizes="
          + ConfigCodec.sizes(nalUnits)
          + "]";
    }
  }
}
