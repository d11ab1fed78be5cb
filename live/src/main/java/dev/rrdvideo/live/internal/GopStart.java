package dev.rrdvideo.live.internal;

import dev.rrdvideo.format.video.VideoCodec;
import java.nio.ByteBuffer;

/**
 * Tells whether a {@code VideoStream} sample starts a GOP: whether a decoder can start there
 * without earlier samples. The rules are the ones Rerun's viewer uses to find GOP starts in a
 * stream without keyframe markers ({@code re_video}, 0.33: {@code detect_gop_start}): H.264 an IDR
 * slice and an SPS in the sample, H.265 an IRAP picture and an SPS, AV1 a sequence header and a
 * {@code KEY_FRAME} frame header, VP8 and VP9 a key frame. Only the bytes needed for that are read;
 * malformed or truncated data is "not a GOP start", never an exception. Allocates nothing.
 */
public final class GopStart {
  private GopStart() {}

  /** Returns whether {@code sample} (its remaining bytes; position untouched) starts a GOP. */
  public static boolean test(VideoCodec codec, ByteBuffer sample) {
    int off = sample.position();
    int end = sample.limit();
    switch (codec) {
      case H264:
        return annexB(sample, off, end, false);
      case H265:
        return annexB(sample, off, end, true);
      case AV1:
        return av1(sample, off, end);
      case VP8:
        // frame tag: bit 0 of the first byte is 0 for a key frame, followed by 9d 01 2a
        return end - off >= 6
            && (sample.get(off) & 1) == 0
            && (sample.get(off + 3) & 0xff) == 0x9d
            && (sample.get(off + 4) & 0xff) == 0x01
            && (sample.get(off + 5) & 0xff) == 0x2a;
      case VP9:
        return vp9(sample, off, end);
      default:
        return false;
    }
  }

  /** Annex B: scans start codes for a key picture and a sequence parameter set. */
  private static boolean annexB(ByteBuffer b, int off, int end, boolean hevc) {
    boolean key = false;
    boolean sps = false;
    int zeros = 0;
    for (int i = off; i < end; i++) {
      int v = b.get(i) & 0xff;
      if (v == 0) {
        zeros++;
        continue;
      }
      if (v == 1 && zeros >= 2 && i + 1 < end) {
        int h = b.get(i + 1) & 0xff;
        if (hevc) {
          int type = (h >> 1) & 0x3f;
          key |= type >= 16 && type <= 23;
          sps |= type == 33;
        } else {
          int type = h & 0x1f;
          key |= type == 5;
          sps |= type == 7;
        }
        if (key && sps) {
          return true;
        }
      }
      zeros = 0;
    }
    return false;
  }

  /** AV1 low-overhead bitstream (OBUs with size fields), as Rerun stores it. */
  private static boolean av1(ByteBuffer b, int off, int end) {
    boolean sequenceHeader = false;
    boolean reducedStillPicture = false;
    int p = off;
    while (p < end) {
      int h = b.get(p) & 0xff;
      if ((h & 0x80) != 0) {
        return false; // forbidden bit
      }
      int type = (h >> 3) & 0xf;
      boolean extension = (h & 4) != 0;
      boolean hasSize = (h & 2) != 0;
      p += extension ? 2 : 1;
      if (!hasSize || p > end) {
        return false; // Rerun stores OBUs with sizes; without one the rest cannot be found
      }
      long size = 0;
      int shift = 0;
      while (true) {
        if (p >= end || shift > 56) {
          return false;
        }
        int v = b.get(p++) & 0xff;
        size |= (long) (v & 0x7f) << shift;
        shift += 7;
        if ((v & 0x80) == 0) {
          break;
        }
      }
      if (size > end - p) {
        return false;
      }
      if (type == 1
          && size >= 1) { // OBU_SEQUENCE_HEADER: seq_profile(3) still_picture(1) reduced(1)
        sequenceHeader = true;
        reducedStillPicture = (b.get(p) & 0x08) != 0;
      } else if ((type == 3 || type == 6) && size >= 1) { // OBU_FRAME_HEADER, OBU_FRAME
        if (!sequenceHeader) {
          return false;
        }
        if (reducedStillPicture) {
          return true; // every frame of a reduced still picture stream is a key frame
        }
        int first = b.get(p) & 0xff;
        boolean showExisting = (first & 0x80) != 0;
        int frameType = (first >> 5) & 3;
        return !showExisting && frameType == 0; // KEY_FRAME
      }
      p += (int) size;
    }
    return false;
  }

  /**
   * VP9 uncompressed header: frame marker, profile, show_existing_frame, frame_type (0 = key), then
   * for a key frame show_frame, error_resilient_mode and the sync code 49 83 42.
   */
  private static boolean vp9(ByteBuffer b, int off, int end) {
    long bits = 0; // up to the first 8 bytes, big-endian, left-aligned
    int have = Math.min(8, end - off);
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (i < have ? b.get(off + i) & 0xff : 0);
    }
    int pos = 0;
    if (bitsAt(bits, pos, 2) != 2) {
      return false; // frame_marker
    }
    pos += 2;
    int profile = (int) (bitsAt(bits, pos, 1) | (bitsAt(bits, pos + 1, 1) << 1));
    pos += 2;
    if (profile == 3) {
      pos++; // reserved_zero
    }
    if (bitsAt(bits, pos++, 1) != 0) {
      return false; // show_existing_frame
    }
    if (bitsAt(bits, pos++, 1) != 0) {
      return false; // frame_type: not KEY_FRAME
    }
    pos += 2; // show_frame, error_resilient_mode
    return pos + 24 <= have * 8 && bitsAt(bits, pos, 24) == 0x498342;
  }

  private static long bitsAt(long bits, int pos, int n) {
    return (bits >>> (64 - pos - n)) & ((1L << n) - 1);
  }
}
