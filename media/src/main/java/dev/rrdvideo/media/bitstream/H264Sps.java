package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.media.bitstream.internal.BitReader;

/**
 * The fields of an H.264 sequence parameter set that the toolkit needs (ITU-T H.264 7.3.2.1.1):
 * profile, constraint flags and level (for {@code avcC}), chroma format and bit depths, and the
 * picture size after cropping.
 *
 * @param profileIdc profile_idc
 * @param constraintFlags the byte holding constraint_set0..5 flags and reserved bits
 * @param levelIdc level_idc
 * @param spsId seq_parameter_set_id
 * @param chromaFormatIdc chroma_format_idc (1 = 4:2:0 when not signalled)
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param width picture width in pixels after cropping
 * @param height picture height in pixels after cropping
 * @param picOrderCntType pic_order_cnt_type
 * @param frameMbsOnly frame_mbs_only_flag
 * @param separateColourPlane separate_colour_plane_flag
 * @param log2MaxFrameNum log2_max_frame_num_minus4 + 4 (bits of frame_num in a slice header)
 * @param log2MaxPicOrderCntLsb log2_max_pic_order_cnt_lsb_minus4 + 4 for picture order count type 0
 *     (bits of pic_order_cnt_lsb in a slice header), else 0
 * @param vui the VUI (Annex E), {@link Vui#ABSENT} when the SPS has none, or {@code null} when it
 *     has one that does not parse or breaks a limit of E.2.1 (the fields above are still valid)
 */
