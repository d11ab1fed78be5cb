package dev.rrdvideo.media.mp4.internal;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.mp4.Av1Config;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.DecoderConfig;
import dev.rrdvideo.media.mp4.HevcConfig;
import dev.rrdvideo.media.mp4.VpConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Parsing and writing of the codec configuration records ({@code avcC}, {@code hvcC}, {@code av1C},
 * {@code vpcC}) and the value helpers their records share. The byte layouts are in the Javadoc of
 * the public record types.
 */
public final class ConfigCodec {
  private ConfigCodec() {}

  /** Returns a cursor over a detached payload (offsets relative to the payload). */
  public static BoxPayload payload(byte[] boxPayload, String boxType) {
    Objects.requireNonNull(boxPayload, "boxPayload is null");
    return new BoxPayload(boxPayload, 0, boxPayload.length, 0, null, boxType);
  }

  /** Parses a configuration box payload of the given type. */
  public static DecoderConfig parse(int boxType, BoxPayload p) throws Mp4FormatException {
    if (boxType == Fourcc.AVCC) {
      return parseAvc(p);
    } else if (boxType == Fourcc.HVCC) {
      return parseHevc(p);
    } else if (boxType == Fourcc.AV1C) {
      return parseAv1(p);
    } else if (boxType == Fourcc.VPCC) {
      return parseVp(p);
    }
    throw new IllegalArgumentException(
        "not a decoder configuration box: " + Fourcc.toString(boxType));
  }

  // ---------------------------------------------------------------- avcC

  /** Parses an avcC payload; see {@link AvcConfig}. */
  public static AvcConfig parseAvc(BoxPayload p) throws Mp4FormatException {
    int version = p.u8("avcC configurationVersion");
    int profile = p.u8("avcC AVCProfileIndication");
    int compat = p.u8("avcC profile_compatibility");
    int level = p.u8("avcC AVCLevelIndication");
    long lengthAt = p.absPosition();
    int lengthSizeMinusOne = p.u8("avcC lengthSizeMinusOne") & 0x3;
    checkLengthSize(p, lengthAt, "avcC", lengthSizeMinusOne);
    int numSps = p.u8("avcC numOfSequenceParameterSets") & 0x1F;
    List<byte[]> sps = readNalList(p, numSps, "avcC sequenceParameterSet");
    int numPps = p.u8("avcC numOfPictureParameterSets");
    List<byte[]> pps = readNalList(p, numPps, "avcC pictureParameterSet");
    AvcConfig.HighProfileExtension ext = null;
    // The trailer is defined for profiles 100, 110, 122 and 144; some writers add it to other
    // profiles too, so it is read whenever bytes remain (and written back as found).
    if (p.remaining() > 0) {
      int chroma = p.u8("avcC chroma_format") & 0x3;
      int luma = p.u8("avcC bit_depth_luma_minus8") & 0x7;
      int chromaDepth = p.u8("avcC bit_depth_chroma_minus8") & 0x7;
      int numExt = p.u8("avcC numOfSequenceParameterSetExt");
      List<byte[]> spsExt = readNalList(p, numExt, "avcC sequenceParameterSetExt");
      ext = new AvcConfig.HighProfileExtension(chroma, luma, chromaDepth, spsExt);
    }
    if (p.remaining() > 0) {
      throw p.error(
          "end of avcC record: expected no more bytes, found " + p.remaining() + " extra bytes");
    }
    return new AvcConfig(version, profile, compat, level, lengthSizeMinusOne, sps, pps, ext);
  }

  /** Returns whether the avcC record of this profile may carry the chroma/bit-depth trailer. */
  public static boolean hasHighProfileTrailer(int profileIdc) {
    return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
  }

