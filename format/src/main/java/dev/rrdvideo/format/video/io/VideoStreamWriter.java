package dev.rrdvideo.format.video.io;

import dev.rrdvideo.format.RerunTarget;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one {@code VideoStream} entity in the canonical layout (video-data-model.md section 5,
 * listings a1, a2, b):
 *
 * <ol>
 *   <li>a static chunk with {@code VideoStream:codec} (and opacity / draw order when set), written
 *       when the writer is created;
 *   <li>sample chunks, one per GOP (a new chunk starts at every keyframe; very large GOPs are split
 *       at {@link #MAX_CHUNK_SAMPLES} samples or {@link #MAX_CHUNK_BYTES} bytes), each row one
 *       frame at its presentation time on one timeline;
 *   <li>at {@link #finish()}, a sparse marker chunk with {@code VideoStream:is_keyframe = true} at
 *       every keyframe's time, when the writer's {@link dev.rrdvideo.format.RerunTarget target} has
 *       that component (Rerun 0.32 and later; older viewers find keyframes in the bitstream).
 * </ol>
 *
 * <p>A codec the target's {@code VideoStream} lacks is refused by the {@link RrdWriter} when the
 * codec chunk is written, i.e. by {@link Builder#build()}; so is an opacity for Rerun 0.24, which
 * had no {@code VideoStream:opacity}.
 *
 * <p>Times must be strictly increasing (no duplicates: Rerun's query API would drop all but one
 * sample per time). Negative times are allowed (pre-roll samples before an MP4 edit list's start:
 * stored and decoded, never drawn) but unusual. The caller states which samples are keyframes; this
 * class does not parse bitstreams. Memory: one GOP of sample bytes plus one {@code long} per
 * keyframe. Not thread-safe.
 */
public final class VideoStreamWriter {
  /** Largest number of samples per chunk. */
  public static final int MAX_CHUNK_SAMPLES = 4096;

  /** Largest number of sample bytes per chunk (Arrow list offsets are 32-bit). */
  public static final int MAX_CHUNK_BYTES = 256 << 20;

  private final RrdWriter writer;
  private final StoreId store;
  private final EntityPath entity;
  private final String timeline;
  private final TimeType timeType;
  private final ChunkBuilder samples;
  private long[] keyframeTimes = new long[16];
  private int keyframeCount;
  private long lastTime = Long.MIN_VALUE;
  private long sampleCount;
  private boolean finished;

  /**
   * Returns a builder of a writer for {@code entity} of {@code recording}, written with {@code
   * writer}. Set the codec ({@link Builder#codec}, required); {@link Builder#build()} writes the
   * static codec chunk.
   */
  public static Builder builder(RrdWriter writer, StoreId recording, EntityPath entity) {
    return new Builder(writer, recording, entity);
  }

  /** Builds a {@link VideoStreamWriter}. */
  public static final class Builder {
    private final RrdWriter writer;
    private final StoreId store;
    private final EntityPath entity;
    private VideoCodec codec;
    private String timeline = "video";
    private TimeType timeType = TimeType.DURATION;
    private float opacity = Float.NaN;
    private float drawOrder = Float.NaN;
    private Map<String, String> codecChunkMetadata = Map.of();

    private Builder(RrdWriter writer, StoreId store, EntityPath entity) {
      this.writer = Objects.requireNonNull(writer, "writer is null");
      this.store = Objects.requireNonNull(store, "store is null");
      this.entity = Objects.requireNonNull(entity, "entity is null");
    }

    /** Sets the codec of every sample (required). */
    public Builder codec(VideoCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec is null");
      return this;
    }

    /**
     * Sets the timeline of the samples (default: {@code video}, a duration timeline; duration and
     * timestamp timelines take nanoseconds, sequence timelines frame numbers).
     */
    public Builder timeline(String name, TimeType type) {
      this.timeline = Objects.requireNonNull(name, "name is null");
      this.timeType = Objects.requireNonNull(type, "type is null");
      return this;
    }

    /** Sets a static opacity (0..1; Rerun 0.25 and later). Default: none. */
    public Builder opacity(float opacity) {
      if (!Float.isFinite(opacity)) {
        throw new IllegalArgumentException("opacity must be finite, was " + opacity);
      }
      this.opacity = opacity;
      return this;
    }

    /** Sets a static draw order. Default: none. */
    public Builder drawOrder(float drawOrder) {
      if (!Float.isFinite(drawOrder)) {
        throw new IllegalArgumentException("draw order must be finite, was " + drawOrder);
      }
      this.drawOrder = drawOrder;
      return this;
    }

    /**
     * Adds schema metadata to the codec chunk (rrdvideo records the source MP4 timescale there so
     * that an export can restore it; Rerun ignores such keys). Default: none.
     */
    public Builder codecChunkMetadata(Map<String, String> metadata) {
      this.codecChunkMetadata = Map.copyOf(metadata);
      return this;
    }

    /**
     * Creates the writer and writes the static codec chunk.
     *
     * @throws IllegalStateException if no codec was set
     * @throws UnsupportedFeatureException if the writer's target Rerun lacks the codec or the
     *     opacity
     */
    public VideoStreamWriter build() throws IOException {
      if (codec == null) {
        throw new IllegalStateException("no codec set");
      }
      return new VideoStreamWriter(this);
    }
  }

  private VideoStreamWriter(Builder builder) throws IOException {
    RrdWriter writer = builder.writer;
    EntityPath entity = builder.entity;
    VideoCodec codec = builder.codec;
    String timeline = builder.timeline;
    TimeType timeType = builder.timeType;
    float opacity = builder.opacity;
    float drawOrder = builder.drawOrder;
    Map<String, String> codecChunkMetadata = builder.codecChunkMetadata;
    this.writer = writer;
    this.store = builder.store;
    this.entity = entity;
    this.timeline = timeline;
    this.timeType = timeType;
    ChunkBuilder.Layout staticLayout =
        ChunkBuilder.forEntity(entity, writer.ids()).component(VideoStream.CODEC, CellType.UINT32);
    boolean hasOpacity = !Float.isNaN(opacity);
    boolean hasDrawOrder = !Float.isNaN(drawOrder);
    RerunTarget target = writer.options().target();
    if (hasOpacity && !target.hasStreamOpacity()) {
      throw new UnsupportedFeatureException(
          "VideoStream:opacity does not exist in Rerun "
              + target
              + " (it arrived in 0.25): leave the opacity out or write for a newer Rerun",
          null,
          RrdVideoException.UNKNOWN_OFFSET);
    }
    if (hasOpacity) {
      staticLayout.component(VideoStream.OPACITY, CellType.FLOAT32);
    }
    if (hasDrawOrder) {
      staticLayout.component(VideoStream.DRAW_ORDER, CellType.FLOAT32);
    }
    ChunkBuilder b = staticLayout.create();
    b.addRow();
    b.setUInt32(0, codec.wireValue());
    int c = 1;
    if (hasOpacity) {
      b.setFloat32(c++, opacity);
    }
    if (hasDrawOrder) {
      b.setFloat32(c, drawOrder);
    }
    try (Chunk chunk = b.build(codecChunkMetadata)) {
      writer.writeChunk(store, chunk);
    }
    this.samples =
        ChunkBuilder.forEntity(entity, writer.ids())
            .timeline(timeline, timeType)
            .component(VideoStream.SAMPLE, CellType.BYTES)
            .create();
  }

  /** Returns the number of samples added. */
  public long sampleCount() {
    return sampleCount;
  }

  /** Returns the number of keyframes added. */
  public int keyframeCount() {
    return keyframeCount;
  }

  /** Adds one frame ({@code data[off..off+len)}, copied) at {@code time}. */
  public void addSample(long time, byte[] data, int off, int len, boolean isKeyframe)
      throws IOException {
    Objects.checkFromIndexSize(off, len, data.length);
    prepare(time, len, isKeyframe);
    samples.setBytes(0, data, off, len);
  }

  /** Adds one frame (the remaining bytes of {@code data}, copied) at {@code time}. */
  public void addSample(long time, ByteBuffer data, boolean isKeyframe) throws IOException {
    prepare(time, data.remaining(), isKeyframe);
    samples.setBytes(0, data);
  }

  private void prepare(long time, int len, boolean isKeyframe) throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    if (time == Long.MIN_VALUE) {
      throw new IllegalArgumentException("Long.MIN_VALUE is reserved for static data");
    }
    if (sampleCount > 0 && time <= lastTime) {
      throw new IllegalArgumentException(
          "sample times must be strictly increasing: " + time + " after " + lastTime);
    }
    if (samples.rowCount() > 0
        && (isKeyframe
            || samples.rowCount() >= MAX_CHUNK_SAMPLES
            || (long) samples.bufferedBytes(0) + len > MAX_CHUNK_BYTES)) {
      writePending();
    }
    if (isKeyframe) {
      if (keyframeCount == keyframeTimes.length) {
        keyframeTimes = Arrays.copyOf(keyframeTimes, keyframeCount * 2);
      }
      keyframeTimes[keyframeCount++] = time;
    }
    lastTime = time;
    sampleCount++;
    samples.addRow();
    samples.setTime(0, time);
  }

  /**
   * Writes the samples added since the last chunk as a chunk now, instead of waiting for the next
   * keyframe. Live streaming calls it after every sample so that a viewer gets each frame as it is
   * encoded (then a GOP spans several chunks, the first of which starts with the keyframe). Does
   * nothing when no sample is pending.
   */
  public void flush() throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    writePending();
  }

  private void writePending() throws IOException {
    if (samples.rowCount() == 0) {
      return;
    }
    try (Chunk chunk = samples.build()) {
      writer.writeChunk(store, chunk);
    }
  }

  /**
   * Writes the last sample chunk and the keyframe marker chunk. Does not finish the {@link
   * RrdWriter}. Calling it again does nothing.
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    writePending();
    finished = true;
    if (keyframeCount == 0 || !writer.options().target().hasStreamKeyframeComponent()) {
      return;
    }
    ChunkBuilder marker =
        ChunkBuilder.forEntity(entity, writer.ids())
            .timeline(timeline, timeType)
            .component(VideoStream.IS_KEYFRAME, CellType.BOOL)
            .create();
    for (int i = 0; i < keyframeCount; i++) {
      if (marker.rowCount() == MAX_CHUNK_SAMPLES * 16) {
        try (Chunk chunk = marker.build()) {
          writer.writeChunk(store, chunk);
        }
      }
      marker.addRow();
      marker.setTime(0, keyframeTimes[i]);
      marker.setBool(0, true);
    }
    try (Chunk chunk = marker.build()) {
      writer.writeChunk(store, chunk);
    }
  }
}
