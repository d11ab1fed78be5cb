package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.internal.BitReader;

/**
 * Follows the presentation order of the pictures of an Annex B H.264/H.265 stream, access unit by
 * access unit in decode order, to find out whether it is reordered (B-frames, or leading pictures
 * of an open GOP): a stream is reordered when a picture's picture order count (POC) is lower than
 * that of a picture decoded before it in the same coded video sequence.
 *
 * <p>H.264 (7.3.3, 8.2.1): picture order count type 0 is computed from {@code pic_order_cnt_lsb} of
 * the first slice, with the most significant part carried from the previous reference picture and
 * reset at an IDR picture; type 2 cannot reorder (output order is decode order); for type 1 (rare)
 * a B slice counts as reordering. H.265 (7.3.6.1, 8.3.1): {@code slice_pic_order_cnt_lsb} with the
 * most significant part carried from the previous temporal-sub-layer-0 reference picture and reset
 * at an IDR or BLA picture, and at a CRA picture that starts the stream. The parameter sets are
 * taken from the stream itself (SPS and PPS by id). A slice header that cannot be read (missing
 * parameter set, truncated) is skipped.
 *
 * <p>Allocates nothing per access unit. Not thread-safe.
 */
public final class PictureOrder {
  private final VideoCodec codec;
  private final BitReader r = new BitReader();
  private final AnnexB.Cursor cursor = new AnnexB.Cursor();

  // H.264 SPS by id (index 0..31): -1 when unknown
  private final int[] spsPocType = filled(32);
  private final int[] spsLog2MaxFrameNum = new int[32];
  private final int[] spsLog2MaxPocLsb = new int[32];
  private final boolean[] spsFrameMbsOnly = new boolean[32];
  private final boolean[] spsSeparateColourPlane = new boolean[32];
  // PPS by id (H.264 0..255, H.265 0..63): the SPS id, or -1 when unknown
  private final int[] ppsSps = filled(256);
  private final boolean[] ppsOutputFlagPresent = new boolean[64];
  private final int[] ppsExtraSliceHeaderBits = new int[64];

  private boolean sequenceStarted;
  private long prevPocMsb;
  private long prevPocLsb;
  private long maxPoc;
  private long lastPoc;
  private long previousMaxPoc;
  private boolean reordered;

