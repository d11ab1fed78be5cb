package dev.rrdvideo.spark.internal;

import dev.rrdvideo.inspect.StreamContext;
import java.io.Serializable;

/**
 * A part of a large recording, read by one task: a run of sample chunks of one {@code VideoStream}
 * entity, or the recording's {@code AssetVideo} entities ({@link
 * dev.rrdvideo.inspect.RecordingParts}).
 *
 * @param file the recording
 * @param entity the entity, or null for the asset part
 * @param fromByte offset of the part's first sample chunk
 * @param toByte offset of the sample chunk after the part ({@code Long.MAX_VALUE}: to the end)
 * @param before what the entity's samples before the part leave (from the context pass), or null
 *     when the selected columns need nothing from them
 * @param copyRanges for a file on a non-local file system, the byte ranges the part reads (pairs of
 *     start and end offsets, sorted, disjoint): only they are copied to local disk
 */
record FileSlice(
    FileRef file,
    String entity,
    long fromByte,
    long toByte,
    StreamContext before,
    long[] copyRanges)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Returns whether this is the asset part. */
  boolean assets() {
    return entity == null;
  }

  /** Returns this part continuing from {@code context}. */
  FileSlice from(StreamContext context) {
    return new FileSlice(file, entity, fromByte, toByte, context, copyRanges);
  }
}