  /** Writes an avcC payload. */
  public static byte[] writeAvc(AvcConfig c) {
    ByteWriter w = new ByteWriter(64);
    w.u8(c.configurationVersion());
    w.u8(c.profileIndication());
    w.u8(c.profileCompatibility());
    w.u8(c.levelIndication());
    w.u8(0xFC | c.lengthSizeMinusOne());
    List<byte[]> sps = c.sequenceParameterSets();
    w.u8(0xE0 | sps.size());
    writeNalList(w, sps);
    List<byte[]> pps = c.pictureParameterSets();
    w.u8(pps.size());
    writeNalList(w, pps);
    AvcConfig.HighProfileExtension e = c.highProfileExtension();
    if (e != null) {
      w.u8(0xFC | e.chromaFormat());
      w.u8(0xF8 | e.bitDepthLumaMinus8());
      w.u8(0xF8 | e.bitDepthChromaMinus8());
      List<byte[]> ext = e.sequenceParameterSetExts();
      w.u8(ext.size());
      writeNalList(w, ext);
    }
    return w.toByteArray();
  }

  // ---------------------------------------------------------------- hvcC

  /** Parses an hvcC payload; see {@link HevcConfig}. */
  public static HevcConfig parseHevc(BoxPayload p) throws Mp4FormatException {
    int version = p.u8("hvcC configurationVersion");
    int b = p.u8("hvcC general_profile_space/tier/profile_idc");
    int compat = p.i32("hvcC general_profile_compatibility_flags");
    long constraint = ((long) p.u16("hvcC general_constraint_indicator_flags") << 32);
    constraint |= p.u32("hvcC general_constraint_indicator_flags");
    int level = p.u8("hvcC general_level_idc");
    int minSpatial = p.u16("hvcC min_spatial_segmentation_idc") & 0x0FFF;
    int parallelism = p.u8("hvcC parallelismType") & 0x3;
    int chroma = p.u8("hvcC chromaFormat") & 0x3;
    int luma = p.u8("hvcC bitDepthLumaMinus8") & 0x7;
    int chromaDepth = p.u8("hvcC bitDepthChromaMinus8") & 0x7;
    int avgFrameRate = p.u16("hvcC avgFrameRate");
    long lengthAt = p.absPosition();
    int c = p.u8("hvcC constantFrameRate/numTemporalLayers/temporalIdNested/lengthSizeMinusOne");
    checkLengthSize(p, lengthAt, "hvcC", c & 0x3);
    int numArrays = p.u8("hvcC numOfArrays");
    List<HevcConfig.NalArray> arrays = new ArrayList<>(numArrays);
    for (int i = 0; i < numArrays; i++) {
      int h = p.u8("hvcC array header");
      int numNalus = p.u16("hvcC numNalus");
      // Each NAL unit needs at least its 2-byte length: check before building the list.
      if ((long) numNalus * 2 > p.remaining()) {
        throw p.error(
            "hvcC numNalus: expected at most "
                + p.remaining() / 2
                + " NAL units in the rest of the record, found "
                + numNalus);
      }
      List<byte[]> nalus = readNalList(p, numNalus, "hvcC nalUnit");
      arrays.add(new HevcConfig.NalArray((h & 0x80) != 0, h & 0x3F, nalus));
    }
    if (p.remaining() > 0) {
      throw p.error(
          "end of hvcC record: expected no more bytes, found " + p.remaining() + " extra bytes");
    }
    return new HevcConfig(
        version,
        (b >>> 6) & 0x3,
        (b & 0x20) != 0,
        b & 0x1F,
        compat,
        constraint,
        level,
        minSpatial,
        parallelism,
        chroma,
        luma,
        chromaDepth,
        avgFrameRate,
        (c >>> 6) & 0x3,
        (c >>> 3) & 0x7,
        (c & 0x4) != 0,
        c & 0x3,
        arrays);
  }

