package dev.rrdvideo.inspect.report.internal;

import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.bitstream.H264Sps;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * Decodes one H.264 keyframe (an Annex B access unit with its parameter sets and an IDR slice) with
 * JCodec's pure-Java decoder and scales it down to a small RGB picture, encoded as PNG.
 *
 * <p>The bytes come from a file, so they are checked before JCodec sees them: every sequence
 * parameter set must parse with rrdvideo's parser, VUI included ({@link H264Sps.Vui}: JCodec
 * allocates arrays of as many HRD entries as the VUI declares, up to 2<sup>32</sup>), then with
 * JCodec's, and describe what JCodec decodes (8-bit 4:2:0, progressive frames) at a size of at most
 * {@value #MAX_PIXELS} pixels, which bounds what the decoder allocates for the picture; every
 * picture parameter set must have a single slice group (JCodec allocates a slice group map of as
 * many entries as the PPS declares). What JCodec then still throws on malformed slice data is
 * caught and reported as {@link NotDecodable}: a thumbnail is an illustration, never a reason for a
 * report to fail.
 *
 * <p>JCodec reads zero bits once a slice's data is used up, and some of its loops then never end:
 * the unary code of {@code mb_qp_delta} in CABAC slice data, the {@code ref_pic_list_modification}
 * loop of a slice header (which also grows a list, so an abandoned decode would eat the heap). A
 * keyframe cut short, as in a truncated download, makes it spin forever. So slices are followed by
 * {@value #PADDING_BYTES} bytes of fixed pseudo-random data without zero bytes (so no start code
 * and no emulation prevention): a complete slice ends before reaching them (CABAC at its {@code
 * end_of_slice_flag}, CAVLC at the picture's last macroblock) and decodes exactly as without, a
 * truncated one runs into data on which every loop ends. (Tested: of 317 truncations of a 160x120
 * CABAC keyframe, 76 made JCodec spin; with the padding none does, nor for 640x360, 854x480 and
 * 1920x1080 pictures.) A CAVLC slice that is not its picture's last would run on into the padding
 * as macroblock data, garbling the slices after it: a CAVLC picture of several slices is not
 * decoded. Callers still run the decoder under a time limit.
 *
 * <p>Each picture gets a new decoder, so nothing (parameter sets by id, references) carries over
 * from one input to another, and JCodec's slice threads are switched off (its decoder starts a pool
 * of threads for multi-slice pictures and never stops it). JCodec's console logging is silenced.
 */
public final class H264Thumbnailer {
  /** The largest picture decoded (4096 x 2304, 4K with room). */
  public static final int MAX_PIXELS = 4096 * 2304;

  /** The width of a thumbnail in pixels (smaller pictures keep their size). */
  public static final int WIDTH = 176;

  private static final int NAL_SLICE = 1;
  private static final int NAL_IDR = 5;
  private static final int NAL_SPS = 7;
  private static final int NAL_PPS = 8;

  /** Bytes of pseudo-random data after each slice. */
  static final int PADDING_BYTES = 64 << 10;

  /** The most slices padded in one picture (16 MiB of padding). */
  static final int MAX_PADDED_SLICES = 256;

  private static final byte[] PADDING = padding();

  private static final java.lang.reflect.Field THREADED = threadedField();

  static {
    // JCodec prints warnings to stdout unless a sink is installed before its first message
    org.jcodec.common.logging.Logger.addSink(message -> {});
    org.jcodec.common.logging.Logger.setLevel(org.jcodec.common.logging.LogLevel.ERROR);
  }

  private static byte[] padding() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(0x5EED_F00DL);
    byte[] p = new byte[PADDING_BYTES];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) (1 + random.nextInt(255));
    }
    return p;
  }

  /** JCodec 0.2.5's switch for slice threads, or null if this JCodec has none. */
  private static java.lang.reflect.Field threadedField() {
    try {
      java.lang.reflect.Field f = H264Decoder.class.getDeclaredField("threaded");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private H264Thumbnailer() {}

  /** Why a keyframe was not turned into a thumbnail. */
  public static final class NotDecodable extends Exception {
    private static final long serialVersionUID = 1L;

    public NotDecodable(String message) {
      super(message);
    }
  }

  /** A thumbnail: PNG bytes and size. */
  public record Decoded(byte[] png, int width, int height) {}

  /**
   * A keyframe that passed {@link #check}: its bytes, the coded size JCodec decodes it at (what
   * decoding costs and allocates) and the size after cropping.
   */
  public record Checked(
      byte[] au,
      int len,
      int codedWidth,
      int codedHeight,
      int width,
      int height,
      boolean fullRange,
      int matrix,
      boolean cabac,
      int slices) {
    public long codedPixels() {
      return (long) codedWidth * codedHeight;
    }
  }

  /** Decodes {@code au[0..len)} and returns its thumbnail ({@link #check} then {@link #decode}). */
  public static Decoded thumbnail(byte[] au, int len) throws NotDecodable {
    return decode(check(au, len));
  }

  /** The profile_idc values whose sequence parameter sets JCodec reads as H.264 lays them out. */
  private static final java.util.Set<Integer> JCODEC_PROFILES = java.util.Set.of(66, 77, 88, 100);

  /**
   * Checks that the access unit {@code au[0..len)} (Annex B: parameter sets, then the IDR picture)
   * is something JCodec decodes, within {@link #MAX_PIXELS}.
   */
  public static Checked check(byte[] au, int len) throws NotDecodable {
    int codedWidth = 0;
    int codedHeight = 0;
    int width = 0;
    int height = 0;
    boolean idr = false;
    boolean pps = false;
    boolean cabac = false;
    int slices = 0;
    boolean fullRange = false;
    int matrix = MATRIX_UNSPECIFIED;
    AnnexB.Cursor c = new AnnexB.Cursor().reset(au, 0, len);
    while (c.next()) {
      if (c.length() < 1) {
        continue;
      }
      int type = AnnexB.h264Type(au, c.start());
      if (type == NAL_IDR) {
        // an IDR picture is intra coded: its slices are I or SI; JCodec builds the reference
        // lists a P or B slice header declares, of any size (an OutOfMemoryError)
        int sliceType = sliceType(au, c.start(), c.length());
        if (sliceType % 5 != 2 && sliceType % 5 != 4) {
          throw new NotDecodable("an IDR slice of slice_type " + sliceType + " (not I or SI)");
        }
        idr = true;
        slices++;
      } else if (type == NAL_SLICE) {
        // an access unit holds one picture: a non-IDR slice beside IDR ones is damage
        throw new NotDecodable("a non-IDR slice in the keyframe's access unit");
      } else if (type == NAL_PPS) {
        pps = true;
        cabac |= cabac(au, c.start(), c.length());
      } else if (type == NAL_SPS) {
        H264Sps sps = H264Sps.parse(au, c.start(), c.length());
        if (sps == null) {
          throw new NotDecodable("a sequence parameter set does not parse");
        }
        if (sps.vui() == null) {
          throw new NotDecodable(
              "the VUI parameters of a sequence parameter set do not parse or exceed H.264's"
                  + " limits");
        }
        if (!JCODEC_PROFILES.contains(sps.profileIdc())) {
          // JCodec reads the chroma and bit-depth fields for profile_idc 100, 110, 122 and 144
          // only: for the other high profiles (44, 83, 86, 118, ...) it reads the rest of the
          // set from the wrong bits (a fuzz input made it allocate HRD tables of any size)
          throw new NotDecodable(
              "JCodec decodes the Baseline, Main, Extended and High profiles (profile_idc 66, 77,"
                  + " 88, 100), not profile_idc "
                  + sps.profileIdc());
        }
        if (sps.chromaFormatIdc() != 1
            || sps.bitDepthLuma() != 8
            || sps.bitDepthChroma() != 8
            || !sps.frameMbsOnly()) {
          throw new NotDecodable(
              "JCodec decodes 8-bit 4:2:0 progressive H.264 only (this stream: chroma_format_idc "
                  + sps.chromaFormatIdc()
                  + ", "
                  + sps.bitDepthLuma()
                  + "-bit, "
                  + (sps.frameMbsOnly() ? "progressive" : "interlaced")
                  + ")");
        }
        SeqParameterSet j = jcodecSps(au, c.start(), c.length());
        codedWidth = Math.max(codedWidth, j.codedWidth);
        codedHeight = Math.max(codedHeight, j.codedHeight);
        if (width == 0) {
          width = sps.width();
          height = sps.height();
          fullRange = sps.vui().fullRange();
          matrix = sps.vui().matrixCoefficients();
        }
      }
    }
    if (!idr) {
      throw new NotDecodable("no IDR slice");
    }
    if (codedWidth == 0 || !pps) {
      throw new NotDecodable("no parameter sets before the IDR picture");
    }
    if (!cabac && slices > 1) {
      throw new NotDecodable(
          "a CAVLC picture in "
              + slices
              + " slices (JCodec can loop forever on a damaged one, and only a picture's last"
              + " CAVLC slice can be guarded)");
    }
    if (slices > MAX_PADDED_SLICES) {
      throw new NotDecodable("more than " + MAX_PADDED_SLICES + " slices");
    }
    return new Checked(
        au, len, codedWidth, codedHeight, width, height, fullRange, matrix, cabac, slices);
  }

  /**
   * Whether a PPS selects CABAC ({@code entropy_coding_mode_flag}); refuses one with slice groups
   * (FMO, for which JCodec allocates a map of as many entries as the PPS declares).
   */
  private static boolean cabac(byte[] b, int start, int length) throws NotDecodable {
    ByteBuffer rbsp = unescaped(b, start, length);
    long bits = 0; // the next up to 64 bits of the RBSP, first bit in the top
    int have = 0;
    while (have <= 56 && rbsp.hasRemaining()) {
      bits |= (rbsp.get() & 0xFFL) << (56 - have);
      have += 8;
    }
    // pic_parameter_set_id ue(v), seq_parameter_set_id ue(v), entropy_coding_mode_flag u(1),
    // bottom_field_pic_order_in_frame_present_flag u(1), num_slice_groups_minus1 ue(v): the ids
    // are at most 255 and 31 (17 and 11 bits), so all five fit in the first 64 bits
    int[] used = new int[1];
    long ppsId = ue(bits, used, have);
    long spsId = ue(bits, used, have);
    if (ppsId > 255 || spsId > 31 || used[0] + 3 > have) {
      throw new NotDecodable("a picture parameter set does not parse");
    }
    boolean cabac = (bits << used[0]) < 0;
    used[0] += 2;
    if (ue(bits, used, have) != 0) {
      throw new NotDecodable("a picture parameter set has slice groups (FMO)");
    }
    return cabac;
  }

  /** The {@code slice_type} of a slice NAL unit (after {@code first_mb_in_slice}). */
  private static int sliceType(byte[] b, int start, int length) throws NotDecodable {
    // the two fields lie in the first 43 bits: unescape a prefix, not the whole slice
    ByteBuffer rbsp = unescaped(b, start, Math.min(length, 16));
    long bits = 0;
    int have = 0;
    while (have <= 56 && rbsp.hasRemaining()) {
      bits |= (rbsp.get() & 0xFFL) << (56 - have);
      have += 8;
    }
    // first_mb_in_slice ue(v) (below 2^17 macroblocks: at most 35 bits), slice_type ue(v) (0-9)
    int[] used = new int[1];
    long sliceType;
    try {
      ue(bits, used, have);
      sliceType = ue(bits, used, have);
    } catch (NotDecodable e) {
      sliceType = -1;
    }
    if (sliceType < 0 || sliceType > 9) {
      throw new NotDecodable("a slice header does not parse");
    }
    return (int) sliceType;
  }

  /**
   * Reads ue(v) at bit {@code used[0]} of {@code bits} (of which {@code have} are valid) and
   * advances; a code longer than what is left does not parse.
   */
  private static long ue(long bits, int[] used, int have) throws NotDecodable {
    long rest = bits << used[0];
    int zeros = Long.numberOfLeadingZeros(rest);
    int size = 2 * zeros + 1;
    if (zeros > 31 || used[0] + size > have) {
      throw new NotDecodable("a picture parameter set does not parse");
    }
    used[0] += size;
    return (rest >>> (64 - size)) - 1;
  }

  /** The payload of a NAL unit after its header byte, without emulation prevention bytes. */
  private static ByteBuffer unescaped(byte[] b, int start, int length) {
    ByteBuffer copy = ByteBuffer.allocate(length - 1);
    copy.put(b, start + 1, length - 1).flip();
    H264Utils.unescapeNAL(copy);
    return copy;
  }

  /** The access unit as JCodec gets it: each slice followed by {@link #PADDING}. */
  private static ByteBuffer input(Checked k) {
    byte[] au = k.au();
    ByteBuffer out = ByteBuffer.allocate(k.len() + 4 * k.slices() + k.slices() * PADDING_BYTES);
    AnnexB.Cursor c = new AnnexB.Cursor().reset(au, 0, k.len());
    while (c.next()) {
      if (c.length() < 1) {
        continue;
      }
      out.putInt(1).put(au, c.start(), c.length());
      int type = AnnexB.h264Type(au, c.start());
      if (type == NAL_IDR || type == NAL_SLICE) {
        out.put(PADDING);
      }
    }
    return out.flip();
  }

  /** Decodes a checked keyframe and scales it down. */
  public static Decoded decode(Checked k) throws NotDecodable {
    int codedWidth = k.codedWidth();
    int codedHeight = k.codedHeight();
    byte[][] planes = {
      new byte[codedWidth * codedHeight],
      new byte[codedWidth * codedHeight / 4],
      new byte[codedWidth * codedHeight / 4]
    };
    Picture p;
    try {
      H264Decoder decoder = new H264Decoder();
      if (THREADED != null) {
        THREADED.setBoolean(decoder, false);
      }
      p = decoder.decodeFrame(input(k), planes);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e); // setAccessible succeeded, so it cannot happen
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      // JCodec on slice data it does not expect: no thumbnail. AssertionError: JCodec's own
      // asserts, which only run with -ea.
      throw new NotDecodable("JCodec could not decode the picture (" + e + ")");
    }
    if (p == null || p.getPlaneData(0) == null || p.getPlaneData(1) == null) {
      throw new NotDecodable("JCodec returned no picture");
    }
    return scale(p, k);
  }

  /** {@code matrix_coefficients} when the SPS says nothing: chosen by the picture height. */
  static final int MATRIX_UNSPECIFIED = 2;

  private static final int MATRIX_BT709 = 1;
  private static final int MATRIX_BT470BG = 5;
  private static final int MATRIX_SMPTE170M = 6;

  /** What JCodec reads from an SPS: the coded size it allocates. */
  private record SeqParameterSet(int codedWidth, int codedHeight) {}

  /**
   * Reads an SPS (already checked by rrdvideo's parser, VUI included) with JCodec's own parser and
   * checks the size JCodec will allocate against {@link #MAX_PIXELS}.
   */
  private static SeqParameterSet jcodecSps(byte[] b, int start, int length) throws NotDecodable {
    org.jcodec.codecs.h264.io.model.SeqParameterSet s;
    try {
      s = org.jcodec.codecs.h264.io.model.SeqParameterSet.read(unescaped(b, start, length));
    } catch (RuntimeException e) {
      throw new NotDecodable("JCodec cannot read the sequence parameter set (" + e + ")");
    }
    long mbsWide = s.picWidthInMbsMinus1 + 1L;
    long mapUnitsHigh = s.picHeightInMapUnitsMinus1 + 1L;
    long w = mbsWide * 16;
    long h = mapUnitsHigh * 16 * (s.frameMbsOnlyFlag ? 1 : 2);
    if (mbsWide < 1 || mapUnitsHigh < 1 || w * h > MAX_PIXELS) {
      throw new NotDecodable(
          "picture of "
              + w
              + "x"
              + h
              + " pixels: thumbnails are made of pictures up to "
              + MAX_PIXELS
              + " pixels");
    }
    return new SeqParameterSet((int) w, (int) h);
  }

  /**
   * Scales the cropped picture down to {@link #WIDTH} pixels wide (box filter) and converts it to
   * RGB with the matrix and range the SPS signals; without a signal, limited range, BT.601 below
   * 720 lines and BT.709 from 720 on (what players assume).
   */
  private static Decoded scale(Picture p, Checked k) throws NotDecodable {
    int spsWidth = k.width();
    int spsHeight = k.height();
    int pw = p.getPlaneWidth(0);
    int ph = p.getPlaneHeight(0);
    Rect crop = p.getCrop();
    int cx = 0;
    int cy = 0;
    int cw = Math.min(pw, spsWidth > 0 ? spsWidth : pw);
    int ch = Math.min(ph, spsHeight > 0 ? spsHeight : ph);
    if (crop != null
        && crop.getX() >= 0
        && crop.getY() >= 0
        && crop.getWidth() > 0
        && crop.getHeight() > 0
        && crop.getX() + crop.getWidth() <= pw
        && crop.getY() + crop.getHeight() <= ph) {
      cx = crop.getX();
      cy = crop.getY();
      cw = crop.getWidth();
      ch = crop.getHeight();
    }
    if (cw < 2 || ch < 2) {
      throw new NotDecodable("picture too small");
    }
    int tw = Math.min(WIDTH, cw);
    int th = Math.max(1, (int) Math.round((double) ch * tw / cw));
    byte[] y = p.getPlaneData(0);
    byte[] u = p.getPlaneData(1);
    byte[] v = p.getPlaneData(2);
    int cStride = p.getPlaneWidth(1);
    boolean bt709 =
        k.matrix() == MATRIX_BT709
            || (k.matrix() != MATRIX_BT470BG && k.matrix() != MATRIX_SMPTE170M && ch >= 720);
    // Y'CbCr to R'G'B' (ITU-T H.273): R = Y + a Cr, G = Y - b Cb - c Cr, B = Y + d Cb
    double a = bt709 ? 1.5748 : 1.402;
    double bb = bt709 ? 0.1873 : 0.3441;
    double cc = bt709 ? 0.4681 : 0.7141;
    double d = bt709 ? 1.8556 : 1.772;
    double yScale = k.fullRange() ? 1 : 255.0 / 219;
    double yOffset = k.fullRange() ? 0 : 16;
    double cScale = k.fullRange() ? 1 : 255.0 / 224;
    byte[] rgb = new byte[tw * th * 3];
    for (int ty = 0; ty < th; ty++) {
      int y0 = cy + (int) ((long) ty * ch / th);
      int y1 = Math.max(y0 + 1, cy + (int) ((long) (ty + 1) * ch / th));
      for (int tx = 0; tx < tw; tx++) {
        int x0 = cx + (int) ((long) tx * cw / tw);
        int x1 = Math.max(x0 + 1, cx + (int) ((long) (tx + 1) * cw / tw));
        long sy = 0;
        long su = 0;
        long sv = 0;
        int n = 0;
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            sy += y[yy * pw + xx] + 128;
            int ci = (yy >> 1) * cStride + (xx >> 1);
            su += u[ci] + 128;
            sv += v[ci] + 128;
            n++;
          }
        }
        double luma = yScale * (sy / (double) n - yOffset);
        double cb = cScale * (su / (double) n - 128);
        double cr = cScale * (sv / (double) n - 128);
        double r = luma + a * cr;
        double g = luma - bb * cb - cc * cr;
        double b = luma + d * cb;
        int at = (ty * tw + tx) * 3;
        rgb[at] = clamp(r);
        rgb[at + 1] = clamp(g);
        rgb[at + 2] = clamp(b);
      }
    }
    return new Decoded(Png.rgb(tw, th, rgb), tw, th);
  }

  private static byte clamp(double v) {
    long x = Math.round(v);
    return (byte) (x < 0 ? 0 : x > 255 ? 255 : x);
  }
}
