package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.media.bitstream.internal.BitReader;

/**
 * The fields of an H.265 sequence parameter set that the toolkit needs (ITU-T H.265 7.3.2.2): the
 * general profile, tier and level (for {@code hvcC}), chroma format, bit depths and the picture
 * size after the conformance window.
 *
 * @param generalProfileSpace general_profile_space
 * @param generalTierFlag general_tier_flag
 * @param generalProfileIdc general_profile_idc
 * @param generalProfileCompatibilityFlags the 32 compatibility flags, flag 0 in bit 31
 * @param generalConstraintIndicatorFlags the 48 constraint bits, right-aligned
 * @param generalLevelIdc general_level_idc
 * @param maxSubLayers sps_max_sub_layers_minus1 + 1
 * @param temporalIdNesting sps_temporal_id_nesting_flag
 * @param spsId sps_seq_parameter_set_id
 * @param chromaFormatIdc chroma_format_idc
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param width picture width in pixels after the conformance window
 * @param height picture height in pixels after the conformance window
 * @param separateColourPlane separate_colour_plane_flag
 * @param log2MaxPicOrderCntLsb log2_max_pic_order_cnt_lsb_minus4 + 4 (bits of
 *     slice_pic_order_cnt_lsb in a slice header)
 */
public record H265Sps(
    int generalProfileSpace,
    boolean generalTierFlag,
    int generalProfileIdc,
    int generalProfileCompatibilityFlags,
    long generalConstraintIndicatorFlags,
    int generalLevelIdc,
    int maxSubLayers,
    boolean temporalIdNesting,
    int spsId,
    int chromaFormatIdc,
    int bitDepthLuma,
    int bitDepthChroma,
    int width,
    int height,
    boolean separateColourPlane,
    int log2MaxPicOrderCntLsb) {

  /**
   * Parses an SPS NAL unit ({@code nal[off..off+len)}, starting with its two-byte NAL header).
   *
   * @return the SPS, or {@code null} if it is not completely parseable
   */
  public static H265Sps parse(byte[] nal, int off, int len) {
    if (len < 4 || ((nal[off] >> 1) & 0x3F) != 33) {
      return null;
    }
    BitReader r = new BitReader().reset(nal, off + 2, len - 2, true);
    try {
      r.skip(4); // sps_video_parameter_set_id
      int maxSubLayersMinus1 = r.u(3);
      boolean nesting = r.flag();
      int space = r.u(2);
      boolean tier = r.flag();
      int profile = r.u(5);
      int compat = (int) r.bits(32);
      long constraints = r.bits(48);
      int level = r.u(8);
      boolean[] profilePresent = new boolean[maxSubLayersMinus1];
      boolean[] levelPresent = new boolean[maxSubLayersMinus1];
      for (int i = 0; i < maxSubLayersMinus1; i++) {
        profilePresent[i] = r.flag();
        levelPresent[i] = r.flag();
      }
      if (maxSubLayersMinus1 > 0) {
        r.skip(2 * (8 - maxSubLayersMinus1));
      }
      for (int i = 0; i < maxSubLayersMinus1; i++) {
        if (profilePresent[i]) {
          r.skip(88);
        }
        if (levelPresent[i]) {
          r.skip(8);
        }
      }
      int id = r.ue(15);
      int chroma = r.ue(3);
      boolean separate = chroma == 3 && r.flag();
      long w = r.ue();
      long h = r.ue();
      long left = 0;
      long right = 0;
      long top = 0;
      long bottom = 0;
      if (r.flag()) {
        left = r.ue();
        right = r.ue();
        top = r.ue();
        bottom = r.ue();
      }
      int depthLuma = 8 + r.ue(8);
      int depthChroma = 8 + r.ue(8);
      int log2MaxPocLsb = 4 + r.ue(12);
      int subWidth = chroma == 1 || chroma == 2 ? 2 : 1;
      int subHeight = chroma == 1 ? 2 : 1;
      long cw = w - subWidth * (left + right);
      long ch = h - subHeight * (top + bottom);
      if (cw <= 0 || ch <= 0 || cw > 1 << 16 || ch > 1 << 16) {
        return null;
      }
      return new H265Sps(
          space,
          tier,
          profile,
          compat,
          constraints,
          level,
          maxSubLayersMinus1 + 1,
          nesting,
          id,
          chroma,
          depthLuma,
          depthChroma,
          (int) cw,
          (int) ch,
          separate,
          log2MaxPocLsb);
    } catch (BitReader.EndOfData e) {
      return null;
    }
  }
}