  /** Writes an hvcC payload. */
  public static byte[] writeHevc(HevcConfig c) {
    ByteWriter w = new ByteWriter(128);
    w.u8(c.configurationVersion());
    w.u8((c.generalProfileSpace() << 6) | (c.generalTierFlag() ? 0x20 : 0) | c.generalProfileIdc());
    w.u32(c.generalProfileCompatibilityFlags());
    w.u16((int) (c.generalConstraintIndicatorFlags() >>> 32));
    w.u32((int) c.generalConstraintIndicatorFlags());
    w.u8(c.generalLevelIdc());
    w.u16(0xF000 | c.minSpatialSegmentationIdc());
    w.u8(0xFC | c.parallelismType());
    w.u8(0xFC | c.chromaFormatIdc());
    w.u8(0xF8 | c.bitDepthLumaMinus8());
    w.u8(0xF8 | c.bitDepthChromaMinus8());
    w.u16(c.avgFrameRate());
    w.u8(
        (c.constantFrameRate() << 6)
            | (c.numTemporalLayers() << 3)
            | (c.temporalIdNested() ? 0x4 : 0)
            | c.lengthSizeMinusOne());
    w.u8(c.arrays().size());
    for (HevcConfig.NalArray a : c.arrays()) {
      w.u8((a.arrayCompleteness() ? 0x80 : 0) | a.nalUnitType());
      List<byte[]> nalus = a.nalUnits();
      w.u16(nalus.size());
      writeNalList(w, nalus);
    }
    return w.toByteArray();
  }

  // ---------------------------------------------------------------- av1C

  /** Parses an av1C payload; see {@link Av1Config}. */
  public static Av1Config parseAv1(BoxPayload p) throws Mp4FormatException {
    long at = p.absPosition();
    int b0 = p.u8("av1C marker/version");
    if ((b0 & 0x80) == 0) {
      throw p.errorAt(at, "av1C marker bit: expected 1, found 0 (byte 0x" + hex2(b0) + ")");
    }
    int version = b0 & 0x7F;
    if (version != 1) {
      throw p.errorAt(at, "av1C version: expected 1, found " + version);
    }
    int b1 = p.u8("av1C seq_profile/seq_level_idx_0");
    int b2 = p.u8("av1C seq_tier_0/flags");
    int b3 = p.u8("av1C initial_presentation_delay");
    boolean delayPresent = (b3 & 0x10) != 0;
    byte[] obus = p.rest();
    return new Av1Config(
        version,
        b1 >>> 5,
        b1 & 0x1F,
        (b2 >>> 7) & 1,
        (b2 & 0x40) != 0,
        (b2 & 0x20) != 0,
        (b2 & 0x10) != 0,
        (b2 >>> 3) & 1,
        (b2 >>> 2) & 1,
        b2 & 0x3,
        delayPresent,
        delayPresent ? b3 & 0xF : 0,
        obus);
  }

  /** Writes an av1C payload. */
  public static byte[] writeAv1(Av1Config c) {
    byte[] obus = c.configObus();
    ByteWriter w = new ByteWriter(4 + obus.length);
    w.u8(0x80 | c.version());
    w.u8((c.seqProfile() << 5) | c.seqLevelIdx0());
    w.u8(
        (c.seqTier0() << 7)
            | (c.highBitdepth() ? 0x40 : 0)
            | (c.twelveBit() ? 0x20 : 0)
            | (c.monochrome() ? 0x10 : 0)
            | (c.chromaSubsamplingX() << 3)
            | (c.chromaSubsamplingY() << 2)
            | c.chromaSamplePosition());
    w.u8(c.initialPresentationDelayPresent() ? 0x10 | c.initialPresentationDelayMinusOne() : 0);
    w.bytes(obus);
    return w.toByteArray();
  }

  // ---------------------------------------------------------------- vpcC

  /** Parses a vpcC payload (FullBox header included); see {@link VpConfig}. */
  public static VpConfig parseVp(BoxPayload p) throws Mp4FormatException {
    long at = p.absPosition();
    int vf = p.versionAndFlags("vpcC");
    int version = vf >>> 24;
    if (version != 1) {
      throw p.errorAt(at, "vpcC version: expected 1, found " + version);
    }
    int profile = p.u8("vpcC profile");
    int level = p.u8("vpcC level");
    int b = p.u8("vpcC bitDepth/chromaSubsampling/videoFullRangeFlag");
    int primaries = p.u8("vpcC colourPrimaries");
    int transfer = p.u8("vpcC transferCharacteristics");
    int matrix = p.u8("vpcC matrixCoefficients");
    int initSize = p.u16("vpcC codecInitializationDataSize");
    byte[] init = p.bytes(initSize, "vpcC codecInitializationData");
    if (p.remaining() > 0) {
      throw p.error(
          "end of vpcC record: expected no more bytes, found " + p.remaining() + " extra bytes");
    }
    return new VpConfig(
        vf & 0xFF_FFFF,
        profile,
        level,
        b >>> 4,
        (b >>> 1) & 0x7,
        (b & 1) != 0,
        primaries,
        transfer,
        matrix,
        init);
  }

