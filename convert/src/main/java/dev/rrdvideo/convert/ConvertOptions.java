package dev.rrdvideo.convert;

import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RerunTarget;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.media.MediaLimits;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Immutable options of a conversion ({@link Converter}): how input recordings are read, which
 * entity, timeline and track, the timing of inputs without times, the shape of a recording written
 * and the Rerun release it is written for.
 *
 * <p>Defaults: {@code VideoStream} mode, the entity named after the input file (a recording input:
 * the first or every video entity), timeline {@code video} of type duration when writing (a
 * recording input: the timeline of the samples), the first video track of an MP4, edit lists
 * applied, 30 fps for streams without times, LZ4, footer on, written for Rerun {@link
 * RerunTarget#DEFAULT}, recordings read with {@link RrdReadOptions#defaults()}. An option that is
 * not set is absent ({@link Optional}), never {@code null}.
 */
public final class ConvertOptions {
  /** The timeline written when none is set. */
  public static final String DEFAULT_TIMELINE = "video";

  /** The frame rate assumed when none is set. */
  public static final double DEFAULT_FPS = 30;

  /** How video goes into a recording. */
  public enum Mode {
    /** One {@code VideoStream} sample per frame (no B-frames possible). */
    STREAM,
    /** The whole MP4 as an {@code AssetVideo} blob plus {@code VideoFrameReference} rows. */
    ASSET
  }

  /**
   * What to do with an MP4 edit list in {@link Mode#STREAM}.
   *
   * <p>{@link #APPLY} (default) presents each sample at its media time minus the first normal
   * edit's media time plus any leading empty edits, as players (and ffprobe) do, so a delayed start
   * survives a round trip; samples before the edit (pre-roll) get negative times, which the viewer
   * never draws. {@link #SHIFT} does what Rerun's own MP4 reader does: ignores the edit list and
   * shifts all times so that the smallest presentation time is 0. {@link Mode#ASSET} always uses
   * {@link #SHIFT}, because that is the zero point the viewer's MP4 player uses for {@code
   * VideoFrameReference} timestamps.
   */
  public enum EditListPolicy {
    /** Apply the first normal edit and leading empty edits. */
    APPLY,
    /** Ignore edits; smallest presentation time becomes 0 (Rerun's behaviour). */
    SHIFT
  }

  private final Mode mode;
  private final @Nullable EntityPath entity;
  private final @Nullable String timeline;
  private final TimeType timeType;
  private final @Nullable Long trackId;
  private final EditListPolicy editList;
  private final double fps;
  private final long @Nullable [] timestampsNanos;
  private final String applicationId;
  private final @Nullable String recordingId;
  private final Compression compression;
  private final boolean emitFooter;
  private final RerunTarget target;
  private final RrdReadOptions readOptions;

  private ConvertOptions(Builder b) {
    this.mode = b.mode;
    this.entity = b.entity;
    this.timeline = b.timeline;
    this.timeType = b.timeType;
    this.trackId = b.trackId;
    this.editList = b.editList;
    this.fps = b.fps;
    this.timestampsNanos = b.timestampsNanos;
    this.applicationId = b.applicationId;
    this.recordingId = b.recordingId;
    this.compression = b.compression;
    this.emitFooter = b.emitFooter;
    this.target = b.target;
    this.readOptions = b.readOptions;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the defaults. */
  public static ConvertOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mode = mode;
    b.entity = entity;
    b.timeline = timeline;
    b.timeType = timeType;
    b.trackId = trackId;
    b.editList = editList;
    b.fps = fps;
    b.timestampsNanos = timestampsNanos;
    b.applicationId = applicationId;
    b.recordingId = recordingId;
    b.compression = compression;
    b.emitFooter = emitFooter;
    b.target = target;
    b.readOptions = readOptions;
    return b;
  }

  /** Returns how video goes into a recording written. */
  public Mode mode() {
    return mode;
  }

  /**
   * Returns the entity: the one written (absent: named after the input file), or the one read from
   * a recording input (absent: the first video entity; for a recording output, every one).
   */
  public Optional<EntityPath> entity() {
    return Optional.ofNullable(entity);
  }

  /**
   * Returns the timeline: the one written (absent: {@value #DEFAULT_TIMELINE}), or the one a {@code
   * VideoStream} is read on (absent: the timeline of its samples, {@code message_log_time} first).
   */
  public Optional<String> timeline() {
    return Optional.ofNullable(timeline);
  }

  /** Returns the timeline written: the one set, else {@value #DEFAULT_TIMELINE}. */
  String timelineWritten() {
    return timeline != null ? timeline : DEFAULT_TIMELINE;
  }

  /** Returns the type of the timeline written. */
  public TimeType timeType() {
    return timeType;
  }

  /** Returns the MP4 track ({@code track_ID}) to convert; absent: the first video track. */
  public OptionalLong trackId() {
    return trackId == null ? OptionalLong.empty() : OptionalLong.of(trackId);
  }

  /** Returns the edit-list policy. */
  public EditListPolicy editList() {
    return editList;
  }

  /**
   * Returns the frame rate of raw streams without times (unless {@link #timestampsNanos()} are set)
   * and of a sequence timeline exported to MP4.
   */
  public double fps() {
    return fps;
  }

  /**
   * Returns the presentation times (ns, strictly increasing) of the samples of a raw stream or IVF
   * file imported, one per sample, instead of a frame rate (raw) or the file's own times (IVF).
   */
  public Optional<long[]> timestampsNanos() {
    return timestampsNanos == null ? Optional.empty() : Optional.of(timestampsNanos.clone());
  }

  /** Returns the list set with {@link Builder#timestampsNanos}, not copied, or null. */
  long @Nullable [] timestampsOrNull() {
    return timestampsNanos;
  }

  /** Returns the application id of the recording written. */
  public String applicationId() {
    return applicationId;
  }

  /** Returns the recording id of the recording written; absent: a fresh one. */
  public Optional<String> recordingId() {
    return Optional.ofNullable(recordingId);
  }

  /** Returns the chunk compression. */
  public Compression compression() {
    return compression;
  }

  /** Returns the writer options these options imply (compression, footer, target). */
  public RrdWriteOptions writeOptions() {
    return RrdWriteOptions.builder()
        .compression(compression)
        .emitFooter(emitFooter)
        .target(target)
        .build();
  }

  /**
   * Returns the Rerun release the recording is written for ({@link
   * RrdWriteOptions.Builder#target}); a {@code VideoStream} of a codec that release lacks is
   * refused with {@link dev.rrdvideo.format.error.UnsupportedFeatureException} ({@link Mode#ASSET}
   * plays everywhere).
   */
  public RerunTarget target() {
    return target;
  }

  /** Returns whether the recording gets a footer index. */
  public boolean emitFooter() {
    return emitFooter;
  }

  /**
   * Returns how recordings are read (limits, strictness: whether a damaged recording is an error or
   * salvaged with warnings, which go to the read options' warning consumer).
   */
  public RrdReadOptions readOptions() {
    return readOptions;
  }

  /** Builds {@link ConvertOptions}. Setters refuse {@code null}: leave an option unset instead. */
  public static final class Builder {
    private Mode mode = Mode.STREAM;
    private @Nullable EntityPath entity;
    private @Nullable String timeline;
    private TimeType timeType = TimeType.DURATION;
    private @Nullable Long trackId;
    private EditListPolicy editList = EditListPolicy.APPLY;
    private double fps = DEFAULT_FPS;
    private long @Nullable [] timestampsNanos;
    private String applicationId = "rrdvideo";
    private @Nullable String recordingId;
    private Compression compression = Compression.AUTO;
    private boolean emitFooter = true;
    private RerunTarget target = RerunTarget.DEFAULT;
    private RrdReadOptions readOptions = RrdReadOptions.defaults();

    private Builder() {}

    /** Sets the mode. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode is null");
      return this;
    }

    /** Sets the entity written, or read from a recording (see {@link ConvertOptions#entity()}). */
    public Builder entity(EntityPath entity) {
      this.entity = Objects.requireNonNull(entity, "entity is null");
      return this;
    }

    /** Sets the timeline written, or read (see {@link ConvertOptions#timeline()}). */
    public Builder timeline(String timeline) {
      if (timeline == null || timeline.isEmpty()) {
        throw new IllegalArgumentException("timeline name must not be empty");
      }
      this.timeline = timeline;
      return this;
    }

    /** Sets the timeline type (sequence timelines get frame numbers). */
    public Builder timeType(TimeType timeType) {
      this.timeType = Objects.requireNonNull(timeType, "timeType is null");
      return this;
    }

    /** Sets the MP4 track id ({@code track_ID}). */
    public Builder trackId(long trackId) {
      this.trackId = trackId;
      return this;
    }

    /** Sets the edit-list policy. */
    public Builder editList(EditListPolicy editList) {
      this.editList = Objects.requireNonNull(editList, "editList is null");
      return this;
    }

    /**
     * Sets the frame rate of streams without times and of sequence timelines exported to MP4.
     *
     * @throws IllegalArgumentException unless {@code 0 < fps < 10000}
     */
    public Builder fps(double fps) {
      if (!(fps > 0 && fps < 10_000)) {
        throw new IllegalArgumentException("frame rate must be in (0, 10000), was " + fps);
      }
      this.fps = fps;
      return this;
    }

    /**
     * Sets the sample times of an imported raw stream (or IVF file), in ns (copied).
     *
     * @throws IllegalArgumentException if the times are not strictly increasing or not within
     *     {@link MediaLimits#MAX_ABS_TIME_NANOS} (a caller that reads them from a file validates
     *     them first, to report the line)
     */
    public Builder timestampsNanos(long[] timestampsNanos) {
      long[] t = timestampsNanos.clone();
      for (int i = 0; i < t.length; i++) {
        if (!MediaLimits.nanosInRange(t[i])) {
          throw new IllegalArgumentException(
              "timestamp " + i + " (" + t[i] + " ns) is outside " + MediaLimits.TIME_RANGE);
        }
        if (i > 0 && t[i] <= t[i - 1]) {
          throw new IllegalArgumentException(
              "timestamps must be strictly increasing: entry "
                  + i
                  + " ("
                  + t[i]
                  + " ns) is not after entry "
                  + (i - 1)
                  + " ("
                  + t[i - 1]
                  + " ns)");
        }
      }
      this.timestampsNanos = t;
      return this;
    }

    /** Sets the application id. */
    public Builder applicationId(String applicationId) {
      this.applicationId = Objects.requireNonNull(applicationId, "applicationId is null");
      return this;
    }

    /** Sets the recording id (unset: a fresh one). */
    public Builder recordingId(String recordingId) {
      this.recordingId = Objects.requireNonNull(recordingId, "recordingId is null");
      return this;
    }

    /** Sets the chunk compression. */
    public Builder compression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression is null");
      return this;
    }

    /** Sets whether to write a footer index. */
    public Builder emitFooter(boolean emitFooter) {
      this.emitFooter = emitFooter;
      return this;
    }

    /** Sets the Rerun release to write for (default {@link RerunTarget#DEFAULT}). */
    public Builder target(RerunTarget target) {
      this.target = Objects.requireNonNull(target, "target is null");
      return this;
    }

    /** Sets how input recordings are read (default: {@link RrdReadOptions#defaults()}). */
    public Builder readOptions(RrdReadOptions readOptions) {
      this.readOptions = Objects.requireNonNull(readOptions, "readOptions is null");
      return this;
    }

    /** Returns the options. */
    public ConvertOptions build() {
      return new ConvertOptions(this);
    }
  }
}