public record H264Sps(
    int profileIdc,
    int constraintFlags,
    int levelIdc,
    int spsId,
    int chromaFormatIdc,
    int bitDepthLuma,
    int bitDepthChroma,
    int width,
    int height,
    int picOrderCntType,
    boolean frameMbsOnly,
    boolean separateColourPlane,
    int log2MaxFrameNum,
    int log2MaxPicOrderCntLsb,
    Vui vui) {

  /**
   * What the VUI parameters (ITU-T H.264 E.1.1) say about the colours. Reading them also checks the
   * counts a decoder allocates by: {@code cpb_cnt_minus1} at most 31 in the HRD parameters, and the
   * bitstream restriction's frame counts at most 16.
   *
   * @param present whether the SPS has VUI parameters
   * @param fullRange {@code video_full_range_flag} (false when not signalled)
   * @param matrixCoefficients {@code matrix_coefficients} (2, unspecified, when not signalled)
   */
  public record Vui(boolean present, boolean fullRange, int matrixCoefficients) {
    /** An SPS without VUI parameters. */
    public static final Vui ABSENT = new Vui(false, false, 2);

    static Vui read(BitReader r) throws BitReader.EndOfData {
      if (r.flag()) { // aspect_ratio_info_present_flag
        if (r.u(8) == 255) { // Extended_SAR
          r.skip(32); // sar_width, sar_height
        }
      }
      if (r.flag()) { // overscan_info_present_flag
        r.skip(1);
      }
      boolean fullRange = false;
      int matrix = 2;
      if (r.flag()) { // video_signal_type_present_flag
        r.skip(3); // video_format
        fullRange = r.flag();
        if (r.flag()) { // colour_description_present_flag
          r.skip(16); // colour_primaries, transfer_characteristics
          matrix = r.u(8);
        }
      }
      if (r.flag()) { // chroma_loc_info_present_flag
        r.ue(5);
        r.ue(5);
      }
      if (r.flag()) { // timing_info_present_flag
        r.skip(32); // num_units_in_tick
        r.skip(32); // time_scale
        r.skip(1); // fixed_frame_rate_flag
      }
      boolean nalHrd = r.flag();
      if (nalHrd) {
        skipHrd(r);
      }
      boolean vclHrd = r.flag();
      if (vclHrd) {
        skipHrd(r);
      }
      if (nalHrd || vclHrd) {
        r.skip(1); // low_delay_hrd_flag
      }
      r.skip(1); // pic_struct_present_flag
      if (r.flag()) { // bitstream_restriction_flag
        r.skip(1); // motion_vectors_over_pic_boundaries_flag
        r.ue(16); // max_bytes_per_pic_denom
        r.ue(16); // max_bits_per_mb_denom
        r.ue(16); // log2_max_mv_length_horizontal
        r.ue(16); // log2_max_mv_length_vertical
        r.ue(16); // max_num_reorder_frames
        r.ue(16); // max_dec_frame_buffering
      }
      return new Vui(true, fullRange, matrix);
    }

    /** hrd_parameters() (E.1.2): at most 32 CPB specifications. */
    private static void skipHrd(BitReader r) throws BitReader.EndOfData {
      int cpbCnt = r.ue(31) + 1;
      r.skip(8); // bit_rate_scale, cpb_size_scale
      for (int i = 0; i < cpbCnt; i++) {
        r.ue(); // bit_rate_value_minus1
        r.ue(); // cpb_size_value_minus1
        r.skip(1); // cbr_flag
      }
      r.skip(20); // four 5-bit delay and offset lengths
    }
  }

  /**
   * Parses an SPS NAL unit ({@code nal[off..off+len)}, starting with its one-byte NAL header).
   *
   * @return the SPS, or {@code null} if it is not completely parseable
   */
  public static H264Sps parse(byte[] nal, int off, int len) {
    if (len < 4 || (nal[off] & 0x1F) != 7) {
      return null;
    }
    BitReader r = new BitReader().reset(nal, off + 1, len - 1, true);
    try {
      int profile = r.u(8);
      int constraints = r.u(8);
      int level = r.u(8);
      int id = r.ue(31);
      int chroma = 1;
      boolean separateColourPlane = false;
      int depthLuma = 8;
      int depthChroma = 8;
      if (profile == 100
          || profile == 110
          || profile == 122
          || profile == 244
          || profile == 44
          || profile == 83
          || profile == 86
          || profile == 118
          || profile == 128
          || profile == 138
          || profile == 139
          || profile == 134
          || profile == 135) {
        chroma = r.ue(3);
        if (chroma == 3) {
          separateColourPlane = r.flag();
        }
        depthLuma = 8 + r.ue(6);
        depthChroma = 8 + r.ue(6);
        r.skip(1); // qpprime_y_zero_transform_bypass_flag
        if (r.flag()) { // seq_scaling_matrix_present_flag
          int lists = chroma != 3 ? 8 : 12;
          for (int i = 0; i < lists; i++) {
            if (r.flag()) {
              skipScalingList(r, i < 6 ? 16 : 64);
            }
          }
        }
      }
      int log2MaxFrameNum = 4 + r.ue(12);
      int pocType = r.ue(2);
      int log2MaxPocLsb = 0;
      if (pocType == 0) {
        log2MaxPocLsb = 4 + r.ue(12);
      } else if (pocType == 1) {
        r.skip(1); // delta_pic_order_always_zero_flag
        r.se(); // offset_for_non_ref_pic
        r.se(); // offset_for_top_to_bottom_field
        int cycle = r.ue(255);
        for (int i = 0; i < cycle; i++) {
          r.se();
        }
      }
      r.ue(64); // max_num_ref_frames
      r.skip(1); // gaps_in_frame_num_value_allowed_flag
      long widthMbs = r.ue(1 << 16) + 1L;
      long heightMapUnits = r.ue(1 << 16) + 1L;
      boolean frameMbsOnly = r.flag();
      if (!frameMbsOnly) {
        r.skip(1); // mb_adaptive_frame_field_flag
      }
      r.skip(1); // direct_8x8_inference_flag
      long cropLeft = 0;
      long cropRight = 0;
      long cropTop = 0;
      long cropBottom = 0;
      if (r.flag()) {
        cropLeft = r.ue();
        cropRight = r.ue();
        cropTop = r.ue();
        cropBottom = r.ue();
      }
      int chromaArrayType = separateColourPlane ? 0 : chroma;
      int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
      int subHeight = chromaArrayType == 1 ? 2 : 1;
      long cropUnitX = chromaArrayType == 0 ? 1 : subWidth;
      long cropUnitY = (chromaArrayType == 0 ? 1 : subHeight) * (frameMbsOnly ? 1 : 2);
      long w = widthMbs * 16 - cropUnitX * (cropLeft + cropRight);
      long h = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
      if (w <= 0 || h <= 0 || w > 1 << 16 || h > 1 << 16) {
        return null;
      }
      Vui vui;
      try {
        vui = r.flag() ? Vui.read(r) : Vui.ABSENT;
      } catch (BitReader.EndOfData e) {
        vui = null; // what came before the VUI is valid: callers that need no VUI keep the SPS
      }
      return new H264Sps(
          profile,
          constraints,
          level,
          id,
          chroma,
          depthLuma,
          depthChroma,
          (int) w,
          (int) h,
          pocType,
          frameMbsOnly,
          separateColourPlane,
          log2MaxFrameNum,
          log2MaxPocLsb,
          vui);
    } catch (BitReader.EndOfData e) {
      return null;
    }
  }

  private static void skipScalingList(BitReader r, int size) throws BitReader.EndOfData {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size; j++) {
      if (next != 0) {
        long delta = r.se();
        next = (int) ((last + delta + 256) % 256);
      }
      last = next == 0 ? last : next;
    }
  }
}
