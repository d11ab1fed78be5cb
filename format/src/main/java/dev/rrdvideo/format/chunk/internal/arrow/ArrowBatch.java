package dev.rrdvideo.format.chunk.internal.arrow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One record batch as its parts: the schema's fields and metadata, one vector per field and the row
 * count. This is what {@link VectorSchemaRoot} holds, without its {@link Schema}: the first use of
 * Arrow's {@code Schema} class runs a static initializer that builds a Jackson {@code ObjectMapper}
 * (some 570 classes, 70 ms and more of a command-line run), for JSON that the library never reads
 * or writes. Reading and writing IPC streams works on these parts ({@link ArrowIpc}); {@link
 * #toRoot()} makes the Arrow view for callers that ask for one.
 *
 * <p>The metadata map is kept as Arrow's {@code Schema} would keep it (an unmodifiable {@code
 * HashMap}). Owns its vectors: {@link #close()} releases them. Not API.
 */
public final class ArrowBatch implements AutoCloseable {
  private final List<Field> fields;
  private final Map<String, String> metadata;
  private final List<FieldVector> vectors;
  private final int rowCount;
  private final long skippedBytes;

  /** Wraps the parts (not copied; the vectors are owned from now on). */
  public ArrowBatch(
      List<Field> fields, Map<String, String> metadata, List<FieldVector> vectors, int rowCount) {
    this(fields, metadata, vectors, rowCount, 0);
  }

  /**
   * Wraps the parts of a batch read without some blob values ({@link
   * ArrowIpc#readFirstBatchWithoutBlobs}): its buffers of {@code skippedBytes} were left out.
   */
  public ArrowBatch(
      List<Field> fields,
      Map<String, String> metadata,
      List<FieldVector> vectors,
      int rowCount,
      long skippedBytes) {
    this.skippedBytes = skippedBytes;
    if (fields.size() != vectors.size()) {
      throw new IllegalArgumentException(fields.size() + " fields, " + vectors.size() + " vectors");
    }
    this.fields = Collections.unmodifiableList(fields);
    this.metadata = metadata;
    this.vectors = Collections.unmodifiableList(vectors);
    this.rowCount = rowCount;
  }

  /**
   * Returns {@code metadata} as Arrow's {@code Schema} constructor keeps it: an unmodifiable copy
   * in a {@code HashMap} (empty for null).
   */
  public static Map<String, String> metadataOf(Map<String, String> metadata) {
    return metadata == null
        ? Collections.emptyMap()
        : Collections.unmodifiableMap(new HashMap<>(metadata));
  }

  /**
   * Creates empty vectors for {@code fields} from {@code allocator} (as {@code
   * VectorSchemaRoot.create} does), row count 0. On failure nothing stays allocated.
   */
  public static List<FieldVector> createVectors(List<Field> fields, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>(fields.size());
    boolean ok = false;
    try {
      for (Field f : fields) {
        out.add(f.createVector(allocator));
      }
      ok = true;
      return out;
    } finally {
      if (!ok) {
        closeAll(out);
      }
    }
  }

  /** Returns the fields of the schema, in column order. */
  public List<Field> fields() {
    return fields;
  }

  /** Returns the schema metadata (unmodifiable). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Returns the vectors, one per field. */
  public List<FieldVector> vectors() {
    return vectors;
  }

  /** Returns the number of rows. */
  public int rowCount() {
    return rowCount;
  }

  /** Returns the length of the buffers left out (0: none was). */
  public long skippedBytes() {
    return skippedBytes;
  }

  /**
   * Returns a {@link VectorSchemaRoot} over the same vectors (not a copy: closing either closes
   * both). Initializes Arrow's {@code Schema} class; only for callers that ask for Arrow's view.
   */
  public VectorSchemaRoot toRoot() {
    return new VectorSchemaRoot(new Schema(fields, metadata), vectors, rowCount);
  }

  /** Releases the vectors. */
  @Override
  public void close() {
    closeAll(vectors);
  }

  private static void closeAll(List<FieldVector> vectors) {
    RuntimeException first = null;
    for (FieldVector v : vectors) {
      try {
        v.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
