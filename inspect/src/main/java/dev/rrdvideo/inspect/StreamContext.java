package dev.rrdvideo.inspect;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.bitstream.ObuCursor;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the samples of a stream before some point leave behind for the rows after it: how many
 * samples and keyframes came before ({@code sample_index}, {@code gop_index}), the last picture
 * size the bitstream gave ({@code width}, {@code height}) and the parameter sets later frame
 * headers are read with (H.265 picture parameter sets, AV1 sequence headers: {@code frame_type}).
 *
 * <p>{@link RecordingParts#scan} takes the context before a part of a recording and returns the
 * context after it; {@link #then} composes the contexts of consecutive parts, so the parts of a
 * stream can be scanned in parallel once their contexts are known. A context whose samples were not
 * {@linkplain #analyzed() analyzed} counts samples only; one that is not {@linkplain #resumable()
 * resumable} (parts skipped, more distinct parameter sets than kept, the codec changed) cannot
 * continue a stream. An immutable value.
 */
public final class StreamContext implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Most distinct parameter sets a context keeps. */
  static final int MAX_UNITS = 64;

  /** Most bytes of parameter sets a context keeps. */
  static final int MAX_UNIT_BYTES = 16 << 10;

  private static final int HEVC_PPS = 34;

  /** The start of a stream: nothing before it. */
  public static final StreamContext START =
      new StreamContext(0, 0, -1, -1, null, List.of(), true, true);

  private final long samples;
  private final long keyframes;
  private final int width;
  private final int height;
  private final VideoCodec codec;

  /** Parameter set units by last occurrence (Annex B NAL units without start code; AV1 OBUs). */
  private final List<byte[]> units;

  private final boolean analyzed;
  private final boolean resumable;

  private StreamContext(
      long samples,
      long keyframes,
      int width,
      int height,
      VideoCodec codec,
      List<byte[]> units,
      boolean analyzed,
      boolean resumable) {
    this.samples = samples;
    this.keyframes = keyframes;
    this.width = width;
    this.height = height;
    this.codec = codec;
    this.units = units;
    this.analyzed = analyzed;
    this.resumable = resumable;
  }

  /** Returns the number of samples. */
  public long samples() {
    return samples;
  }

  /**
   * Returns the number of keyframes (by the bitstream where it was analyzed, else as declared), as
   * {@code gop_index} counts them.
   */
  public long keyframes() {
    return keyframes;
  }

  /** Returns the last picture width the bitstream gave, or -1. */
  public int width() {
    return width;
  }

  /** Returns the last picture height the bitstream gave, or -1. */
  public int height() {
    return height;
  }

  /** Returns the codec of the analyzed samples, or {@code null} when none was analyzed. */
  public VideoCodec codec() {
    return codec;
  }

  /**
   * Returns whether the samples' bitstreams were analyzed: keyframes by the bitstream, sizes and
   * parameter sets known. A context that was not analyzed gives {@code sample_index} only.
   */
  public boolean analyzed() {
    return analyzed;
  }

  /**
   * Returns whether a scan can continue the stream from here: false if some samples were skipped
   * (not counted), the codec changed, or there were more distinct parameter sets than a context
   * keeps ({@value #MAX_UNITS}, {@value #MAX_UNIT_BYTES} bytes).
   */
  public boolean resumable() {
    return resumable;
  }

  /** Returns the number of parameter set units kept. */
  public int parameterSets() {
    return units.size();
  }

  /**
   * Returns this context followed by {@code next}, the context of the samples that come right after
   * (a part scanned from {@code null}, that is as if the stream started there).
   */
  public StreamContext then(StreamContext next) {
    Objects.requireNonNull(next, "next is null");
    boolean ok = resumable && next.resumable;
    VideoCodec c = codec;
    if (next.codec != null) {
      if (c != null && c != next.codec) {
        ok = false;
      }
      c = next.codec;
    }
    List<byte[]> merged = new ArrayList<>(units.size() + next.units.size());
    for (byte[] u : units) {
      if (indexOf(next.units, u) < 0) {
        merged.add(u);
      }
    }
    merged.addAll(next.units);
    if (!withinLimits(merged)) {
      ok = false;
      merged = List.of();
    }
    return new StreamContext(
        samples + next.samples,
        keyframes + next.keyframes,
        next.width >= 0 ? next.width : width,
        next.width >= 0 ? next.height : height,
        c,
        List.copyOf(merged),
        analyzed && next.analyzed,
        ok);
  }

  /**
   * Returns the parameter sets as one sample of {@link #codec()}: Annex B NAL units with 4-byte
   * start codes, or AV1 OBUs one after another; empty when there are none.
   */
  byte[] parameterSetSample() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] u : units) {
      if (codec != VideoCodec.AV1) {
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(1);
      }
      out.writeBytes(u);
    }
    return out.toByteArray();
  }

  private static int indexOf(List<byte[]> list, byte[] u) {
    for (int i = 0; i < list.size(); i++) {
      if (Arrays.equals(list.get(i), u)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean withinLimits(List<byte[]> units) {
    if (units.size() > MAX_UNITS) {
      return false;
    }
    long bytes = 0;
    for (byte[] u : units) {
      bytes += u.length;
    }
    return bytes <= MAX_UNIT_BYTES;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StreamContext c)) {
      return false;
    }
    if (samples != c.samples
        || keyframes != c.keyframes
        || width != c.width
        || height != c.height
        || codec != c.codec
        || analyzed != c.analyzed
        || resumable != c.resumable
        || units.size() != c.units.size()) {
      return false;
    }
    for (int i = 0; i < units.size(); i++) {
      if (!Arrays.equals(units.get(i), c.units.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(samples, keyframes, width, height, codec, analyzed, resumable);
    for (byte[] u : units) {
      h = 31 * h + Arrays.hashCode(u);
    }
    return h;
  }

  @Override
  public String toString() {
    return "StreamContext[samples="
        + samples
        + ", keyframes="
        + keyframes
        + ", width="
        + width
        + ", height="
        + height
        + ", codec="
        + codec
        + ", parameterSets="
        + units.size()
        + ", analyzed="
        + analyzed
        + ", resumable="
        + resumable
        + "]";
  }

  /**
   * Gathers the context of consecutive samples of one stream (the scanners call {@link #add} for
   * each sample in decode order). Keeps the distinct parameter sets by last occurrence, bounded.
   */
  static final class Builder {
    private final AnnexB.Cursor nals = new AnnexB.Cursor();
    private final ObuCursor obus = new ObuCursor();
    private final List<byte[]> units = new ArrayList<>();
    private byte[] buf = new byte[0];
    private int off;
    private long unitBytes;
    private long samples;
    private long keyframes;
    private int width = -1;
    private int height = -1;
    private VideoCodec codec;
    private boolean analyzed = true;
    private boolean resumable = true;

    /**
     * Adds one sample.
     *
     * @param row its row, with the analyzer's results (its picture size as the analyzer carries it)
     * @param codec its codec, or null when unknown
     * @param bitstream whether an analyzer looked at its bytes (decided by the scan, not by the
     *     row: an empty or unrecognized sample leaves {@code keyframe_bitstream} absent in an
     *     analyzed scan too)
     * @param keyframe whether it counts as a keyframe for {@code gop_index}
     * @param sample its bytes (position untouched), or null when they were not read
     */
    void add(
        SampleRow row,
        VideoCodec codec,
        boolean bitstream,
        boolean keyframe,
        java.nio.ByteBuffer sample) {
      samples++;
      if (keyframe) {
        keyframes++;
      }
      if (codec == null) {
        return;
      }
      if (!bitstream) {
        analyzed = false;
        return;
      }
      if (this.codec != null && this.codec != codec) {
        resumable = false;
      }
      this.codec = codec;
      if (row.width > 0) {
        width = row.width;
        height = row.height;
      }
      if (!resumable) {
        return;
      }
      if (codec == VideoCodec.H265 && BitstreamAnalyzer.hasType(row.nalTypes, HEVC_PPS)) {
        byte[] b = bytes(sample);
        nals.reset(b, off, sample.remaining());
        while (nals.next()) {
          if (nals.length() >= 2 && AnnexB.h265Type(b, nals.start()) == HEVC_PPS) {
            keep(Arrays.copyOfRange(b, nals.start(), nals.start() + nals.length()));
          }
        }
      } else if (codec == VideoCodec.AV1
          && BitstreamAnalyzer.hasType(row.nalTypes, ObuCursor.SEQUENCE_HEADER)) {
        byte[] b = bytes(sample);
        obus.reset(b, off, sample.remaining());
        while (obus.next() && obus.sized()) {
          if (obus.type() == ObuCursor.SEQUENCE_HEADER) {
            keep(Arrays.copyOfRange(b, obus.start(), obus.payloadEnd()));
          }
        }
      }
    }

    /** Returns the sample's bytes from {@link #off} on: its array, or a copy in {@link #buf}. */
    private byte[] bytes(java.nio.ByteBuffer sample) {
      if (sample.hasArray()) {
        off = sample.arrayOffset() + sample.position();
        return sample.array();
      }
      if (buf.length < sample.remaining()) {
        buf = new byte[Math.max(sample.remaining(), buf.length * 2)];
      }
      sample.duplicate().get(buf, 0, sample.remaining());
      off = 0;
      return buf;
    }

    private void keep(byte[] unit) {
      int i = indexOf(units, unit);
      if (i >= 0) {
        units.remove(i);
        units.add(unit);
        return;
      }
      units.add(unit);
      unitBytes += unit.length;
      if (units.size() > MAX_UNITS || unitBytes > MAX_UNIT_BYTES) {
        resumable = false;
        units.clear();
        unitBytes = 0;
      }
    }

    /** Marks the context as not resumable (samples were skipped). */
    void skipped() {
      resumable = false;
    }

    /** Returns the context of the samples added (as if the stream started with the first). */
    StreamContext build() {
      return new StreamContext(
          samples,
          keyframes,
          width,
          height,
          codec,
          resumable ? List.copyOf(units) : List.of(),
          analyzed,
          resumable);
    }
  }
}
