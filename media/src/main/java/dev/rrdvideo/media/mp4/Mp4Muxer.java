package dev.rrdvideo.media.mp4;

import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.mp4.internal.Fourcc;
import dev.rrdvideo.media.mp4.internal.MoovParser;
import dev.rrdvideo.media.mp4.internal.MoovWriter;
import dev.rrdvideo.media.mp4.internal.MuxPlan;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a progressive MP4 ({@code ftyp}, {@code moov}, then one {@code mdat}) holding one video
 * track, from a {@link SampleTable} and a {@link SampleSource} that supplies the payloads.
 *
 * <p>Because {@code moov} comes first, its sample sizes and chunk offsets must be known before any
 * media data is written: they come from the table, so only the table is held in memory and each
 * payload is requested once, in decode order, into one reused buffer. The output needs no seeking,
 * so any {@link OutputStream} works.
 *
 * <p><b>Timing.</b> The table's decode times become {@code stts} deltas (the last sample keeps its
 * table duration) and {@code pts - dts} becomes {@code ctts} (written only if some offset is not 0;
 * version 1 if one is negative). MP4 decode times start at 0, so the media timeline is the table's
 * shifted by its first decode time {@code dts0}. The media timescale is the table's when every
 * value fits the 32-bit fields; otherwise it is divided by the greatest common divisor of the
 * timescale and all deltas and offsets, which keeps every time exact (an exactly equivalent
 * timescale). If even that does not fit, {@link UnsupportedFeatureException} is thrown.
 *
 * <p><b>Edit list.</b> By default ({@code edts} written only when needed) the presentation keeps
 * the table's presentation times: with {@code ptsMin} the smallest pts, nothing is written when
 * {@code dts0 == 0 && ptsMin == 0}; a positive {@code ptsMin} gives an empty edit of that length
 * followed by an edit starting at media time {@code ptsMin - dts0}; a negative {@code ptsMin} gives
 * one edit starting at media time {@code -dts0} (the samples before presentation time 0 are decoded
 * but not shown). {@link Builder#editList} writes a given list instead (e.g. the source file's, to
 * keep it on a round trip).
 *
 * <p><b>Chunks.</b> A chunk starts at every keyframe and after {@link
 * Builder#maxSamplesPerChunk(int)} samples. Chunk offsets use {@code stco}, or {@code co64} when an
 * offset exceeds 32 bits; {@code mdat} uses a 64-bit size when needed.
 *
 * <p>Instances are immutable and may be used from several threads; each {@code write} call is
 * independent.
 */
public final class Mp4Muxer {

  /** Supplies sample payloads to the muxer. */
  @FunctionalInterface
  public interface SampleSource {
    /**
     * Copies the payload of sample {@code index} to the start of {@code dst}.
     *
     * @param index sample index in decode order; called once per sample, in increasing order
     * @param dst a buffer at least as large as the sample (owned by the muxer, reused)
     * @return the number of bytes written, which must equal the table's size of the sample
     */
    int read(int index, byte[] dst) throws IOException;
  }

  private final DecoderConfig config;
  private final int width;
  private final int height;
  private final String sampleEntryType;
  private final byte[] compressorName;
  private final int maxSamplesPerChunk;
  private final Timescale editMovieTimescale;
  private final List<EditListEntry> edits;
  private final int[] displayMatrix;

  private Mp4Muxer(Builder b) {
    this.config = b.config;
    this.width = b.width;
    this.height = b.height;
    this.sampleEntryType = b.sampleEntryType;
    this.compressorName = b.compressorName;
    this.maxSamplesPerChunk = b.maxSamplesPerChunk;
    this.editMovieTimescale = b.editMovieTimescale;
    this.edits = b.edits;
    this.displayMatrix = b.displayMatrix.clone();
  }

  /**
   * Returns a builder for a muxer of one video track.
   *
   * @param config the decoder configuration written into the sample entry
   * @param widthPixels coded width for the sample entry and track header (1..65535)
   * @param heightPixels coded height (1..65535)
   */
  public static Builder builder(DecoderConfig config, int widthPixels, int heightPixels) {
    return new Builder(config, widthPixels, heightPixels);
  }

  /** Options of a {@link Mp4Muxer}. Not thread-safe. */
  public static final class Builder {
    private final DecoderConfig config;
    private final int width;
    private final int height;
    private String sampleEntryType;
    private byte[] compressorName = "rrdvideo".getBytes(StandardCharsets.UTF_8);
    private int maxSamplesPerChunk = 30;
    private Timescale editMovieTimescale;
    private List<EditListEntry> edits;
    private int[] displayMatrix = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

    private Builder(DecoderConfig config, int width, int height) {
      this.config = Objects.requireNonNull(config, "config is null");
      if (width < 1 || width > 0xFFFF || height < 1 || height > 0xFFFF) {
        throw new IllegalArgumentException(
            "width and height must be in 1..65535, were " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
    }

    /**
     * Sets the sample entry FourCC. Defaults: {@code avc1} for {@link AvcConfig}; {@code hvc1} for
     * {@link HevcConfig} when it holds complete VPS, SPS and PPS arrays, else {@code hev1}; {@code
     * av01}; for {@link VpConfig} {@code vp08} or {@code vp09} following the table's codec.
     *
     * @param fourcc avc1 or avc3 for H.264, hvc1 or hev1 for H.265, av01, vp08 or vp09
     * @throws IllegalArgumentException if the entry does not match the configuration record
     */
    public Builder sampleEntryType(String fourcc) {
      Objects.requireNonNull(fourcc, "fourcc is null");
      VideoCodec codec = fourcc.length() == 4 ? MoovParser.codecOf(Fourcc.of(fourcc)) : null;
      if (codec == null || !configMatches(config, codec)) {
        throw new IllegalArgumentException(
            "sample entry '" + fourcc + "' does not carry a " + config.boxType() + " record");
      }
      this.sampleEntryType = fourcc;
      return this;
    }

    /** Sets the compressor name of the sample entry (at most 31 bytes of UTF-8). */
    public Builder compressorName(String name) {
      byte[] b = name.getBytes(StandardCharsets.UTF_8);
      if (b.length > 31) {
        throw new IllegalArgumentException(
            "compressor name is limited to 31 bytes, was " + b.length);
      }
      this.compressorName = b;
      return this;
    }

    /**
     * Sets the largest number of samples per chunk (default 30); chunks also start at keyframes.
     */
    public Builder maxSamplesPerChunk(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxSamplesPerChunk must be >= 1, was " + n);
      }
      this.maxSamplesPerChunk = n;
      return this;
    }

    /**
     * Writes the given edit list instead of the automatic one; an empty list writes none. Segment
     * durations are in {@code movieTimescale}, which becomes the {@code mvhd} timescale; media
     * times are on the table's time line in the table's timescale (they are shifted and scaled like
     * the samples, and must stay exact).
     */
    public Builder editList(Timescale movieTimescale, List<EditListEntry> edits) {
      Objects.requireNonNull(movieTimescale, "movieTimescale is null");
      if (movieTimescale.ticksPerSecond() > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(
            "movie timescale must fit in 32 bits, was " + movieTimescale.ticksPerSecond());
      }
      this.editMovieTimescale = movieTimescale;
      this.edits = List.copyOf(edits);
      return this;
    }

    /**
     * Sets the {@code tkhd} transformation matrix (default: identity), e.g. the source track's
     * {@link Mp4Track#displayMatrix()} to keep its rotation.
     *
     * @param matrix nine values {a, b, u, c, d, v, x, y, w} as stored in tkhd
     */
    public Builder displayMatrix(int[] matrix) {
      if (matrix.length != 9) {
        throw new IllegalArgumentException("a matrix has 9 values, found " + matrix.length);
      }
      this.displayMatrix = matrix.clone();
      return this;
    }

    /** Returns the muxer. */
    public Mp4Muxer build() {
      return new Mp4Muxer(this);
    }
  }

  private static boolean configMatches(DecoderConfig config, VideoCodec codec) {
    if (config instanceof AvcConfig) {
      return codec == VideoCodec.H264;
    } else if (config instanceof HevcConfig) {
      return codec == VideoCodec.H265;
    } else if (config instanceof Av1Config) {
      return codec == VideoCodec.AV1;
    }
    return codec == VideoCodec.VP8 || codec == VideoCodec.VP9;
  }

  private String entryType(SampleTable table) {
    if (table.codec() != null && !configMatches(config, table.codec())) {
      throw new IllegalArgumentException(
          "table codec " + table.codec() + " does not match the " + config.boxType() + " record");
    }
    if (sampleEntryType != null) {
      VideoCodec c = MoovParser.codecOf(Fourcc.of(sampleEntryType));
      if (table.codec() != null && c != table.codec()) {
        throw new IllegalArgumentException(
            "sample entry " + sampleEntryType + " does not match table codec " + table.codec());
      }
      return sampleEntryType;
    }
    if (config instanceof AvcConfig) {
      return "avc1";
    } else if (config instanceof Av1Config) {
      return "av01";
    } else if (config instanceof HevcConfig h) {
      boolean vps = false;
      boolean sps = false;
      boolean pps = false;
      for (HevcConfig.NalArray a : h.arrays()) {
        boolean full = a.arrayCompleteness() && !a.nalUnits().isEmpty();
        vps |= full && a.nalUnitType() == HevcConfig.NAL_VPS;
        sps |= full && a.nalUnitType() == HevcConfig.NAL_SPS;
        pps |= full && a.nalUnitType() == HevcConfig.NAL_PPS;
      }
      return vps && sps && pps ? "hvc1" : "hev1";
    }
    if (table.codec() == null) {
      throw new IllegalArgumentException(
          "a vpcC record serves VP8 and VP9: set the table codec or sampleEntryType");
    }
    return table.codec() == VideoCodec.VP8 ? "vp08" : "vp09";
  }

  /**
   * Writes the MP4 to a file (created or replaced).
   *
   * @return the number of bytes written
   * @see #write(SampleTable, SampleSource, OutputStream)
   */
  public long write(SampleTable table, SampleSource source, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      return write(table, source, out);
    }
  }

  /**
   * Writes the MP4 to a stream (not closed).
   *
   * @param table the samples in decode order: dts non-decreasing; sizes, keyframe flags, dts, pts
   *     and the last sample's duration are used, offsets are ignored
   * @param source supplies each payload once, in decode order
   * @return the number of bytes written
   * @throws UnsupportedFeatureException if the times cannot be stored exactly in MP4's 32-bit
   *     fields even after reducing the timescale
   * @throws IllegalArgumentException if the table does not match the configuration, decode times
   *     decrease, or the source returns a different size than the table
   * @throws IOException if the source or the stream fails
   */
  public long write(SampleTable table, SampleSource source, OutputStream out) throws IOException {
    Objects.requireNonNull(table, "table is null");
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(out, "out is null");
    MuxPlan plan = plan(table);

    byte[] ftyp = MoovWriter.ftyp(plan);
    long dataBytes = table.totalBytes();
    long[] chunkOffset = new long[plan.chunkCount];
    boolean co64 = false;
    byte[] moov = MoovWriter.moov(plan, chunkOffset, false); // sizes only: offsets follow
    int mdatHeader = dataBytes + 8 > 0xFFFF_FFFFL ? 16 : 8;
    for (int pass = 0; pass < 2; pass++) {
      long pos = (long) ftyp.length + moov.length + mdatHeader;
      int sample = 0;
      for (int c = 0; c < plan.chunkCount; c++) {
        chunkOffset[c] = pos;
        int n = MoovWriter.chunkSamples(plan, c);
        for (int k = 0; k < n; k++) {
          pos += plan.size[sample++];
        }
      }
      co64 = plan.chunkCount > 0 && chunkOffset[plan.chunkCount - 1] > 0xFFFF_FFFFL;
      moov = MoovWriter.moov(plan, chunkOffset, co64); // same size as before unless co64 changed
      if (!co64) {
        break;
      }
    }

    out.write(ftyp);
    out.write(moov);
    if (mdatHeader == 16) {
      out.write(new byte[] {0, 0, 0, 1, 'm', 'd', 'a', 't'});
      writeLong(out, dataBytes + 16);
    } else {
      writeInt(out, (int) (dataBytes + 8));
      out.write(new byte[] {'m', 'd', 'a', 't'});
    }
    int max = 0;
    for (int i = 0; i < plan.count; i++) {
      max = Math.max(max, plan.size[i]);
    }
    byte[] buf = new byte[max];
    for (int i = 0; i < plan.count; i++) {
      int n = source.read(i, buf);
      if (n != plan.size[i]) {
        throw new IllegalArgumentException(
            "sample source returned "
                + n
                + " bytes for sample "
                + i
                + ", the table says "
                + plan.size[i]);
      }
      out.write(buf, 0, n);
    }
    out.flush();
    return (long) ftyp.length + moov.length + mdatHeader + dataBytes;
  }

  private static void writeInt(OutputStream out, int v) throws IOException {
    out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
  }

  private static void writeLong(OutputStream out, long v) throws IOException {
    writeInt(out, (int) (v >>> 32));
    writeInt(out, (int) v);
  }

  // ------------------------------------------------------------------ planning

  private MuxPlan plan(SampleTable t) throws UnsupportedFeatureException {
    String entry = entryType(t);
    MuxPlan p = new MuxPlan();
    p.sampleEntryType = Fourcc.of(entry);
    p.configBoxType = Fourcc.of(config.boxType());
    p.configPayload = config.toBytes();
    p.width = width;
    p.height = height;
    p.compressorName = compressorName;
    p.displayMatrix = displayMatrix;
    int n = t.size();
    p.count = n;
    long dts0 = n > 0 ? t.dtsTicks(0) : 0;

    long[] delta = new long[n];
    long[] cto = new long[n];
    long ptsMin = Long.MAX_VALUE;
    long ptsEnd = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      long d = i + 1 < n ? t.dtsTicks(i + 1) - t.dtsTicks(i) : t.durationTicks(i);
      if (d < 0) {
        throw new IllegalArgumentException(
            (i + 1 < n ? "decode times decrease at sample " + (i + 1) : "negative last duration")
                + ": "
                + t.dtsTicks(i)
                + " then "
                + (i + 1 < n ? t.dtsTicks(i + 1) : d));
      }
      delta[i] = d;
      cto[i] = t.ptsTicks(i) - t.dtsTicks(i);
      ptsMin = Math.min(ptsMin, t.ptsTicks(i));
      ptsEnd = Math.max(ptsEnd, t.ptsTicks(i) + d);
    }

    // Edit list in table ticks (media times relative to dts0), before any scaling.
    long movieTs;
    List<long[]> editTicks = new ArrayList<>(); // {segment, mediaTime (table ticks, -1), rate}
    List<EditListEntry> explicit = edits;
    if (explicit == null && n > 0 && (dts0 != 0 || ptsMin != 0)) {
      long start = Math.max(ptsMin, 0);
      if (ptsMin > 0) {
        editTicks.add(new long[] {ptsMin, -1});
      }
      if (start - dts0 < 0) {
        throw new UnsupportedFeatureException(
            "presentation start: expected a media time >= 0 for pts "
                + start
                + ", found "
                + (start - dts0)
                + " (first dts "
                + dts0
                + " is after the first pts)",
            null,
            -1);
      }
      editTicks.add(new long[] {ptsEnd - start, start - dts0});
    }

    // Choose the media timescale: the table's, or reduced by a common divisor if needed.
    long ts = t.timescale().ticksPerSecond();
    long g = 0;
    boolean fits = ts <= 0xFFFF_FFFFL;
    for (int i = 0; i < n; i++) {
      fits &=
          delta[i] <= 0xFFFF_FFFFL && cto[i] >= Integer.MIN_VALUE && cto[i] <= Integer.MAX_VALUE;
    }
    if (!fits) {
      g = ts;
      for (int i = 0; i < n; i++) {
        g = gcd(g, delta[i]);
        g = gcd(g, Math.abs(cto[i]));
      }
      for (long[] e : editTicks) {
        g = gcd(g, e[0]);
        g = gcd(g, Math.max(e[1], 0));
      }
      if (explicit != null) {
        for (EditListEntry e : explicit) {
          if (!e.isEmpty()) {
            g = gcd(g, Math.abs(e.mediaTime() - dts0));
          }
        }
      }
      ts /= g;
      boolean ok = ts <= 0xFFFF_FFFFL;
      for (int i = 0; i < n && ok; i++) {
        ok =
            delta[i] / g <= 0xFFFF_FFFFL
                && cto[i] / g >= Integer.MIN_VALUE
                && cto[i] / g <= Integer.MAX_VALUE;
      }
      if (!ok) {
        throw new UnsupportedFeatureException(
            "sample times: expected decode deltas below 2^32 and composition offsets within"
                + " 32-bit range in some exact MP4 timescale, found none (table timescale "
                + t.timescale().ticksPerSecond()
                + ")",
            null,
            -1);
      }
    } else {
      g = 1;
    }
    p.mediaTimescale = ts;
    p.delta = new long[n];
    p.compositionOffset = new int[n];
    long mediaDuration = 0;
    for (int i = 0; i < n; i++) {
      p.delta[i] = delta[i] / g;
      p.compositionOffset[i] = (int) (cto[i] / g);
      p.writeCtts |= cto[i] != 0;
      p.cttsVersion1 |= cto[i] < 0;
      mediaDuration += p.delta[i];
    }
    p.mediaDuration = mediaDuration;

    List<EditListEntry> out = new ArrayList<>();
    if (explicit != null) {
      movieTs = editMovieTimescale.ticksPerSecond();
      long total = 0;
      for (EditListEntry e : explicit) {
        long mediaTime = -1;
        if (!e.isEmpty()) {
          long rel = e.mediaTime() - dts0;
          if (rel < 0 || rel % g != 0) {
            throw new IllegalArgumentException(
                "edit media time "
                    + e.mediaTime()
                    + " is before the first decode time "
                    + dts0
                    + " or not exact in the written timescale");
          }
          mediaTime = rel / g;
        }
        out.add(
            new EditListEntry(
                e.segmentDuration(), mediaTime, e.mediaRateInteger(), e.mediaRateFraction()));
        total += e.segmentDuration();
      }
      p.movieDuration = explicit.isEmpty() ? ceilDiv(mediaDuration * movieTs, ts) : total;
    } else {
      movieTs = ts;
      long total = 0;
      for (long[] e : editTicks) {
        long seg = e[0] / g;
        out.add(e[1] < 0 ? EditListEntry.empty(seg) : EditListEntry.of(seg, e[1] / g));
        total += seg;
      }
      p.movieDuration = editTicks.isEmpty() ? mediaDuration : total;
    }
    p.movieTimescale = movieTs;
    p.edits = List.copyOf(out);

    p.size = new int[n];
    p.sync = new boolean[n];
    int[] chunkFirst = new int[Math.max(1, n)];
    int chunks = 0;
    int inChunk = 0;
    for (int i = 0; i < n; i++) {
      p.size[i] = t.sizeBytes(i);
      p.sync[i] = t.isKeyframe(i);
      if (i == 0 || p.sync[i] || inChunk == maxSamplesPerChunk) {
        chunkFirst[chunks++] = i;
        inChunk = 0;
      }
      inChunk++;
    }
    p.chunkFirstSample = chunkFirst;
    p.chunkCount = chunks;

    List<String> brands = new ArrayList<>();
    brands.add("isom");
    brands.add(p.cttsVersion1 ? "iso6" : "iso2");
    brands.add("mp41");
    if (p.sampleEntryType == Fourcc.AV01) {
      brands.add("av01");
    }
    p.compatibleBrands = brands;
    return p;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long r = a % b;
      a = b;
      b = r;
    }
    return a;
  }
}
