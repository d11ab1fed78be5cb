package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.bitstream.internal.ByteWindow;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a raw elementary stream into samples (one access unit / temporal unit each), streaming
 * with memory bounded by the largest unit.
 *
 * <p>H.264/H.265 Annex B: a new access unit starts, once the current one has a picture (VCL NAL
 * unit), at an access unit delimiter, a parameter set, a prefix SEI or a reserved prefix type, or
 * at a VCL NAL unit that starts a picture ({@code first_mb_in_slice == 0} / {@code
 * first_slice_segment_in_pic_flag == 1}) — the rules of H.264 7.4.1.2.3 and H.265 7.4.2.4.4, which
 * is also how ffmpeg splits packets. A unit begins at the start code of its first NAL unit (with
 * the leading zero of a 4-byte start code) and keeps any trailing zero bytes, so the units
 * concatenate back to the input byte for byte.
 *
 * <p>Damaged Annex B input: bytes before the first start code that are not leading zeros (which
 * Annex B allows) belong to no NAL unit; they are skipped, and {@link #skippedLeadingBytes()} says
 * how many, for the caller to warn. A stream with no start code in its first {@link
 * MediaLimits#MAX_ANNEX_B_LEADING_BYTES} bytes (or in all of a shorter one) is not an Annex B
 * stream: {@link BitstreamException} at offset 0.
 *
 * <p>AV1 low-overhead OBU streams ({@code .obu}): a temporal unit begins at each temporal delimiter
 * OBU. The stream must begin with a temporal delimiter, and every OBU must carry a size field, a
 * zero forbidden bit and a type that is not reserved; otherwise {@link BitstreamException} at the
 * OBU's offset (an OBU stream cannot be resynchronised, so nothing is skipped).
 *
 * <p>Not thread-safe; the current unit is valid until {@link #next()}.
 */
public final class AccessUnitReader {
  /** Largest unit accepted (256 MiB). */
  public static final int MAX_UNIT_BYTES = MediaLimits.MAX_UNIT_BYTES;

  private final ByteWindow w;
  private final VideoCodec codec;
  private final String source;
  private byte[] unit = new byte[1 << 16];
  private int unitSize;
  private long unitOffset;
  private int index = -1;
  private int scan;
  private boolean hasVcl;
  private boolean started;
  private long skippedLeadingBytes;

  private final int maxUnitBytes;

  private AccessUnitReader(InputStream in, VideoCodec codec, String source, int maxUnitBytes) {
    if (codec == VideoCodec.VP8 || codec == VideoCodec.VP9) {
      throw new IllegalArgumentException(codec + " has no raw elementary stream format; use IVF");
    }
    if (maxUnitBytes < 1 << 16) {
      throw new IllegalArgumentException(
          "maxUnitBytes must be at least 65536, was " + maxUnitBytes);
    }
    this.maxUnitBytes = maxUnitBytes;
    this.w = new ByteWindow(in, maxUnitBytes);
    this.codec = codec;
    this.source = source;
  }

  /** Opens a reader of an Annex B (H.264/H.265) or OBU (AV1) stream. */
  public static AccessUnitReader open(InputStream in, VideoCodec codec, String source) {
    return new AccessUnitReader(in, codec, source, MAX_UNIT_BYTES);
  }

  /**
   * Opens a reader with a limit on the unit size other than {@link #MAX_UNIT_BYTES} (at least 64
   * KiB); a larger unit, or an OBU declaring more, is a {@link BitstreamException}.
   */
  public static AccessUnitReader open(
      InputStream in, VideoCodec codec, String source, int maxUnitBytes) {
    return new AccessUnitReader(in, codec, source, maxUnitBytes);
  }

  /** Reads the next unit; returns false at the end of the stream. */
  public boolean next() throws IOException {
    return codec == VideoCodec.AV1 ? nextObu() : nextAnnexB();
  }

  /**
   * Returns the number of bytes before the first start code that were skipped (0 for a clean
   * stream; leading zero bytes are kept with the first unit). Known after the first {@link
   * #next()}.
   */
  public long skippedLeadingBytes() {
    return skippedLeadingBytes;
  }

  /**
   * Before the first unit: finds the first start code and drops the bytes before it (except the
   * zero bytes just before it, which Annex B allows as leading_zero_8bits).
   */
  private void skipToFirstStartCode() throws IOException {
    int from = 0;
    while (true) {
      byte[] b = w.buf();
      int lim = w.limit();
      int max = MediaLimits.MAX_ANNEX_B_LEADING_BYTES;
      int i = findStartCode(b, from, Math.min(lim, max));
      if (i >= 0) {
        int start = i;
        while (start > 0 && b[start - 1] == 0) {
          start--;
        }
        if (start > 0) {
          skippedLeadingBytes = start;
          w.discard(start);
        }
        return;
      }
      if (w.eof() || lim >= max || !w.fill()) { // fill() fails when the window is full
        int examined = Math.min(lim, max);
        throw new BitstreamException(
            "not an Annex B stream: no start code (00 00 01) in the first "
                + examined
                + " bytes"
                + (w.eof() && lim <= max
                    ? (lim == 0 ? " (the stream is empty)" : " (the whole stream)")
                    : ""),
            source,
            0,
            -1);
      }
      from = Math.max(0, lim - 2);
    }
  }

  private boolean nextAnnexB() throws IOException {
    if (!started && index < 0) {
      skipToFirstStartCode();
    }
    byte[] b;
    while (true) {
      b = w.buf();
      int lim = w.limit();
      int i = findStartCode(b, Math.max(scan, 0), lim);
      if (i < 0 || i + 6 > lim) {
        if (!w.eof()) {
          if (!w.fill()) {
            throw new BitstreamException(
                "access unit larger than " + maxUnitBytes + " bytes", source, w.base(), index + 1);
          }
          continue;
        }
        if (i >= 0 && i + 3 < lim) {
          // a NAL unit near the end: examine with what there is
        } else {
          if (lim == 0) {
            return false;
          }
          return emit(lim, lim);
        }
      }
      int nalAt = i + 3;
      // H.264 units start at the leading zero of a 4-byte start code, H.265 units at the 3-byte
      // code (the zero stays with the previous unit), matching ffmpeg's parsers byte for byte.
      int codeStart = codec == VideoCodec.H264 && i > 0 && b[i - 1] == 0 ? i - 1 : i;
      boolean startsUnit = startsNewUnit(b, nalAt, lim);
      if (started && startsUnit && hasVcl) {
        hasVcl = isVcl(b, nalAt);
        scan = nalAt;
        return emit(codeStart, codeStart);
      }
      started = true;
      hasVcl |= isVcl(b, nalAt);
      scan = nalAt;
    }
  }

  /** Copies {@code [0, end)} of the window into the unit and discards {@code [0, drop)}. */
  private boolean emit(int end, int drop) {
    if (unit.length < end) {
      unit = new byte[Math.max(end, unit.length * 2)];
    }
    System.arraycopy(w.buf(), 0, unit, 0, end);
    unitSize = end;
    unitOffset = w.base();
    w.discard(drop);
    scan = Math.max(0, scan - drop);
    index++;
    return true;
  }

  private static int findStartCode(byte[] b, int from, int lim) {
    for (int i = from; i + 2 < lim; i++) {
      if (b[i + 2] > 1) {
        i += 2;
        continue;
      }
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }

  private boolean isVcl(byte[] b, int nal) {
    if (codec == VideoCodec.H264) {
      int t = b[nal] & 0x1F;
      return t >= 1 && t <= 5;
    }
    int t = (b[nal] >> 1) & 0x3F;
    return t <= 31;
  }

  private boolean startsNewUnit(byte[] b, int nal, int lim) {
    if (codec == VideoCodec.H264) {
      int t = b[nal] & 0x1F;
      if (t == 9 || t == 7 || t == 8 || t == 6 || (t >= 14 && t <= 18)) {
        return true;
      }
      if (t >= 1 && t <= 5) {
        return nal + 1 < lim && (b[nal + 1] & 0x80) != 0; // first_mb_in_slice == 0
      }
      return false;
    }
    int t = (b[nal] >> 1) & 0x3F;
    if (t == 35
        || (t >= 32 && t <= 34)
        || t == 39
        || (t >= 41 && t <= 44)
        || (t >= 48 && t <= 55)) {
      return true;
    }
    if (t <= 31) {
      return nal + 2 < lim && (b[nal + 2] & 0x80) != 0; // first_slice_segment_in_pic_flag
    }
    return false;
  }

  private boolean nextObu() throws IOException {
    while (true) {
      byte[] b = w.buf();
      int lim = w.limit();
      if (scan >= lim) {
        if (w.eof()) {
          if (lim == 0) {
            return false;
          }
          return emit(lim, lim);
        }
        if (!w.fill()) {
          throw new BitstreamException(
              "temporal unit larger than " + maxUnitBytes + " bytes", source, w.base(), index + 1);
        }
        continue;
      }
      // parse the OBU header at scan: need header, extension and up to 8 leb128 bytes
      int need = Math.min(lim, scan + 10);
      if (need - scan < 10 && !w.eof()) {
        if (!w.fill()) {
          throw new BitstreamException(
              "temporal unit larger than " + maxUnitBytes + " bytes", source, w.base(), index + 1);
        }
        if (w.limit() > lim) {
          continue;
        }
      }
      int h = b[scan] & 0xFF;
      int type = (h >> 3) & 0xF;
      if ((h & 0x80) != 0) {
        throw new BitstreamException(
            "OBU header 0x" + Integer.toHexString(h) + ": forbidden bit set" + notObu(),
            source,
            w.base() + scan,
            index + 1);
      }
      if (type == 0 || (type >= 9 && type <= 14)) {
        throw new BitstreamException(
            "OBU header 0x" + Integer.toHexString(h) + ": reserved OBU type " + type + notObu(),
            source,
            w.base() + scan,
            index + 1);
      }
      if (index < 0 && scan == 0 && type != 2) {
        throw new BitstreamException(
            "not an AV1 OBU stream: expected a temporal delimiter OBU (header 0x12) first, found"
                + " OBU type "
                + type
                + " (header 0x"
                + Integer.toHexString(h)
                + ")",
            source,
            w.base(),
            0);
      }
      if ((h & 0x2) == 0) {
        throw new BitstreamException(
            "OBU without size field: expected the low-overhead format (obu_has_size_field = 1)",
            source,
            w.base() + scan,
            index + 1);
      }
      int p = scan + 1 + ((h & 0x4) != 0 ? 1 : 0);
      long size = 0;
      int shift = 0;
      while (true) {
        if (p >= lim) {
          throw new BitstreamException("truncated OBU size", source, w.base() + scan, index + 1);
        }
        int v = b[p++] & 0xFF;
        size |= (long) (v & 0x7F) << shift;
        shift += 7;
        if ((v & 0x80) == 0) {
          break;
        }
        if (shift > 56) {
          throw new BitstreamException("OBU size too long", source, w.base() + scan, index + 1);
        }
      }
      if (size > maxUnitBytes) {
        throw new BitstreamException(
            "OBU of " + size + " bytes: expected at most " + maxUnitBytes,
            source,
            w.base() + scan,
            index + 1);
      }
      if (type == 2 && scan > 0) {
        int end = scan;
        scan = 0;
        return emit(end, end);
      }
      long obuEnd = p + size;
      while (obuEnd > w.limit()) {
        if (w.eof()) {
          throw new BitstreamException(
              "OBU of " + size + " bytes runs past the end of the stream",
              source,
              w.base() + scan,
              index + 1);
        }
        if (!w.fill()) {
          throw new BitstreamException(
              "temporal unit larger than " + maxUnitBytes + " bytes", source, w.base(), index + 1);
        }
      }
      scan = (int) obuEnd;
    }
  }

  /** A hint for errors at the very start: the input is probably not an OBU stream at all. */
  private String notObu() {
    return index < 0 && scan == 0 ? " (not an AV1 low-overhead OBU stream?)" : "";
  }

  /** Returns the current unit's bytes (valid until {@link #next()}). */
  public byte[] unit() {
    return unit;
  }

  /** Returns the current unit's size. */
  public int unitSize() {
    return unitSize;
  }

  /** Returns the current unit's offset in the stream. */
  public long unitOffset() {
    return unitOffset;
  }

  /** Returns the 0-based index of the current unit. */
  public int index() {
    return index;
  }

  /**
   * Reads the remaining units into a sample table at a constant frame rate, since a raw stream has
   * no times: the timescale is {@code fps * 1000} ticks per second (rounded) and unit {@code i} is
   * at {@code i * 1000} ticks, both as decode and presentation time (a raw stream's presentation
   * order is not in the container; {@link PictureOrder} reads it from the bitstream); each unit
   * lasts 1000 ticks. Sizes and offsets are the units' as stored (start codes or temporal
   * delimiters included). Keyframes are the bitstream's ({@link SampleInspector}: the Rerun
   * viewer's rules). Memory: the table (about 40 bytes per unit) plus one unit.
   *
   * @param fps the frame rate, in (0, 10000)
   * @throws BitstreamException for a damaged stream, as {@link #next()}
   * @throws IllegalArgumentException for a frame rate outside (0, 10000)
   */
  public SampleTable readTable(double fps) throws IOException {
    if (!(fps > 0 && fps < 10_000)) {
      throw new IllegalArgumentException("frame rate must be in (0, 10000), was " + fps);
    }
    SampleTable.Builder b =
        SampleTable.builder(Timescale.of(Math.max(1, Math.round(fps * 1000))), codec);
    SampleInspector inspector = new SampleInspector();
    while (next()) {
      inspector.inspect(codec, unit, 0, unitSize);
      long t = index * 1000L;
      b.add(t, t, 1000, unitSize, unitOffset, inspector.keyframe());
    }
    return b.build();
  }
}
