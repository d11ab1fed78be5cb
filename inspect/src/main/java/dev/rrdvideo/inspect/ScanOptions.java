package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.MediaKind;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What {@link SampleScanner} reads and computes: the kind of input and how a recording is read, the
 * entity and timeline to use in a recording, whether to hash samples, where the bitstream analyzers
 * come from, and an optional sink that sees every sample's payload.
 *
 * <p>Defaults ({@link #defaults()}): the kind told by the file ({@link MediaKind#detect}), {@link
 * RrdReadOptions#defaults()}, every video entity, each on the timeline of its samples ({@code
 * message_log_time} first when there are several, as the viewer does), no hashing, a {@link
 * BitstreamAnalyzer} per stream, no payload sink, the first video track of an MP4. An option that
 * is not set is absent ({@link Optional}), never {@code null}.
 */
public final class ScanOptions {
  /**
   * Receives sample payloads: Annex B for H.264/H.265 (MP4 samples are converted, without adding
   * parameter sets), OBUs for AV1, frames for VP8/VP9. The buffer is valid during the call only.
   */
  @FunctionalInterface
  public interface PayloadSink {
    /** Called once per sample, in decode order. */
    void payload(VideoCodec codec, ByteBuffer sample);
  }

  private static final ScanOptions DEFAULTS = builder().build();

  private final MediaKind kind;
  private final RrdReadOptions readOptions;
  private final EntityPath entity;
  private final String timeline;
  private final boolean hash;
  private final Supplier<? extends SampleAnalyzer> analyzers;
  private final PayloadSink payloads;
  private final Long trackId;
  private final PtsRange ptsRange;
  private final PtsRange ptsNanosRange;
  private final boolean skipOutsideRange;
  private final ScanStats stats;

  private ScanOptions(Builder b) {
    this.kind = b.kind;
    this.readOptions = b.readOptions;
    this.entity = b.entity;
    this.timeline = b.timeline;
    this.hash = b.hash;
    this.analyzers = b.analyzers;
    this.payloads = b.payloads;
    this.trackId = b.trackId;
    this.ptsRange = b.ptsRange;
    this.ptsNanosRange = b.ptsNanosRange;
    this.skipOutsideRange = b.skipOutsideRange;
    this.stats = b.stats;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the defaults. */
  public static ScanOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.readOptions = readOptions;
    b.entity = entity;
    b.timeline = timeline;
    b.hash = hash;
    b.analyzers = analyzers;
    b.payloads = payloads;
    b.trackId = trackId;
    b.ptsRange = ptsRange;
    b.ptsNanosRange = ptsNanosRange;
    b.skipOutsideRange = skipOutsideRange;
    b.stats = stats;
    return b;
  }

  /** Returns the kind of the input; absent: told by the file ({@link MediaKind#detect}). */
  public Optional<MediaKind> kind() {
    return Optional.ofNullable(kind);
  }

  /** Returns how a recording is read (limits, strictness, where its warnings go). */
  public RrdReadOptions readOptions() {
    return readOptions;
  }

  /** Returns the entity to scan in a recording; absent: every video entity. */
  public Optional<EntityPath> entity() {
    return Optional.ofNullable(entity);
  }

  /**
   * Returns the timeline to read a recording's times from; absent: per entity, the timeline of its
   * samples ({@code message_log_time} first when there are several, as the viewer does).
   */
  public Optional<String> timeline() {
    return Optional.ofNullable(timeline);
  }

  /** Returns whether the SHA-256 of each sample is computed. */
  public boolean hash() {
    return hash;
  }

  /**
   * Returns the factory of the bitstream analyzers: the scanners take a new analyzer for every
   * stream (entity, track or file), so that what an analyzer remembers between samples (parameter
   * sets, a sequence header) is never applied to another stream.
   */
  public Supplier<? extends SampleAnalyzer> analyzers() {
    return analyzers;
  }

