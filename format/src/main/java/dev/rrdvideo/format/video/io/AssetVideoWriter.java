package dev.rrdvideo.format.video.io;

import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.VideoFrameReference;
import java.io.IOException;
import java.util.Objects;

/**
 * Writes one {@code AssetVideo} entity: a static chunk with the file as a blob and its media type,
 * then {@code VideoFrameReference} rows that show frame {@code i} at its presentation time
 * (timeline value = {@code VideoFrameReference:timestamp} = presentation time in ns, ascending), as
 * Rerun's importer does.
 */
public final class AssetVideoWriter {
  /** Frame-reference rows per chunk. */
  public static final int ROWS_PER_CHUNK = 65536;

  private AssetVideoWriter() {}

  /**
   * Returns a builder of the {@code AssetVideo} entity {@code entity} of {@code recording}, written
   * with {@code writer}: set the blob ({@link Builder#blob}, required), then {@link
   * Builder#write()}.
   */
  public static Builder builder(RrdWriter writer, StoreId recording, EntityPath entity) {
    return new Builder(writer, recording, entity);
  }

  /** Builds and writes one {@code AssetVideo} entity. */
  public static final class Builder {
    private final RrdWriter writer;
    private final StoreId store;
    private final EntityPath entity;
    private byte[] blob;
    private int off;
    private int len;
    private String mediaType;
    private long[] frameTimesNanos = new long[0];
    private int frameCount;
    private String timeline = "video";
    private TimeType timeType = TimeType.DURATION;
    private long videoTimeZeroNanos;

    private Builder(RrdWriter writer, StoreId store, EntityPath entity) {
      this.writer = Objects.requireNonNull(writer, "writer is null");
      this.store = Objects.requireNonNull(store, "store is null");
      this.entity = Objects.requireNonNull(entity, "entity is null");
    }

    /** Sets the whole video file: {@code blob[off..off+len)}, copied when written (required). */
    public Builder blob(byte[] blob, int off, int len) {
      Objects.checkFromIndexSize(off, len, blob.length);
      this.blob = blob;
      this.off = off;
      this.len = len;
      return this;
    }

    /** Sets the media type, e.g. {@link AssetVideo#MEDIA_TYPE_MP4}. Default: none written. */
    public Builder mediaType(String mediaType) {
      this.mediaType = Objects.requireNonNull(mediaType, "mediaType is null");
      return this;
    }

    /**
     * Sets the presentation times (ns, ascending) of the frames referenced: the first {@code count}
     * of {@code timesNanos} (not copied: written by {@link #write()}). Default: no frame
     * references.
     */
    public Builder frameTimesNanos(long[] timesNanos, int count) {
      Objects.checkFromIndexSize(0, count, timesNanos.length);
      this.frameTimesNanos = timesNanos;
      this.frameCount = count;
      return this;
    }

    /** Sets the timeline of the frame references (default: {@code video}, a duration timeline). */
    public Builder timeline(String name, TimeType type) {
      this.timeline = Objects.requireNonNull(name, "name is null");
      this.timeType = Objects.requireNonNull(type, "type is null");
      return this;
    }

    /**
     * Offsets the frame-reference timestamps: row {@code i} is at {@code frameTimesNanos[i]} on the
     * timeline and shows video time {@code frameTimesNanos[i] - videoTimeZeroNanos} (the video's
     * own clock starts at its first frame). Default: 0.
     */
    public Builder videoTimeZeroNanos(long videoTimeZeroNanos) {
      this.videoTimeZeroNanos = videoTimeZeroNanos;
      return this;
    }

    /**
     * Writes the asset chunk and the frame-reference chunks.
     *
     * @throws IllegalStateException if no blob was set
     * @throws IllegalArgumentException if the frame times are not ascending
     */
    public void write() throws IOException {
      if (blob == null) {
        throw new IllegalStateException("no blob set");
      }
      AssetVideoWriter.write(this);
    }
  }

  private static void write(Builder b) throws IOException {
    RrdWriter writer = b.writer;
    StoreId store = b.store;
    EntityPath entity = b.entity;
    byte[] blob = b.blob;
    int off = b.off;
    int len = b.len;
    String mediaType = b.mediaType;
    long[] frameTimesNanos = b.frameTimesNanos;
    int frameCount = b.frameCount;
    String timeline = b.timeline;
    TimeType timeType = b.timeType;
    long videoTimeZeroNanos = b.videoTimeZeroNanos;
    for (int i = 1; i < frameCount; i++) {
      if (frameTimesNanos[i] < frameTimesNanos[i - 1]) {
        throw new IllegalArgumentException("frame times must be sorted ascending");
      }
    }
    ChunkBuilder.Layout l =
        ChunkBuilder.forEntity(entity, writer.ids()).component(AssetVideo.BLOB, CellType.BYTES);
    if (mediaType != null) {
      l.component(AssetVideo.MEDIA_TYPE, CellType.UTF8);
    }
    ChunkBuilder asset = l.create();
    asset.addRow();
    asset.setBytes(0, blob, off, len);
    if (mediaType != null) {
      asset.setUtf8(1, mediaType);
    }
    try (Chunk chunk = asset.build()) {
      writer.writeChunk(store, chunk);
    }
    ChunkBuilder refs =
        ChunkBuilder.forEntity(entity, writer.ids())
            .timeline(timeline, timeType)
            .component(VideoFrameReference.TIMESTAMP, CellType.INT64)
            .create();
    for (int i = 0; i < frameCount; i++) {
      if (refs.rowCount() == ROWS_PER_CHUNK) {
        try (Chunk chunk = refs.build()) {
          writer.writeChunk(store, chunk);
        }
      }
      refs.addRow();
      refs.setTime(0, frameTimesNanos[i]);
      refs.setInt64(0, frameTimesNanos[i] - videoTimeZeroNanos);
    }
    if (refs.rowCount() > 0) {
      try (Chunk chunk = refs.build()) {
        writer.writeChunk(store, chunk);
      }
    }
  }
}
