package dev.rrdvideo.format.video;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.error.RrdFormatException;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Typed read view of the {@code VideoFrameReference} columns of a chunk. */
public final class VideoFrameReferenceChunk {
  private final Chunk chunk;
  private final ComponentColumn timestamp;
  private final ComponentColumn reference;

  private VideoFrameReferenceChunk(Chunk chunk) throws RrdFormatException {
    this.chunk = chunk;
    this.timestamp = chunk.component(VideoFrameReference.TIMESTAMP.component());
    this.reference = chunk.component(VideoFrameReference.VIDEO_REFERENCE.component());
    if (timestamp != null) {
      Cells.checkType(chunk, timestamp, new ArrowType.Int(64, true), "Int64");
    }
    if (reference != null) {
      Cells.checkType(chunk, reference, ArrowType.Utf8.INSTANCE, "Utf8");
    }
  }

  /**
   * Returns a view of {@code chunk}, or {@code null} if it has no {@code VideoFrameReference}
   * column.
   *
   * @throws RrdFormatException if a column has the wrong Arrow type
   */
  public static VideoFrameReferenceChunk of(Chunk chunk) throws RrdFormatException {
    for (ComponentColumn c : chunk.components()) {
      if (c.name().startsWith("VideoFrameReference:")) {
        return new VideoFrameReferenceChunk(chunk);
      }
    }
    return null;
  }

  /** Returns the underlying chunk. */
  public Chunk chunk() {
    return chunk;
  }

  /** Returns whether row {@code row} has a timestamp. */
  public boolean hasTimestamp(int row) {
    return timestamp != null && Cells.has(timestamp, row);
  }

  /** Returns the row's video timestamp in nanoseconds (check {@link #hasTimestamp} first). */
  public long timestampNanos(int row) {
    if (!hasTimestamp(row)) {
      throw new IllegalStateException("row " + row + " has no VideoFrameReference:timestamp");
    }
    return Cells.int64(timestamp, row);
  }

  /** Returns the row's video reference entity path, or {@code null}. */
  public String videoReference(int row) {
    return reference != null && Cells.has(reference, row) ? Cells.utf8(reference, row) : null;
  }
}