  /** Returns the sink that receives each sample's payload before its row; absent: none. */
  public Optional<PayloadSink> payloads() {
    return Optional.ofNullable(payloads);
  }

  /**
   * Returns the MP4 track to scan ({@code track_ID}); absent: the first video track. Applies to MP4
   * input only.
   */
  public OptionalLong trackId() {
    return trackId == null ? OptionalLong.empty() : OptionalLong.of(trackId);
  }

  /**
   * Returns the range of {@code pts} values to scan: listeners get only the rows whose {@code pts}
   * is in it; absent: every row.
   */
  public Optional<PtsRange> ptsRange() {
    return Optional.ofNullable(ptsRange);
  }

  /**
   * Returns the range of {@code pts_ns} values to scan: listeners get only the rows whose {@code
   * pts_ns} is present and in it; absent: every row.
   */
  public Optional<PtsRange> ptsNanosRange() {
    return Optional.ofNullable(ptsNanosRange);
  }

  /**
   * Returns whether the sample chunks of a recording that hold no time of the ranges are left
   * unread even before a chunk that does (see {@link Builder#skipOutsideRange}).
   */
  public boolean skipOutsideRange() {
    return skipOutsideRange;
  }

  /** Returns the counters scans add to; absent: none. */
  public Optional<ScanStats> stats() {
    return Optional.ofNullable(stats);
  }

  /** Returns the counters, or null (for the scanners). */
  ScanStats statsOrNull() {
    return stats;
  }

  /** Returns whether a range restricts the rows. */
  boolean windowed() {
    return ptsRange != null || ptsNanosRange != null;
  }

  /** Returns whether a row is in the ranges. */
  boolean inRange(SampleRow row) {
    return (ptsRange == null || ptsRange.contains(row.pts))
        && (ptsNanosRange == null
            || (row.ptsNanos != SampleRow.ABSENT && ptsNanosRange.contains(row.ptsNanos)));
  }

  /** Returns these options for MP4 track {@code trackId} ({@code null}: the first video track). */
  public ScanOptions withTrackId(Long trackId) {
    Builder b = toBuilder();
    b.trackId = trackId;
    return b.build();
  }

  /**
   * Returns these options with another analyzer factory ({@code () -> SampleAnalyzer.NONE}: no
   * bitstream columns).
   */
  public ScanOptions withAnalyzers(Supplier<? extends SampleAnalyzer> analyzers) {
    return toBuilder().analyzers(analyzers).build();
  }

  /** Returns the payload sink, or null (for the scanners' per-sample loop). */
  PayloadSink payloadSink() {
    return payloads;
  }

  /** Returns the entity, or null (for the scanners). */
  EntityPath entityOrNull() {
    return entity;
  }

  /** Returns the timeline, or null (for the scanners). */
  String timelineOrNull() {
    return timeline;
  }

  /**
   * Returns whether a scan with these options looks at the samples' bytes: to hash them, to hand
   * them to the payload sink, or to analyze them (the analyzer factory gives anything but {@link
   * SampleAnalyzer#NONE}; asked once more per recording). Without, a recording's chunks stored
   * uncompressed are read without the samples' bytes.
   */
  boolean needsSampleBytes() {
    return hash || payloads != null || analyzers.get() != SampleAnalyzer.NONE;
  }

  /** Returns a new analyzer for the next stream (the scanners call this once per stream). */
  SampleAnalyzer newAnalyzer() {
    return Objects.requireNonNull(analyzers.get(), "the analyzer factory returned null");
  }

  /** Builds {@link ScanOptions}. Setters refuse {@code null}: leave an option unset instead. */
  public static final class Builder {
    private MediaKind kind;
    private RrdReadOptions readOptions = RrdReadOptions.defaults();
    private EntityPath entity;
    private String timeline;
    private boolean hash;
    private Supplier<? extends SampleAnalyzer> analyzers = BitstreamAnalyzer::new;
    private PayloadSink payloads;
    private Long trackId;
    private PtsRange ptsRange;
    private PtsRange ptsNanosRange;
    private boolean skipOutsideRange;
    private ScanStats stats;