  /** Creates a tracker for an H.264 or H.265 stream. */
  public PictureOrder(VideoCodec codec) {
    if (codec != VideoCodec.H264 && codec != VideoCodec.H265) {
      throw new IllegalArgumentException(
          "picture order is tracked for H.264 and H.265, not " + codec);
    }
    this.codec = codec;
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, -1);
    return a;
  }

  /**
   * Reads the parameter sets and the first slice header of the access unit {@code b[off..off+len)}.
   *
   * @return whether this access unit is presented before a picture decoded earlier (the first such
   *     unit makes {@link #reordered()} true)
   */
  public boolean next(byte[] b, int off, int len) {
    boolean picture = false;
    cursor.reset(b, off, len);
    while (cursor.next()) {
      int s = cursor.start();
      int n = cursor.length();
      if (n < 2) {
        continue;
      }
      if (codec == VideoCodec.H264) {
        int type = b[s] & 0x1F;
        if (type == 7) {
          h264Sps(b, s, n);
        } else if (type == 8) {
          h264Pps(b, s, n);
        } else if ((type == 1 || type == 5) && !picture) {
          picture = h264Slice(b, s, n, type, (b[s] >> 5) & 3);
        }
      } else {
        int type = (b[s] >> 1) & 0x3F;
        if (type == 33) {
          H265Sps sps = H265Sps.parse(b, s, n);
          if (sps != null) {
            spsLog2MaxPocLsb[sps.spsId()] = sps.log2MaxPicOrderCntLsb();
            spsSeparateColourPlane[sps.spsId()] = sps.separateColourPlane();
            spsPocType[sps.spsId()] = 0;
          }
        } else if (type == 34) {
          h265Pps(b, s, n);
        } else if (type <= 21 && !picture) {
          picture = h265Slice(b, s, n, type, (b[s + 1] & 7) - 1);
        }
      }
    }
    if (!picture) {
      return false;
    }
    boolean before = lastPoc < previousMaxPoc;
    reordered |= before;
    return before;
  }

  /** Returns whether some access unit so far was presented before an earlier-decoded one. */
  public boolean reordered() {
    return reordered;
  }

  /** Returns the picture order count of the last picture read (relative to its sequence start). */
  public long lastPictureOrderCount() {
    return lastPoc;
  }

  /** Returns the largest picture order count decoded before the last picture in its sequence. */
  public long previousMaxPictureOrderCount() {
    return previousMaxPoc;
  }

  /** Records a picture's POC; {@code newSequence} restarts the comparison. */
  private void picture(long poc, boolean newSequence) {
    if (newSequence || !sequenceStarted) {
      maxPoc = Long.MIN_VALUE;
      sequenceStarted = true;
    }
    previousMaxPoc = maxPoc;
    lastPoc = poc;
    maxPoc = Math.max(maxPoc, poc);
  }

  private void h264Sps(byte[] b, int s, int n) {
    H264Sps sps = H264Sps.parse(b, s, n);
    if (sps == null) {
      return;
    }
    int id = sps.spsId();
    spsPocType[id] = sps.picOrderCntType();
    spsLog2MaxFrameNum[id] = sps.log2MaxFrameNum();
    spsLog2MaxPocLsb[id] = sps.log2MaxPicOrderCntLsb();
    spsFrameMbsOnly[id] = sps.frameMbsOnly();
    spsSeparateColourPlane[id] = sps.separateColourPlane();
  }

  private void h264Pps(byte[] b, int s, int n) {
    try {
      r.reset(b, s + 1, n - 1, true);
      int pps = r.ue(255);
      ppsSps[pps] = r.ue(31);
    } catch (BitReader.EndOfData e) {
      // unreadable PPS: keep what was known
    }
  }

  /** Returns whether the slice starts a picture whose order was recorded. */
  private boolean h264Slice(byte[] b, int s, int n, int type, int nalRefIdc) {
    try {
      r.reset(b, s + 1, n - 1, true);
      if (r.ue() != 0) {
        return false; // not the first slice of a picture
      }
      int sliceType = (int) (r.ue() % 5);
      int pps = r.ue(255);
      int sps = ppsSps[pps];
      if (sps < 0 || spsPocType[sps] < 0) {
        return false;
      }
      boolean idr = type == 5;
      int pocType = spsPocType[sps];
      if (pocType == 2) {
        picture(0, idr); // output order is decode order
        lastPoc = 0;
        previousMaxPoc = 0;
        return true;
      }
      if (pocType == 1) {
        picture(0, idr);
        lastPoc = sliceType == 1 ? -1 : 0; // a B slice: presented before something
        previousMaxPoc = 0;
        return true;
      }
      if (spsSeparateColourPlane[sps]) {
        r.skip(2); // colour_plane_id
      }
      r.skip(spsLog2MaxFrameNum[sps]); // frame_num
      if (!spsFrameMbsOnly[sps] && r.flag()) { // field_pic_flag
        r.skip(1); // bottom_field_flag
      }
      if (idr) {
        r.ue(); // idr_pic_id
      }
      int bits = spsLog2MaxPocLsb[sps];
      long lsb = r.bits(bits);
      long max = 1L << bits;
      if (idr) {
        prevPocMsb = 0;
        prevPocLsb = 0;
      }
      long msb = msb(lsb, max);
      picture(msb + lsb, idr);
      if (nalRefIdc != 0) {
        prevPocMsb = msb;
        prevPocLsb = lsb;
      }
      return true;
    } catch (BitReader.EndOfData e) {
      return false;
    }
  }

  /** PicOrderCntMsb from the previous values (H.264 8-3, H.265 8-1). */
  private long msb(long lsb, long max) {
    if (lsb < prevPocLsb && prevPocLsb - lsb >= max / 2) {
      return prevPocMsb + max;
    }
    if (lsb > prevPocLsb && lsb - prevPocLsb > max / 2) {
      return prevPocMsb - max;
    }
    return prevPocMsb;
  }

  private void h265Pps(byte[] b, int s, int n) {
    try {
      r.reset(b, s + 2, n - 2, true);
      int pps = r.ue(63);
      int sps = r.ue(15);
      r.skip(1); // dependent_slice_segments_enabled_flag
      boolean outputFlag = r.flag();
      int extra = r.u(3);
      ppsSps[pps] = sps;
      ppsOutputFlagPresent[pps] = outputFlag;
      ppsExtraSliceHeaderBits[pps] = extra;
    } catch (BitReader.EndOfData e) {
      // unreadable PPS: keep what was known
    }
  }

  private boolean h265Slice(byte[] b, int s, int n, int type, int temporalId) {
    try {
      r.reset(b, s + 2, n - 2, true);
      if (!r.flag()) {
        return false; // first_slice_segment_in_pic_flag = 0
      }
      boolean irap = type >= 16 && type <= 23;
      if (irap) {
        r.skip(1); // no_output_of_prior_pics_flag
      }
      int pps = r.ue(63);
      int sps = ppsSps[pps];
      if (sps < 0 || sps > 15 || spsPocType[sps] < 0) {
        return false;
      }
      r.skip(ppsExtraSliceHeaderBits[pps]); // slice_reserved_flag[i]
      r.ue(); // slice_type
      if (ppsOutputFlagPresent[pps]) {
        r.skip(1); // pic_output_flag
      }
      if (spsSeparateColourPlane[sps]) {
        r.skip(2); // colour_plane_id
      }
      boolean idr = type == 19 || type == 20;
      boolean bla = type >= 16 && type <= 18;
      boolean cra = type == 21;
      boolean newSequence = idr || bla || (cra && !sequenceStarted);
      long lsb = 0;
      long max = 1L << spsLog2MaxPocLsb[sps];
      if (!idr) {
        lsb = r.bits(spsLog2MaxPocLsb[sps]);
      }
      long msb = newSequence ? 0 : msb(lsb, max);
      picture(msb + lsb, newSequence);
      // prevTid0Pic: TemporalId 0 and not a RASL, RADL or sub-layer non-reference picture
      boolean subLayerNonRef = type <= 14 && type % 2 == 0;
      boolean leading = type >= 6 && type <= 9;
      if (temporalId == 0 && !subLayerNonRef && !leading) {
        prevPocMsb = msb;
        prevPocLsb = lsb;
      }
      return true;
    } catch (BitReader.EndOfData e) {
      return false;
    }
  }
}
