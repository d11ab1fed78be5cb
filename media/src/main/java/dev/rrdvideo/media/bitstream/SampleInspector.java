package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.internal.BitReader;
import java.util.Arrays;

/**
 * Looks inside one video sample (one access unit / temporal unit / frame) and reports what the
 * Rerun viewer would conclude: whether it is a keyframe, the frame type, the NAL unit or OBU types,
 * how many frames it holds, whether it carries the parameter sets a decoder needs, and the coded
 * size.
 *
 * <p>Keyframe rules (video-data-model.md 6.3): H.264 a completely parseable SPS and an IDR slice;
 * H.265 a parseable SPS and an IRAP NAL unit (16..23); AV1 a sequence header and a frame (header)
 * with {@code show_existing_frame = 0} and {@code frame_type = KEY_FRAME}; VP8/VP9 a key frame
 * header. H.264/H.265 samples must be Annex B; AV1 samples low-overhead OBUs with size fields.
 *
 * <p>One instance is reused for every sample of a stream (it remembers the last sequence header and
 * H.265 picture parameter sets, needed to read later headers). Results are valid until the next
 * call. Allocates only the unit-type text. Not thread-safe.
 */
public final class SampleInspector {
  private final BitReader r = new BitReader();
  private final AnnexB.Cursor cursor = new AnnexB.Cursor();
  private final ObuCursor obus = new ObuCursor();
  private final StringBuilder types = new StringBuilder();
  private final int[] hevcExtraSliceHeaderBits = new int[64];
  private Av1SequenceHeader av1Sequence;

  private boolean keyframe;
  private boolean randomAccess;
  private char frameType;
  private String unitTypes;
  private int frameCount;
  private boolean parameterSets;
  private boolean annexB;
  private int width;
  private int height;

  /** Creates an inspector. */
  public SampleInspector() {
    Arrays.fill(hevcExtraSliceHeaderBits, 0);
  }

  /**
   * Inspects {@code b[off..off+len)}.
   *
   * @param codec the stream's codec
   */
  public void inspect(VideoCodec codec, byte[] b, int off, int len) {
    keyframe = false;
    randomAccess = false;
    frameType = 0;
    unitTypes = null;
    frameCount = 0;
    parameterSets = false;
    annexB = false;
    width = -1;
    height = -1;
    types.setLength(0);
    switch (codec) {
      case H264 -> h264(b, off, len);
      case H265 -> h265(b, off, len);
      case AV1 -> av1(b, off, len);
      case VP8 -> vp8(b, off, len);
      case VP9 -> vp9(b, off, len);
      default -> throw new IllegalArgumentException(String.valueOf(codec));
    }
  }

  private void appendType(int t) {
    if (types.length() > 0) {
      types.append(',');
    }
    types.append(t);
  }

  /**
   * Whether the sample is Annex B: it starts with a start code and does not also parse completely
   * as 4-byte length-prefixed NAL units (a length of 256..511 bytes starts with {@code 00 00 01}).
   */
  private static boolean isAnnexB(byte[] b, int off, int len, boolean hevc) {
    if (!AnnexB.startsWithStartCode(b, off, len)) {
      return false;
    }
    int p = off;
    int end = off + len;
    while (p < end) {
      if (end - p < 5) {
        return true;
      }
      long n =
          ((b[p] & 0xFFL) << 24)
              | ((b[p + 1] & 0xFF) << 16)
              | ((b[p + 2] & 0xFF) << 8)
              | (b[p + 3] & 0xFF);
      p += 4;
      if (n < (hevc ? 2 : 1) || n > end - p || (b[p] & 0x80) != 0) {
        return true;
      }
      p += (int) n;
    }
    return false;
  }

