package dev.rrdvideo.format;

import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.Tuid;
import java.util.Map;
import java.util.Set;

/**
 * Where one chunk is in a file and what it covers: a row of the footer manifest, or the same facts
 * gathered by a scan when a file has no footer.
 *
 * @param chunkId the chunk id
 * @param storeId the store the chunk belongs to
 * @param entityPath the chunk's entity
 * @param isStatic whether the chunk has no timeline
 * @param numRows the number of rows
 * @param byteOffset absolute offset of the {@code ArrowMsg} protobuf payload (after its 16-byte
 *     message header)
 * @param byteSize length of that payload (the message header's {@code len})
 * @param uncompressedSize the declared uncompressed Arrow IPC size
 * @param timeRanges per timeline name, the range the chunk covers (absent timelines not listed)
 * @param components identifiers of the components with at least one non-null cell in the chunk (for
 *     example {@code VideoStream:sample}); from the manifest's {@code num_rows} and {@code
 *     has_static_data} columns, or from the chunk itself when the file was scanned. Empty when a
 *     manifest has no per-component columns, so an empty set means "unknown", not "no data".
 */
public record ChunkIndexEntry(
    Tuid chunkId,
    StoreId storeId,
    EntityPath entityPath,
    boolean isStatic,
    long numRows,
    long byteOffset,
    long byteSize,
    long uncompressedSize,
    Map<String, TimeRange> timeRanges,
    Set<String> components) {
  /** Copies the collections. */
  public ChunkIndexEntry {
    timeRanges = Map.copyOf(timeRanges);
    components = Set.copyOf(components);
  }
}
