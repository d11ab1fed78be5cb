package dev.rrdvideo.media.framing;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.bitstream.Av1SequenceHeader;
import dev.rrdvideo.media.bitstream.H264Sps;
import dev.rrdvideo.media.bitstream.H265Sps;
import dev.rrdvideo.media.bitstream.ObuCursor;
import dev.rrdvideo.media.bitstream.VpxFrameHeader;
import dev.rrdvideo.media.mp4.Av1Config;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.DecoderConfig;
import dev.rrdvideo.media.mp4.HevcConfig;
import dev.rrdvideo.media.mp4.VpConfig;
import dev.rrdvideo.media.mp4.internal.ConfigCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds an MP4 decoder configuration ({@code avcC}, {@code hvcC}, {@code av1C}, {@code vpcC}) and
 * the coded size from the in-band data of a keyframe sample as a {@code VideoStream} carries it:
 * the parameter-set NAL units (H.264/H.265, Annex B), the sequence header OBU (AV1), or the key
 * frame header (VP8/VP9).
 *
 * @param config the configuration record
 * @param width coded width in pixels
 * @param height coded height in pixels
 * @param parameterSets the parameter-set NAL units found (H.264/H.265), in order
 */
public record InBandConfig(
    DecoderConfig config, int width, int height, List<byte[]> parameterSets) {

  /**
   * Reads the configuration from a keyframe sample.
   *
   * @return the configuration, or {@code null} when the sample lacks what is needed (no parseable
   *     SPS and PPS, no sequence header, not a key frame)
   */
  public static InBandConfig fromKeyframe(VideoCodec codec, byte[] b, int off, int len) {
    return switch (codec) {
      case H264 -> h264(b, off, len);
      case H265 -> h265(b, off, len);
      case AV1 -> av1(b, off, len);
      case VP8, VP9 -> vpx(codec, b, off, len);
    };
  }

  /**
   * Returns whether {@code other} found the same parameter-set NAL units, byte for byte and in the
   * same order (H.264/H.265; always true for codecs that have none).
   */
  public boolean sameParameterSets(InBandConfig other) {
    return ConfigCodec.nalListsEqual(parameterSets, other.parameterSets);
  }

  private static InBandConfig h264(byte[] b, int off, int len) {
    List<byte[]> sps = new ArrayList<>();
    List<byte[]> pps = new ArrayList<>();
    List<byte[]> ext = new ArrayList<>();
    AnnexB.Cursor c = new AnnexB.Cursor().reset(b, off, len);
    while (c.next()) {
      if (c.length() < 1) {
        continue;
      }
      int type = AnnexB.h264Type(b, c.start());
      byte[] nal = Arrays.copyOfRange(b, c.start(), c.start() + c.length());
      if (type == 7 && !containsEqual(sps, nal)) {
        sps.add(nal);
      } else if (type == 8 && !containsEqual(pps, nal)) {
        pps.add(nal);
      } else if (type == 13 && !containsEqual(ext, nal)) {
        ext.add(nal);
      }
    }
    if (sps.isEmpty() || pps.isEmpty()) {
      return null;
    }
    H264Sps s = H264Sps.parse(sps.get(0), 0, sps.get(0).length);
    if (s == null || !fitsRecord(sps, 31) || !fitsRecord(pps, 255) || !fitsRecord(ext, 255)) {
      return null; // not describable by an avcC record
    }
    AvcConfig.HighProfileExtension high = null;
    int p = s.profileIdc();
    if (p == 100 || p == 110 || p == 122 || p == 144) {
      high =
          new AvcConfig.HighProfileExtension(
              s.chromaFormatIdc(), s.bitDepthLuma() - 8, s.bitDepthChroma() - 8, ext);
    }
    AvcConfig cfg = new AvcConfig(1, p, s.constraintFlags(), s.levelIdc(), 3, sps, pps, high);
    List<byte[]> all = new ArrayList<>(sps);
    all.addAll(pps);
    all.addAll(ext);
    return new InBandConfig(cfg, s.width(), s.height(), all);
  }

  private static InBandConfig h265(byte[] b, int off, int len) {
    List<byte[]> vps = new ArrayList<>();
    List<byte[]> sps = new ArrayList<>();
    List<byte[]> pps = new ArrayList<>();
    AnnexB.Cursor c = new AnnexB.Cursor().reset(b, off, len);
    while (c.next()) {
      if (c.length() < 2) {
        continue;
      }
      int type = AnnexB.h265Type(b, c.start());
      byte[] nal = Arrays.copyOfRange(b, c.start(), c.start() + c.length());
      if (type == 32 && !containsEqual(vps, nal)) {
        vps.add(nal);
      } else if (type == 33 && !containsEqual(sps, nal)) {
        sps.add(nal);
      } else if (type == 34 && !containsEqual(pps, nal)) {
        pps.add(nal);
      }
    }
    if (vps.isEmpty() || sps.isEmpty() || pps.isEmpty()) {
      return null;
    }
    H265Sps s = H265Sps.parse(sps.get(0), 0, sps.get(0).length);
    if (s == null
        || !fitsRecord(vps, 0xFFFF)
        || !fitsRecord(sps, 0xFFFF)
        || !fitsRecord(pps, 0xFFFF)
        || s.bitDepthLuma() - 8 > 7
        || s.bitDepthChroma() - 8 > 7
        || s.maxSubLayers() > 7) {
      return null; // not describable by an hvcC record (3-bit fields, 16-bit counts and lengths)
    }
    List<HevcConfig.NalArray> arrays =
        List.of(
            new HevcConfig.NalArray(true, 32, vps),
            new HevcConfig.NalArray(true, 33, sps),
            new HevcConfig.NalArray(true, 34, pps));
    HevcConfig cfg =
        new HevcConfig(
            1,
            s.generalProfileSpace(),
            s.generalTierFlag(),
            s.generalProfileIdc(),
            s.generalProfileCompatibilityFlags(),
            s.generalConstraintIndicatorFlags(),
            s.generalLevelIdc(),
            0,
            0,
            s.chromaFormatIdc(),
            s.bitDepthLuma() - 8,
            s.bitDepthChroma() - 8,
            0,
            0,
            s.maxSubLayers(),
            s.temporalIdNesting(),
            3,
            arrays);
    List<byte[]> all = new ArrayList<>(vps);
    all.addAll(sps);
    all.addAll(pps);
    return new InBandConfig(cfg, s.width(), s.height(), all);
  }

  private static InBandConfig av1(byte[] b, int off, int len) {
    ObuCursor c = new ObuCursor().reset(b, off, len);
    while (c.next()) {
      if (!c.sized()) {
        return null;
      }
      if (c.type() == ObuCursor.SEQUENCE_HEADER) {
        Av1SequenceHeader sh = Av1SequenceHeader.parse(b, c.payloadStart(), c.payloadSize());
        if (sh == null) {
          return null;
        }
        // configOBUs: the sequence header OBU exactly as in the stream (with its size field)
        byte[] obu = Arrays.copyOfRange(b, c.start(), c.payloadEnd());
        Av1Config cfg =
            new Av1Config(
                1,
                sh.seqProfile(),
                sh.seqLevelIdx0(),
                sh.seqTier0(),
                sh.highBitdepth(),
                sh.twelveBit(),
                sh.monochrome(),
                sh.subsamplingX(),
                sh.subsamplingY(),
                sh.chromaSamplePosition(),
                false,
                0,
                obu);
        return new InBandConfig(cfg, sh.maxFrameWidth(), sh.maxFrameHeight(), List.of());
      }
    }
    return null;
  }

  private static InBandConfig vpx(VideoCodec codec, byte[] b, int off, int len) {
    VpxFrameHeader h =
        codec == VideoCodec.VP8 ? VpxFrameHeader.vp8(b, off, len) : VpxFrameHeader.vp9(b, off, len);
    if (h == null || !h.keyframe()) {
      return null;
    }
    int subsampling;
    if (h.subsamplingX() == 1 && h.subsamplingY() == 1) {
      subsampling = 0; // 4:2:0 (chroma position not signalled by the bitstream)
    } else if (h.subsamplingX() == 1) {
      subsampling = 2;
    } else {
      subsampling = 3;
    }
    int matrix =
        switch (h.colorSpace()) {
          case 1, 3 -> 6; // BT.601 / SMPTE 170
          case 2 -> 1; // BT.709
          case 4 -> 7; // SMPTE 240
          case 5 -> 9; // BT.2020 non-constant
          case 7 -> 0; // RGB
          default -> 2; // unspecified
        };
    int level = codec == VideoCodec.VP9 ? vp9Level((long) h.width() * h.height()) : 0;
    VpConfig cfg =
        new VpConfig(
            0,
            h.profile(),
            level,
            h.bitDepth(),
            subsampling,
            h.fullRange(),
            2,
            2,
            matrix,
            new byte[0]);
    return new InBandConfig(cfg, h.width(), h.height(), List.of());
  }

  /**
   * Returns the lowest VP9 level whose maximum picture size holds {@code lumaSamples} (VP9 levels
   * table; the sample rate limit is not checked because the frame rate is not known here).
   */
  static int vp9Level(long lumaSamples) {
    long[][] table = {
      {10, 36_864},
      {11, 73_728},
      {20, 122_880},
      {21, 245_760},
      {30, 552_960},
      {31, 983_040},
      {40, 2_228_224},
      {50, 8_912_896},
      {60, 35_651_584}
    };
    for (long[] row : table) {
      if (lumaSamples <= row[1]) {
        return (int) row[0];
      }
    }
    return 62;
  }

  /** Whether a record can list these NAL units: at most {@code maxCount}, each < 64 KiB. */
  private static boolean fitsRecord(List<byte[]> nals, int maxCount) {
    if (nals.size() > maxCount) {
      return false;
    }
    for (byte[] n : nals) {
      if (n.length > 0xFFFF) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsEqual(List<byte[]> list, byte[] nal) {
    for (byte[] x : list) {
      if (Arrays.equals(x, nal)) {
        return true;
      }
    }
    return false;
  }
}
