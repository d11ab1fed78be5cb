package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.media.bitstream.internal.BitReader;

/**
 * The fields of an AV1 sequence header OBU the toolkit needs (AV1 spec 5.5): profile, level and
 * tier of operating point 0 and the colour configuration (for {@code av1C}), the maximum frame
 * size, and {@code reduced_still_picture_header} (needed to read frame headers).
 *
 * @param seqProfile seq_profile
 * @param stillPicture still_picture
 * @param reducedStillPictureHeader reduced_still_picture_header
 * @param seqLevelIdx0 seq_level_idx[0]
 * @param seqTier0 seq_tier[0]
 * @param maxFrameWidth max_frame_width_minus_1 + 1
 * @param maxFrameHeight max_frame_height_minus_1 + 1
 * @param highBitdepth high_bitdepth
 * @param twelveBit twelve_bit
 * @param monochrome mono_chrome
 * @param subsamplingX subsampling_x
 * @param subsamplingY subsampling_y
 * @param chromaSamplePosition chroma_sample_position (0 when not signalled)
 * @param colorRange color_range
 * @param frameIdNumbersPresent frame_id_numbers_present_flag
 * @param decoderModelInfoPresent decoder_model_info_present_flag
 * @param equalPictureInterval equal_picture_interval
 */
public record Av1SequenceHeader(
    int seqProfile,
    boolean stillPicture,
    boolean reducedStillPictureHeader,
    int seqLevelIdx0,
    int seqTier0,
    int maxFrameWidth,
    int maxFrameHeight,
    boolean highBitdepth,
    boolean twelveBit,
    boolean monochrome,
    int subsamplingX,
    int subsamplingY,
    int chromaSamplePosition,
    int colorRange,
    boolean frameIdNumbersPresent,
    boolean decoderModelInfoPresent,
    boolean equalPictureInterval) {

  /** Returns the bit depth (8, 10 or 12). */
  public int bitDepth() {
    return twelveBit ? 12 : highBitdepth ? 10 : 8;
  }

  /**
   * Parses the payload of a sequence header OBU ({@code b[off..off+len)}, after the OBU header and
   * size).
   *
   * @return the header, or {@code null} if it is not completely parseable
   */
  public static Av1SequenceHeader parse(byte[] b, int off, int len) {
    BitReader r = new BitReader().reset(b, off, len, false);
    try {
      int profile = r.u(3);
      boolean still = r.flag();
      boolean reduced = r.flag();
      int level0;
      int tier0 = 0;
      boolean decoderModel = false;
      boolean equalPictureInterval = false;
      if (reduced) {
        level0 = r.u(5);
      } else {
        boolean timingInfo = r.flag();
        int bufferDelayLength = 0;
        if (timingInfo) {
          r.skip(32); // num_units_in_display_tick
          r.skip(32); // time_scale
          equalPictureInterval = r.flag();
          if (equalPictureInterval) {
            r.uvlc();
          }
          decoderModel = r.flag();
          if (decoderModel) {
            bufferDelayLength = r.u(5) + 1;
            r.skip(32); // num_units_in_decoding_tick
            r.skip(5); // buffer_removal_time_length_minus_1
            r.skip(5); // frame_presentation_time_length_minus_1
          }
        }
        boolean initialDisplayDelay = r.flag();
        int ops = r.u(5) + 1;
        level0 = -1;
        for (int i = 0; i < ops; i++) {
          r.skip(12); // operating_point_idc
          int level = r.u(5);
          int tier = level > 7 ? r.u(1) : 0;
          if (i == 0) {
            level0 = level;
            tier0 = tier;
          }
          if (decoderModel && r.flag()) {
            r.skip(bufferDelayLength); // decoder_buffer_delay
            r.skip(bufferDelayLength); // encoder_buffer_delay
            r.skip(1); // low_delay_mode_flag
          }
          if (initialDisplayDelay && r.flag()) {
            r.skip(4);
          }
        }
      }
      int wBits = r.u(4) + 1;
      int hBits = r.u(4) + 1;
      long maxW = r.bits(wBits) + 1;
      long maxH = r.bits(hBits) + 1;
      boolean frameIds = !reduced && r.flag();
      if (frameIds) {
        r.skip(4);
        r.skip(3);
      }
      r.skip(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
      if (!reduced) {
        r.skip(4); // interintra, masked compound, warped motion, dual filter
        boolean orderHint = r.flag();
        if (orderHint) {
          r.skip(2); // jnt_comp, ref_frame_mvs
        }
        int forceScreenContentTools = r.flag() ? 2 : r.u(1);
        if (forceScreenContentTools > 0 && !r.flag()) {
          r.skip(1); // seq_force_integer_mv
        }
        if (orderHint) {
          r.skip(3);
        }
      }
      r.skip(3); // superres, cdef, restoration
      boolean high = r.flag();
      boolean twelve = false;
      if (profile == 2 && high) {
        twelve = r.flag();
      }
      boolean mono = profile != 1 && r.flag();
      int cp = 2;
      int tc = 2;
      int mc = 2;
      if (r.flag()) {
        cp = r.u(8);
        tc = r.u(8);
        mc = r.u(8);
      }
      int range;
      int sx;
      int sy;
      int csp = 0;
      if (mono) {
        range = r.u(1);
        sx = 1;
        sy = 1;
      } else if (cp == 1 && tc == 13 && mc == 0) {
        range = 1;
        sx = 0;
        sy = 0;
      } else {
        range = r.u(1);
        if (profile == 0) {
          sx = 1;
          sy = 1;
        } else if (profile == 1) {
          sx = 0;
          sy = 0;
        } else if (twelve) {
          sx = r.u(1);
          sy = sx == 1 ? r.u(1) : 0;
        } else {
          sx = 1;
          sy = 0;
        }
        if (sx == 1 && sy == 1) {
          csp = r.u(2);
        }
      }
      if (!mono) {
        r.skip(1); // separate_uv_delta_q
      }
      r.skip(1); // film_grain_params_present
      if (maxW > 1 << 16 || maxH > 1 << 16) {
        return null;
      }
      return new Av1SequenceHeader(
          profile,
          still,
          reduced,
          level0,
          tier0,
          (int) maxW,
          (int) maxH,
          high,
          twelve,
          mono,
          sx,
          sy,
          csp,
          range,
          frameIds,
          decoderModel,
          equalPictureInterval);
    } catch (BitReader.EndOfData e) {
      return null;
    }
  }
}
