package dev.rrdvideo.convert;

import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RerunTarget;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.chunk.TimeType;
import java.util.Objects;

/**
 * Immutable options of the converters. Defaults: {@code VideoStream} mode, timeline {@code video}
 * of type duration, the entity named after the input file, edit lists applied, LZ4, footer on,
 * written for Rerun {@link RerunTarget#DEFAULT 0.33}.
 */
public final class ConvertOptions {
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
  private final String entityPath;
  private final String timeline;
  private final TimeType timeType;
  private final Long trackId;
  private final EditListPolicy editList;
  private final String applicationId;
  private final String recordingId;
  private final Compression compression;
  private final boolean emitFooter;
  private final RerunTarget target;
  private final RrdReadOptions readOptions;

  private ConvertOptions(Builder b) {
    this.mode = b.mode;
    this.entityPath = b.entityPath;
    this.timeline = b.timeline;
    this.timeType = b.timeType;
    this.trackId = b.trackId;
    this.editList = b.editList;
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

  /** Returns the mode. */
  public Mode mode() {
    return mode;
  }

  /** Returns the entity path, or {@code null} to name it after the input file. */
  public String entityPath() {
    return entityPath;
  }

  /** Returns the timeline name. */
  public String timeline() {
    return timeline;
  }

  /** Returns the timeline type. */
  public TimeType timeType() {
    return timeType;
  }

  /** Returns the MP4 track id to convert, or {@code null} for the first video track. */
  public Long trackId() {
    return trackId;
  }

  /** Returns the edit-list policy. */
  public EditListPolicy editList() {
    return editList;
  }

  /** Returns the application id of the recording written. */
  public String applicationId() {
    return applicationId;
  }

  /** Returns the recording id, or {@code null} for a fresh one. */
  public String recordingId() {
    return recordingId;
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
   * refused with {@link dev.rrdvideo.format.UnsupportedFeatureException} ({@link Mode#ASSET} plays
   * everywhere).
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
   * salvaged with warnings); {@link RrdReadOptions#defaults()} unless set.
   */
  public RrdReadOptions readOptions() {
    return readOptions;
  }

  /** Builds {@link ConvertOptions}. */
  public static final class Builder {
    private Mode mode = Mode.STREAM;
    private String entityPath;
    private String timeline = "video";
    private TimeType timeType = TimeType.DURATION;
    private Long trackId;
    private EditListPolicy editList = EditListPolicy.APPLY;
    private String applicationId = "rrdvideo";
    private String recordingId;
    private Compression compression = Compression.LZ4;
    private boolean emitFooter = true;
    private RerunTarget target = RerunTarget.DEFAULT;
    private RrdReadOptions readOptions = RrdReadOptions.defaults();

    private Builder() {}

    /** Sets the mode. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode);
      return this;
    }

    /** Sets the entity path (null: named after the input file). */
    public Builder entityPath(String entityPath) {
      this.entityPath = entityPath;
      return this;
    }

    /** Sets the timeline name. */
    public Builder timeline(String timeline) {
      if (timeline == null || timeline.isEmpty()) {
        throw new IllegalArgumentException("timeline name must not be empty");
      }
      this.timeline = timeline;
      return this;
    }

    /** Sets the timeline type (sequence timelines get frame numbers). */
    public Builder timeType(TimeType timeType) {
      this.timeType = Objects.requireNonNull(timeType);
      return this;
    }

    /** Sets the MP4 track id (null: first video track). */
    public Builder trackId(Long trackId) {
      this.trackId = trackId;
      return this;
    }

    /** Sets the edit-list policy. */
    public Builder editList(EditListPolicy editList) {
      this.editList = Objects.requireNonNull(editList);
      return this;
    }

    /** Sets the application id. */
    public Builder applicationId(String applicationId) {
      this.applicationId = Objects.requireNonNull(applicationId);
      return this;
    }

    /** Sets the recording id (null: fresh). */
    public Builder recordingId(String recordingId) {
      this.recordingId = recordingId;
      return this;
    }

    /** Sets the chunk compression. */
    public Builder compression(Compression compression) {
      this.compression = Objects.requireNonNull(compression);
      return this;
    }

    /** Sets whether to write a footer index. */
    public Builder emitFooter(boolean emitFooter) {
      this.emitFooter = emitFooter;
      return this;
    }

    /** Sets the Rerun release to write for (default {@link RerunTarget#DEFAULT}). */
    public Builder target(RerunTarget target) {
      this.target = Objects.requireNonNull(target);
      return this;
    }

    /** Sets how input recordings are read (default: {@link RrdReadOptions#defaults()}). */
    public Builder readOptions(RrdReadOptions readOptions) {
      this.readOptions = Objects.requireNonNull(readOptions);
      return this;
    }

    /** Returns the options. */
    public ConvertOptions build() {
      return new ConvertOptions(this);
    }
  }
}
