package dev.rrdvideo.format.video;

import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import java.io.IOException;

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
   * Writes the asset and its frame references.
   *
   * @param blob the whole video file ({@code blob[off..off+len)}, copied)
   * @param mediaType e.g. {@link AssetVideo#MEDIA_TYPE_MP4}, or {@code null} to leave it out
   * @param frameTimesNanos presentation times of the frames in nanoseconds, ascending
   * @param timeline the timeline of the frame references, e.g. {@code video}
   * @param timeType its type (normally duration)
   */
  public static void write(
      RrdWriter writer,
      StoreId store,
      EntityPath entity,
      byte[] blob,
      int off,
      int len,
      String mediaType,
      long[] frameTimesNanos,
      int frameCount,
      String timeline,
      TimeType timeType)
      throws IOException {
    write(
        writer,
        store,
        entity,
        blob,
        off,
        len,
        mediaType,
        frameTimesNanos,
        frameCount,
        timeline,
        timeType,
        0);
  }

  /**
   * Like the other {@code write}, with the frame-reference timestamps offset: row {@code i} is at
   * {@code frameTimesNanos[i]} on the timeline and shows video time {@code frameTimesNanos[i] -
   * videoTimeZeroNanos} (the video's own clock starts at its first frame).
   */
  public static void write(
      RrdWriter writer,
      StoreId store,
      EntityPath entity,
      byte[] blob,
      int off,
      int len,
      String mediaType,
      long[] frameTimesNanos,
      int frameCount,
      String timeline,
      TimeType timeType,
      long videoTimeZeroNanos)
      throws IOException {
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