  private void h264(byte[] b, int off, int len) {
    annexB = isAnnexB(b, off, len, false);
    boolean sps = false;
    boolean pps = false;
    boolean idr = false;
    cursor.reset(b, off, len);
    while (cursor.next()) {
      int s = cursor.start();
      int n = cursor.length();
      if (n < 1) {
        continue;
      }
      int type = AnnexB.h264Type(b, s);
      appendType(type);
      if (type == 7) {
        H264Sps p = H264Sps.parse(b, s, n);
        if (p != null) {
          sps = true;
          width = p.width();
          height = p.height();
        }
      } else if (type == 8) {
        pps = true;
      } else if (type == 1 || type == 5) {
        if (type == 5) {
          idr = true;
        }
        try {
          r.reset(b, s + 1, n - 1, true);
          long firstMb = r.ue();
          int sliceType = (int) (r.ue() % 5);
          if (firstMb == 0) {
            frameCount++;
            if (frameType == 0) {
              frameType = sliceType == 0 || sliceType == 3 ? 'P' : sliceType == 1 ? 'B' : 'I';
            }
          }
        } catch (BitReader.EndOfData e) {
          // a truncated slice header: counted as nothing
        }
      }
    }
    keyframe = sps && idr;
    randomAccess = idr;
    parameterSets = sps && pps;
    unitTypes = types.toString();
  }

  private void h265(byte[] b, int off, int len) {
    annexB = isAnnexB(b, off, len, true);
    boolean vps = false;
    boolean sps = false;
    boolean pps = false;
    boolean irap = false;
    cursor.reset(b, off, len);
    while (cursor.next()) {
      int s = cursor.start();
      int n = cursor.length();
      if (n < 2) {
        continue;
      }
      int type = AnnexB.h265Type(b, s);
      appendType(type);
      if (type == 32) {
        vps = true;
      } else if (type == 33) {
        H265Sps p = H265Sps.parse(b, s, n);
        if (p != null) {
          sps = true;
          width = p.width();
          height = p.height();
        }
      } else if (type == 34) {
        pps = true;
        readHevcPps(b, s, n);
      } else if (type <= 31) {
        if (type >= 16 && type <= 23) {
          irap = true;
        }
        if (type <= 21) {
          hevcSlice(b, s, n, type);
        }
      }
    }
    keyframe = sps && irap;
    randomAccess = irap;
    parameterSets = vps && sps && pps;
    unitTypes = types.toString();
  }

  private void readHevcPps(byte[] b, int s, int n) {
    try {
      r.reset(b, s + 2, n - 2, true);
      int id = r.ue(63);
      r.ue(15); // pps_seq_parameter_set_id
      r.skip(2); // dependent_slice_segments_enabled_flag, output_flag_present_flag
      hevcExtraSliceHeaderBits[id] = r.u(3);
    } catch (BitReader.EndOfData e) {
      // unreadable PPS: keep the previous value
    }
  }

  private void hevcSlice(byte[] b, int s, int n, int type) {
    try {
      r.reset(b, s + 2, n - 2, true);
      boolean first = r.flag();
      if (!first) {
        return;
      }
      frameCount++;
      if (frameType != 0) {
        return;
      }
      if (type >= 16 && type <= 23) {
        r.skip(1); // no_output_of_prior_pics_flag
      }
      int ppsId = r.ue(63);
      r.skip(hevcExtraSliceHeaderBits[ppsId]);
      int sliceType = r.ue(2);
      frameType = sliceType == 0 ? 'B' : sliceType == 1 ? 'P' : 'I';
    } catch (BitReader.EndOfData e) {
      // truncated slice header
    }
  }

  private void av1(byte[] b, int off, int len) {
    boolean seqHeader = false;
    obus.reset(b, off, len);
    while (obus.next()) {
      int type = obus.type();
      appendType(type);
      if (!obus.sized()) {
        break; // the viewer stops at an OBU without a (valid) size field too
      }
      if (type == ObuCursor.SEQUENCE_HEADER) {
        Av1SequenceHeader sh = Av1SequenceHeader.parse(b, obus.payloadStart(), obus.payloadSize());
        if (sh != null) {
          seqHeader = true;
          av1Sequence = sh;
          width = sh.maxFrameWidth();
          height = sh.maxFrameHeight();
        }
      } else if ((type == 3 || type == 6) && av1Sequence != null) {
        av1FrameHeader(b, obus.payloadStart(), obus.payloadSize(), seqHeader);
      }
    }
    parameterSets = seqHeader;
    unitTypes = types.toString();
  }

