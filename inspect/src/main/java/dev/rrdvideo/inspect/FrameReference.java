package dev.rrdvideo.inspect;

/**
 * One {@code VideoFrameReference} row of a recording and what the Rerun viewer shows for it: which
 * {@code AssetVideo} it points at and which frame of that video its timestamp selects.
 *
 * <p>The target is the entity's {@code VideoFrameReference:video_reference} latest at the row's
 * time on its timeline (a static value first; logged once, it holds for the rows after it), else
 * the reference's own entity path, as the viewer resolves it. The timestamp is converted to the
 * video track's timescale as the viewer does (nanoseconds to seconds to ticks in 64-bit floating
 * point, rounded half away from zero) and looked up among the frames' presentation times as the
 * viewer's MP4 reader sees them (the track's composition times, minus the smallest one for samples
 * in {@code moov}; edit lists are not applied). The viewer shows the frame with the greatest
 * presentation time at or before the requested one. A reference <em>resolves</em> when its time is
 * exactly a frame's presentation time ({@link Status#FRAME}); see {@link Status} for the others.
 *
 * <p>A single instance is reused for every reference a scan reports; listeners must copy what they
 * keep. Absent values are {@code null} (objects), {@link SampleRow#ABSENT} (longs) or -1 (frame and
 * sample indices).
 */
public final class FrameReference {
  /** How a reference's timestamp relates to the frames of its video. */
  public enum Status {
    /** Exactly the presentation time of a frame: the viewer shows that frame. */
    FRAME("frame"),
    /**
     * Between the presentation times of two frames: the viewer shows the earlier one, so the
     * reference's time and the picture disagree.
     */
    BETWEEN_FRAMES("between-frames"),
    /** After the last frame's presentation time: the viewer keeps showing the last frame. */
    PAST_LAST_FRAME("past-last-frame"),
    /** Before the first frame (or negative): the viewer shows no frame. */
    BEFORE_FIRST_FRAME("before-first-frame"),
    /**
     * The target entity has no {@code AssetVideo} blob (or none yet at the reference's time on its
     * timeline): the viewer says "No video asset".
     */
    NO_ASSET("no-asset");

    private final String id;

    Status(String id) {
      this.id = id;
    }

    /** Returns the stable name used in tables and reports. */
    public String id() {
      return id;
    }
  }

  String entity;
  String video;
  String timeline;
  long time = SampleRow.ABSENT;
  boolean nanosTimeline;
  long videoTimestampNanos;
  long videoTicks = SampleRow.ABSENT;
  Status status;
  long frame = -1;
  long sampleIndex = -1;
  long framePtsTicks = SampleRow.ABSENT;
  String chunkId;
  long index;

  /** Returns the entity path of the {@code VideoFrameReference} row. */
  public String entity() {
    return entity;
  }

  /**
   * Returns the entity path of the video it points at: the latest {@code video_reference} of its
   * entity at its time, else its own entity path (the text as stored when it is not a valid entity
   * path).
   */
  public String video() {
    return video;
  }

  /** Returns the timeline the reference's time is read from, or {@code null} for a static row. */
  public String timeline() {
    return timeline;
  }

  /**
   * Returns the reference's time on {@link #timeline()} in the timeline's own unit (nanoseconds, or
   * a sequence number), or {@link SampleRow#ABSENT} for a static row.
   */
  public long time() {
    return time;
  }

  /** Returns whether {@link #time()} is in nanoseconds (a duration or timestamp timeline). */
  public boolean nanosTimeline() {
    return nanosTimeline;
  }

  /** Returns {@code VideoFrameReference:timestamp}: nanoseconds since the start of the video. */
  public long videoTimestampNanos() {
    return videoTimestampNanos;
  }

  /**
   * Returns the timestamp in the video track's ticks as the viewer converts it, or {@link
   * SampleRow#ABSENT} when there is no video.
   */
  public long videoTicks() {
    return videoTicks;
  }

  /** Returns how the timestamp relates to the video's frames. */
  public Status status() {
    return status;
  }

  /**
   * Returns the 0-based presentation-order index of the frame the viewer shows for this reference
   * (for {@link Status#BETWEEN_FRAMES} the earlier frame, for {@link Status#PAST_LAST_FRAME} the
   * last), or -1 when it shows none.
   */
  public long frame() {
    return frame;
  }

  /**
   * Returns the decode-order index of that frame (the {@code sample_index} of the sample table), or
   * -1.
   */
  public long sampleIndex() {
    return sampleIndex;
  }

  /**
   * Returns that frame's presentation time in track ticks as the viewer sees it, or {@link
   * SampleRow#ABSENT}.
   */
  public long framePtsTicks() {
    return framePtsTicks;
  }

  /** Returns the id of the chunk holding the reference row. */
  public String chunkId() {
    return chunkId;
  }

  /** Returns the 0-based position of this reference among those reported for its video. */
  public long index() {
    return index;
  }
}
