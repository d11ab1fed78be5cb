package dev.rrdvideo.format.video;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.error.RrdFormatException;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Typed read view of the {@code AssetVideo} columns of a chunk: the video file blob and its media
 * type. The blob is a zero-copy read-only view, valid until the chunk is closed.
 */
public final class AssetVideoChunk {
  private final Chunk chunk;
  private final ComponentColumn blob;
  private final ComponentColumn mediaType;

  private AssetVideoChunk(Chunk chunk) throws RrdFormatException {
    this.chunk = chunk;
    this.blob = chunk.component(AssetVideo.BLOB.component());
    this.mediaType = chunk.component(AssetVideo.MEDIA_TYPE.component());
    if (blob != null) {
      Cells.checkBlob(chunk, blob);
    }
    if (mediaType != null) {
      Cells.checkType(chunk, mediaType, ArrowType.Utf8.INSTANCE, "Utf8");
    }
  }

  /**
   * Returns a view of {@code chunk}, or {@code null} if it has no {@code AssetVideo} column.
   *
   * @throws RrdFormatException if an {@code AssetVideo} column has the wrong Arrow type
   */
  public static AssetVideoChunk of(Chunk chunk) throws RrdFormatException {
    for (ComponentColumn c : chunk.components()) {
      if (c.name().startsWith("AssetVideo:")) {
        return new AssetVideoChunk(chunk);
      }
    }
    return null;
  }

  /** Returns the underlying chunk. */
  public Chunk chunk() {
    return chunk;
  }

  /** Returns the blob of row {@code row}, or {@code null}. */
  public ByteBuffer blob(int row) {
    return blob == null ? null : Cells.blob(blob, row);
  }

  /** Returns the blob size of row {@code row} in bytes, or -1. */
  public int blobSize(int row) {
    return blob == null ? -1 : Cells.blobLength(blob, row);
  }

  /** Returns the media type of row {@code row}, or {@code null} when absent. */
  public String mediaType(int row) {
    return mediaType != null && Cells.has(mediaType, row) ? Cells.utf8(mediaType, row) : null;
  }
}