  private void av1FrameHeader(byte[] b, int off, int len, boolean seqHeaderInUnit) {
    try {
      boolean showExisting;
      int frameTypeValue;
      boolean shown;
      if (av1Sequence.reducedStillPictureHeader()) {
        showExisting = false;
        frameTypeValue = 0;
        shown = true;
      } else {
        r.reset(b, off, len, false);
        showExisting = r.flag();
        if (showExisting) {
          frameCount++;
          return;
        }
        frameTypeValue = r.u(2);
        shown = r.flag();
      }
      if (shown) {
        frameCount++;
      }
      if (frameType == 0) {
        frameType = frameTypeValue == 0 || frameTypeValue == 2 ? 'I' : 'P';
      }
      if (!showExisting && frameTypeValue == 0) {
        randomAccess = true;
        if (seqHeaderInUnit) {
          keyframe = true;
        }
      }
    } catch (BitReader.EndOfData e) {
      // truncated frame header
    }
  }

  private void vp8(byte[] b, int off, int len) {
    VpxFrameHeader h = VpxFrameHeader.vp8(b, off, len);
    parameterSets = true;
    if (h == null) {
      return;
    }
    keyframe = h.keyframe();
    randomAccess = h.keyframe();
    frameType = h.keyframe() ? 'I' : 'P';
    frameCount = 1;
    if (h.keyframe()) {
      width = h.width();
      height = h.height();
    }
  }

  private void vp9(byte[] b, int off, int len) {
    parameterSets = true;
    VpxFrameHeader first = VpxFrameHeader.vp9(b, off, len);
    if (first == null) {
      return;
    }
    keyframe = first.keyframe();
    randomAccess = first.keyframe();
    frameType = first.keyframe() ? 'I' : 'P';
    if (first.keyframe()) {
      width = first.width();
      height = first.height();
    }
    frameCount = vp9ShownFrames(b, off, len);
  }

  /** Counts the shown frames of a VP9 frame or superframe. */
  private static int vp9ShownFrames(byte[] b, int off, int len) {
    int marker = b[off + len - 1] & 0xFF;
    if ((marker & 0xE0) == 0xC0) {
      int frames = (marker & 7) + 1;
      int mag = ((marker >> 3) & 3) + 1;
      int index = 2 + mag * frames;
      if (len >= index && (b[off + len - index] & 0xFF) == marker) {
        int p = off + len - index + 1;
        int at = off;
        int shown = 0;
        for (int i = 0; i < frames; i++) {
          int size = 0;
          for (int k = 0; k < mag; k++) {
            size |= (b[p++] & 0xFF) << (8 * k);
          }
          if (size <= 0 || at + size > off + len - index) {
            return shown;
          }
          VpxFrameHeader h = VpxFrameHeader.vp9(b, at, size);
          if (h != null && h.shown()) {
            shown++;
          }
          at += size;
        }
        return shown;
      }
    }
    VpxFrameHeader h = VpxFrameHeader.vp9(b, off, len);
    return h != null && h.shown() ? 1 : 0;
  }

  /** Returns whether the sample is a keyframe by the viewer's rules. */
  public boolean keyframe() {
    return keyframe;
  }

  /**
   * Returns whether the sample holds a random-access picture (IDR, IRAP, AV1 KEY_FRAME, VP8/VP9 key
   * frame) whether or not it also carries the parameter sets that make it a keyframe for the
   * viewer.
   */
  public boolean randomAccess() {
    return randomAccess;
  }

  /** Returns the frame type, or {@code null} when no frame header was readable. */
  public FrameType frameType() {
    return frameType == 'I'
        ? FrameType.I
        : frameType == 'P' ? FrameType.P : frameType == 'B' ? FrameType.B : null;
  }

  /** Returns the NAL unit / OBU types, comma-separated, or {@code null} for VP8/VP9. */
  public String unitTypes() {
    return unitTypes;
  }

  /** Returns the number of frames (pictures shown) in the sample. */
  public int frameCount() {
    return frameCount;
  }

  /** Returns whether the sample carries the parameter sets / sequence header a decoder needs. */
  public boolean parameterSets() {
    return parameterSets;
  }

  /** Returns whether an H.264/H.265 sample starts with a start code. */
  public boolean annexB() {
    return annexB;
  }

  /** Returns the coded width from the sample's parameters, or -1. */
  public int width() {
    return width;
  }

  /** Returns the coded height from the sample's parameters, or -1. */
  public int height() {
    return height;
  }
}