  /** Writes a vpcC payload (FullBox header included). */
  public static byte[] writeVp(VpConfig c) {
    byte[] init = c.codecInitializationData();
    ByteWriter w = new ByteWriter(12 + init.length);
    w.u32((1 << 24) | c.flags());
    w.u8(c.profile());
    w.u8(c.level());
    w.u8((c.bitDepth() << 4) | (c.chromaSubsampling() << 1) | (c.videoFullRangeFlag() ? 1 : 0));
    w.u8(c.colourPrimaries());
    w.u8(c.transferCharacteristics());
    w.u8(c.matrixCoefficients());
    w.u16(init.length);
    w.bytes(init);
    return w.toByteArray();
  }

  // ---------------------------------------------------------------- shared helpers

  /**
   * NAL length prefixes are 1, 2 or 4 bytes (ISO/IEC 14496-15): lengthSizeMinusOne 2 is invalid.
   */
  private static void checkLengthSize(BoxPayload p, long at, String box, int lengthSizeMinusOne)
      throws Mp4FormatException {
    if (lengthSizeMinusOne == 2) {
      throw p.errorAt(
          at,
          box
              + " lengthSizeMinusOne: expected 0, 1 or 3 (NAL length prefixes of 1, 2 or 4 bytes),"
              + " found 2 (3-byte prefixes)");
    }
  }

  private static List<byte[]> readNalList(BoxPayload p, int count, String what)
      throws Mp4FormatException {
    List<byte[]> out = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      int len = p.u16(what + " length");
      out.add(p.bytes(len, what));
    }
    return out;
  }

  private static void writeNalList(ByteWriter w, List<byte[]> nalus) {
    for (byte[] n : nalus) {
      w.u16(n.length);
      w.bytes(n);
    }
  }

  private static String hex2(int b) {
    return String.format("%02x", b);
  }

  /** Throws {@link IllegalArgumentException} unless {@code min <= value <= max}. */
  public static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", was " + value);
    }
  }

  /** Copies a list of NAL units (each copied) after checking count and lengths. */
  public static List<byte[]> copyNalList(List<byte[]> list, int maxCount, String what) {
    Objects.requireNonNull(list, what + " list is null");
    if (list.size() > maxCount) {
      throw new IllegalArgumentException(
          "at most " + maxCount + " " + what + " units, was " + list.size());
    }
    List<byte[]> out = new ArrayList<>(list.size());
    for (byte[] b : list) {
      Objects.requireNonNull(b, what + " is null");
      if (b.length > 0xFFFF) {
        throw new IllegalArgumentException(what + " is limited to 65535 bytes, was " + b.length);
      }
      out.add(b.clone());
    }
    return Collections.unmodifiableList(out);
  }

  /** Returns an unmodifiable list of copies. */
  public static List<byte[]> copyOut(List<byte[]> list) {
    List<byte[]> out = new ArrayList<>(list.size());
    for (byte[] b : list) {
      out.add(b.clone());
    }
    return Collections.unmodifiableList(out);
  }

  /** Compares two lists of byte arrays by content. */
  public static boolean nalListsEqual(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Hashes a list of byte arrays by content. */
  public static int nalListHash(List<byte[]> list) {
    int h = 1;
    for (byte[] b : list) {
      h = 31 * h + Arrays.hashCode(b);
    }
    return h;
  }

  /** Returns the sizes of the arrays, e.g. {@code [25, 4]}. */
  public static String sizes(List<byte[]> list) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(list.get(i).length);
    }
    return sb.append(']').toString();
  }
}
