package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.media.bitstream.internal.BitReader;

/**
 * The start of a VP8 or VP9 frame: whether it is a key frame, shown, and for key frames the size
 * and colour setup (RFC 6386 9.1 for VP8; VP9 bitstream spec 6.2 uncompressed header).
 *
 * @param keyframe whether this is a key frame by the viewer's rules
 * @param shown show_frame (or show_existing_frame for VP9)
 * @param profile VP8 version / VP9 profile
 * @param width frame width (key frames; 0 otherwise)
 * @param height frame height (key frames; 0 otherwise)
 * @param bitDepth 8, 10 or 12
 * @param colorSpace VP9 color_space (0 unknown, 1 BT.601, 2 BT.709, 3 SMPTE-170, 4 SMPTE-240, 5
 *     BT.2020, 7 sRGB); 0 for VP8
 * @param fullRange color_range
 * @param subsamplingX subsampling_x
 * @param subsamplingY subsampling_y
 */
public record VpxFrameHeader(
    boolean keyframe,
    boolean shown,
    int profile,
    int width,
    int height,
    int bitDepth,
    int colorSpace,
    boolean fullRange,
    int subsamplingX,
    int subsamplingY) {

  /** Parses a VP8 frame; {@code null} when shorter than a frame tag. */
  public static VpxFrameHeader vp8(byte[] b, int off, int len) {
    if (len < 3) {
      return null;
    }
    int tag = (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16;
    boolean key = (tag & 1) == 0;
    int version = (tag >> 1) & 7;
    boolean shown = ((tag >> 4) & 1) == 1;
    int w = 0;
    int h = 0;
    if (key) {
      if (len < 10
          || (b[off + 3] & 0xFF) != 0x9d
          || (b[off + 4] & 0xFF) != 0x01
          || (b[off + 5] & 0xFF) != 0x2a) {
        return new VpxFrameHeader(false, shown, version, 0, 0, 8, 0, false, 1, 1);
      }
      w = ((b[off + 6] & 0xFF) | (b[off + 7] & 0xFF) << 8) & 0x3FFF;
      h = ((b[off + 8] & 0xFF) | (b[off + 9] & 0xFF) << 8) & 0x3FFF;
      key = w != 0 && h != 0;
    }
    return new VpxFrameHeader(key, shown, version, w, h, 8, 0, false, 1, 1);
  }

  /** Parses the first frame of a VP9 frame or superframe; {@code null} when not parseable. */
  public static VpxFrameHeader vp9(byte[] b, int off, int len) {
    BitReader r = new BitReader().reset(b, off, len, false);
    try {
      if (r.u(2) != 2) {
        return null; // frame_marker
      }
      int low = r.u(1);
      int high = r.u(1);
      int profile = (high << 1) + low;
      if (profile == 3) {
        r.skip(1); // reserved_zero
      }
      if (r.flag()) { // show_existing_frame
        return new VpxFrameHeader(false, true, profile, 0, 0, 8, 0, false, 1, 1);
      }
      boolean key = r.u(1) == 0; // frame_type 0 = KEY_FRAME
      boolean shown = r.flag();
      r.skip(1); // error_resilient_mode
      if (!key) {
        return new VpxFrameHeader(false, shown, profile, 0, 0, 8, 0, false, 1, 1);
      }
      if (r.u(8) != 0x49 || r.u(8) != 0x83 || r.u(8) != 0x42) {
        return new VpxFrameHeader(false, shown, profile, 0, 0, 8, 0, false, 1, 1);
      }
      int depth = 8;
      if (profile >= 2) {
        depth = r.flag() ? 12 : 10;
      }
      int cs = r.u(3);
      boolean full = false;
      int sx = 1;
      int sy = 1;
      if (cs != 7) {
        full = r.flag();
        if (profile == 1 || profile == 3) {
          sx = r.u(1);
          sy = r.u(1);
          r.skip(1);
        }
      } else {
        full = true;
        sx = 0;
        sy = 0;
        if (profile == 1 || profile == 3) {
          r.skip(1);
        }
      }
      int w = r.u(16) + 1;
      int h = r.u(16) + 1;
      return new VpxFrameHeader(true, shown, profile, w, h, depth, cs, full, sx, sy);
    } catch (BitReader.EndOfData e) {
      return null;
    }
  }
}
