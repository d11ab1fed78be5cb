package dev.rrdvideo.format.video;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Typed read view of the {@code VideoStream} columns of a chunk: codec, samples, keyframe flags,
 * opacity and draw order, each possibly absent.
 *
 * <p>Sample bytes are zero-copy, read-only views into the chunk's Arrow memory and are valid until
 * the chunk is closed; copy them to keep them longer. Accepts every layout real files use: static
 * codec chunk, sample chunks with or without co-located {@code is_keyframe}, sparse keyframe marker
 * chunks, and the codec repeated as a temporal column (MCAP imports). Not thread-safe.
 */
public final class VideoStreamChunk {
  private final Chunk chunk;
  private final ComponentColumn codec;
  private final ComponentColumn sample;
  private final ComponentColumn keyframe;
  private final ComponentColumn opacity;
  private final ComponentColumn drawOrder;

  private VideoStreamChunk(Chunk chunk) throws RrdFormatException {
    this.chunk = chunk;
    this.codec = chunk.component(VideoStream.CODEC.component());
    this.sample = chunk.component(VideoStream.SAMPLE.component());
    this.keyframe = chunk.component(VideoStream.IS_KEYFRAME.component());
    this.opacity = chunk.component(VideoStream.OPACITY.component());
    this.drawOrder = chunk.component(VideoStream.DRAW_ORDER.component());
    if (codec != null) {
      Cells.checkType(chunk, codec, new ArrowType.Int(32, false), "UInt32");
    }
    if (sample != null) {
      Cells.checkBlob(chunk, sample);
    }
    if (keyframe != null) {
      Cells.checkType(chunk, keyframe, ArrowType.Bool.INSTANCE, "Boolean");
    }
    if (opacity != null) {
      Cells.checkFloat32(chunk, opacity);
    }
    if (drawOrder != null) {
      Cells.checkFloat32(chunk, drawOrder);
    }
  }

  /**
   * Returns a view of {@code chunk}, or {@code null} if it has no {@code VideoStream} column.
   *
   * @throws RrdFormatException if a {@code VideoStream} column has the wrong Arrow type
   */
  public static VideoStreamChunk of(Chunk chunk) throws RrdFormatException {
    for (ComponentColumn c : chunk.components()) {
      if (c.name().startsWith("VideoStream:")) {
        return new VideoStreamChunk(chunk);
      }
    }
    return null;
  }

  /** Returns the underlying chunk. */
  public Chunk chunk() {
    return chunk;
  }

  /** Returns the number of rows. */
  public int rowCount() {
    return chunk.rowCount();
  }

  /** Returns whether the chunk has a codec column. */
  public boolean hasCodec() {
    return codec != null;
  }

  /** Returns whether the chunk has a sample column. */
  public boolean hasSamples() {
    return sample != null;
  }

  /** Returns whether the chunk has an {@code is_keyframe} column. */
  public boolean hasKeyframeColumn() {
    return keyframe != null;
  }

  /** Returns the raw codec value of the row, or -1 when the row has none. */
  public long codecValue(int row) {
    return codec != null && Cells.has(codec, row) ? Cells.uint32(codec, row) : -1;
  }

  /**
   * Returns the codec of the last row that has one, or {@code null} when none does.
   *
   * @throws RrdVideoException for a value that is not a known codec
   */
  public VideoCodec codec() throws RrdVideoException {
    if (codec == null) {
      return null;
    }
    for (int r = rowCount() - 1; r >= 0; r--) {
      long v = codecValue(r);
      if (v >= 0) {
        if (!VideoCodec.isKnownWireValue(v)) {
          throw new dev.rrdvideo.format.error.UnsupportedFeatureException(
              "unknown VideoStream:codec value " + v + " (0x" + Long.toHexString(v) + ")",
              null,
              RrdVideoException.UNKNOWN_OFFSET);
        }
        return VideoCodec.fromWireValue(v);
      }
    }
    return null;
  }

  /** Returns whether row {@code row} has a sample. */
  public boolean hasSample(int row) {
    return sample != null && Cells.blobLength(sample, row) >= 0;
  }

  /**
   * Returns the number of instances in the row's sample cell: 1 normally, 0 for none; the viewer
   * ignores rows with more than one.
   */
  public int sampleCellLength(int row) {
    return sample == null ? 0 : sample.cellLength(row);
  }

  /** Returns the size of the row's sample in bytes, or -1 when the row has none. */
  public int sampleSize(int row) {
    return sample == null ? -1 : Cells.blobLength(sample, row);
  }

  /**
   * Returns a read-only view of the row's sample bytes (valid until the chunk closes), or null.
   *
   * @throws IllegalStateException for a chunk read without its sample bytes ({@link
   *     Chunk#skippedBytes})
   */
  public ByteBuffer sample(int row) {
    if (sample == null) {
      return null;
    }
    if (chunk.skippedBytes() > 0) {
      throw new IllegalStateException(
          "chunk " + chunk.id() + " was read without its sample bytes (sizes only)");
    }
    return Cells.blob(sample, row);
  }

  /** Returns the row's {@code is_keyframe} value, or {@code null} when absent. */
  public Boolean keyframe(int row) {
    return keyframe != null && Cells.has(keyframe, row) ? Cells.bool(keyframe, row) : null;
  }

  /** Returns the row's opacity, or {@code NaN} when absent. */
  public float opacity(int row) {
    return opacity != null && Cells.has(opacity, row) ? Cells.float32(opacity, row) : Float.NaN;
  }

  /** Returns the row's draw order, or {@code NaN} when absent. */
  public float drawOrder(int row) {
    return drawOrder != null && Cells.has(drawOrder, row)
        ? Cells.float32(drawOrder, row)
        : Float.NaN;
  }
}