    private Builder() {}

    /** Sets the kind of the input (for inputs whose name and first bytes do not tell). */
    public Builder kind(MediaKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind is null");
      return this;
    }

    /** Sets how a recording is read (default: {@link RrdReadOptions#defaults()}). */
    public Builder readOptions(RrdReadOptions readOptions) {
      this.readOptions = Objects.requireNonNull(readOptions, "readOptions is null");
      return this;
    }

    /** Scans only this entity of a recording. */
    public Builder entity(EntityPath entity) {
      this.entity = Objects.requireNonNull(entity, "entity is null");
      return this;
    }

    /** Reads a recording's times from this timeline. */
    public Builder timeline(String timeline) {
      this.timeline = Objects.requireNonNull(timeline, "timeline is null");
      return this;
    }

    /** Sets whether to compute the SHA-256 of each sample (default: no). */
    public Builder hash(boolean hash) {
      this.hash = hash;
      return this;
    }

    /**
     * Sets the factory of the bitstream analyzers, called once per stream (default: {@code
     * BitstreamAnalyzer::new}; {@code () -> SampleAnalyzer.NONE} leaves the bitstream columns
     * absent). With {@code NONE}, no hash and no payload sink nothing looks at the samples' bytes:
     * an MP4's are not read, and a recording's chunks stored uncompressed are read without them
     * (the rows are the same; {@link ScanStats#sampleChunksWithoutBytes()} counts those chunks).
     */
    public Builder analyzers(Supplier<? extends SampleAnalyzer> analyzers) {
      this.analyzers = Objects.requireNonNull(analyzers, "analyzers is null");
      return this;
    }

    /** Sets a sink that receives each sample's payload before its row is emitted. */
    public Builder payloads(PayloadSink payloads) {
      this.payloads = Objects.requireNonNull(payloads, "payloads is null");
      return this;
    }

    /**
     * Scans MP4 track {@code trackId} ({@code track_ID}) instead of the first video track; applies
     * to MP4 input only.
     */
    public Builder trackId(long trackId) {
      this.trackId = trackId;
      return this;
    }

    /**
     * Scans only the samples whose {@code pts} is in {@code range}: listeners get those rows only,
     * with the values a scan of everything gives them. In a recording, sample chunks whose time
     * range (from the file's index) lies outside are not decoded when nothing after them is in the
     * range, and neither when {@link #skipOutsideRange} says so.
     */
    public Builder ptsRange(PtsRange range) {
      this.ptsRange = Objects.requireNonNull(range, "range is null");
      return this;
    }

    /**
     * Scans only the samples whose {@code pts_ns} is present and in {@code range}, as {@link
     * #ptsRange} does for {@code pts}.
     */
    public Builder ptsNanosRange(PtsRange range) {
      this.ptsNanosRange = Objects.requireNonNull(range, "range is null");
      return this;
    }

    /**
     * Sets whether the sample chunks of a recording that hold no time of the ranges are left unread
     * also before chunks that do (default: no). They are read by default because the rows after
     * them depend on them: {@code sample_index} and {@code gop_index} count the samples and
     * keyframes before, {@code width}, {@code height} and {@code frame_type} come from parameter
     * sets sent earlier. With {@code true}, after a chunk left unread those five values are absent
     * in the stream's rows: for callers that do not use them.
     */
    public Builder skipOutsideRange(boolean skip) {
      this.skipOutsideRange = skip;
      return this;
    }

    /** Sets counters that scans with these options add to (what they read and skipped). */
    public Builder stats(ScanStats stats) {
      this.stats = Objects.requireNonNull(stats, "stats is null");
      return this;
    }

    /** Returns the options. */
    public ScanOptions build() {
      return new ScanOptions(this);
    }
  }
}
