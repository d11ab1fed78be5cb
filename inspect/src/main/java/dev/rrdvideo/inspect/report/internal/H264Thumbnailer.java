package dev.rrdvideo.inspect.report.internal;

import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.bitstream.H264Sps;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * Decodes one H.264 keyframe (an Annex B access unit with its parameter sets and an IDR slice) with
 * JCodec's pure-Java decoder and scales it down to a small RGB picture, encoded as PNG.
 *
 * <p>The bytes come from a file, so they are checked before JCodec sees them: every sequence
 * parameter set must parse (with rrdvideo's parser and with JCodec's) and describe what JCodec
 * decodes (8-bit 4:2:0, progressive frames) at a size of at most {@value #MAX_PIXELS} pixels, which
 * bounds what the decoder allocates. What JCodec then still throws on malformed slice data is
 * caught and reported as {@link NotDecodable}: a thumbnail is an illustration, never a reason for a
 * report to fail.
 *
 * <p>One decoder instance is shared (under a lock): JCodec's decoder starts a pool of threads for
 * multi-slice pictures and never stops it, so a decoder per picture would leave threads behind.
 */
public final class H264Thumbnailer {
  /** The largest picture decoded (4096 x 2304, 4K with room). */
  public static final int MAX_PIXELS = 4096 * 2304;

  /** The width of a thumbnail in pixels (smaller pictures keep their size). */
  public static final int WIDTH = 176;

  private static final int NAL_IDR = 5;
  private static final int NAL_SPS = 7;
  private static final int NAL_PPS = 8;

  private static final Object LOCK = new Object();
  private static H264Decoder decoder;

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
      int matrix) {
    public long codedPixels() {
      return (long) codedWidth * codedHeight;
    }
  }

  /** Decodes {@code au[0..len)} and returns its thumbnail ({@link #check} then {@link #decode}). */
  public static Decoded thumbnail(byte[] au, int len) throws NotDecodable {
    return decode(check(au, len));
  }

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
    boolean fullRange = false;
    int matrix = MATRIX_UNSPECIFIED;
    AnnexB.Cursor c = new AnnexB.Cursor().reset(au, 0, len);
    while (c.next()) {
      if (c.length() < 1) {
        continue;
      }
      int type = AnnexB.h264Type(au, c.start());
      if (type == NAL_IDR) {
        idr = true;
      } else if (type == NAL_PPS) {
        pps = true;
      } else if (type == NAL_SPS) {
        H264Sps sps = H264Sps.parse(au, c.start(), c.length());
        if (sps == null) {
          throw new NotDecodable("a sequence parameter set does not parse");
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
          fullRange = j.fullRange;
          matrix = j.matrix;
        }
      }
    }
    if (!idr) {
      throw new NotDecodable("no IDR slice");
    }
    if (codedWidth == 0 || !pps) {
      throw new NotDecodable("no parameter sets before the IDR picture");
    }
    return new Checked(au, len, codedWidth, codedHeight, width, height, fullRange, matrix);
  }

  /** Decodes a checked keyframe and scales it down. */
  public static Decoded decode(Checked k) throws NotDecodable {
    int codedWidth = k.codedWidth();
    int codedHeight = k.codedHeight();
    byte[] au = k.au();
    int len = k.len();
    byte[][] planes = {
      new byte[codedWidth * codedHeight],
      new byte[codedWidth * codedHeight / 4],
      new byte[codedWidth * codedHeight / 4]
    };
    Picture p;
    synchronized (LOCK) {
      if (decoder == null) {
        decoder = new H264Decoder();
      }
      try {
        p = decoder.decodeFrame(ByteBuffer.wrap(au, 0, len), planes);
      } catch (RuntimeException | StackOverflowError | AssertionError e) {
        // JCodec on slice data it does not expect: no thumbnail. AssertionError: JCodec's own
        // asserts, which only run with -ea. The decoder's state is unknown now: start over.
        decoder = null;
        throw new NotDecodable("JCodec could not decode the picture (" + e + ")");
      }
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

  /** What JCodec reads from an SPS: the coded size it allocates, and the colour signalling. */
  private record SeqParameterSet(int codedWidth, int codedHeight, boolean fullRange, int matrix) {}

  /** Reads an SPS with JCodec's own parser and checks its size against {@link #MAX_PIXELS}. */
  private static SeqParameterSet jcodecSps(byte[] b, int start, int length) throws NotDecodable {
    ByteBuffer nal = ByteBuffer.wrap(b, start + 1, length - 1).slice();
    ByteBuffer copy = ByteBuffer.allocate(nal.remaining());
    copy.put(nal).flip();
    org.jcodec.codecs.h264.io.model.SeqParameterSet s;
    try {
      H264Utils.unescapeNAL(copy);
      s = org.jcodec.codecs.h264.io.model.SeqParameterSet.read(copy);
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
    VUIParameters vui = s.vuiParams;
    boolean full = vui != null && vui.videoSignalTypePresentFlag && vui.videoFullRangeFlag;
    int matrix =
        vui != null && vui.videoSignalTypePresentFlag && vui.colourDescriptionPresentFlag
            ? vui.matrixCoefficients
            : MATRIX_UNSPECIFIED;
    return new SeqParameterSet((int) w, (int) h, full, matrix);
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
