package dev.rrdvideo.format.chunk;

import dev.rrdvideo.format.chunk.internal.arrow.ArrowBatch;
import dev.rrdvideo.format.chunk.internal.arrow.Sorbet;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A decoded chunk: rows of data for one entity, with a row id per row, zero or more timeline
 * columns and zero or more component columns, held in Arrow vectors (one per schema field).
 *
 * <p>A chunk without timeline columns is <em>static</em>: its data holds at all times. The chunk
 * owns its Arrow memory; every view it hands out ({@link TimeColumn}, {@link ComponentColumn},
 * {@link #root()}) is valid until {@link #close()}. Not thread-safe.
 *
 * <p>The chunk keeps its schema as fields and metadata ({@link #fields()}, {@link #metadata()});
 * Arrow's {@link Schema} and {@link VectorSchemaRoot} views are made on first request, because the
 * first use of Arrow's {@code Schema} class initializes a JSON library that reading and writing
 * never need (tens of milliseconds of a short run).
 *
 * <p>Accepted schemas: Sorbet 0.1.1 to 0.1.3 (Rerun 0.24 and newer; newer versions are read as
 * 0.1.3). Older, pre-0.24 schemas are rejected with {@link UnsupportedFeatureException}.
 */
public final class Chunk implements AutoCloseable {
  private final Tuid id;
  private final EntityPath entityPath;
  private final ArrowBatch batch;
  private VectorSchemaRoot root;
  private final BufferAllocator ownedAllocator;
  private final FixedSizeBinaryVector rowIds;
  private final List<TimeColumn> timeColumns;
  private final List<ComponentColumn> components;
  private boolean closed;

  private Chunk(
      Tuid id,
      EntityPath entityPath,
      ArrowBatch batch,
      VectorSchemaRoot root,
      BufferAllocator ownedAllocator,
      FixedSizeBinaryVector rowIds,
      List<TimeColumn> timeColumns,
      List<ComponentColumn> components) {
    this.id = id;
    this.entityPath = entityPath;
    this.batch = batch;
    this.root = root;
    this.ownedAllocator = ownedAllocator;
    this.rowIds = rowIds;
    this.timeColumns = Collections.unmodifiableList(timeColumns);
    this.components = Collections.unmodifiableList(components);
  }

  /**
   * Wraps an Arrow root holding a chunk batch and takes ownership of it (and of {@code
   * ownedAllocator}, if not null). On failure nothing is closed; the caller still owns both.
   *
   * @param root the batch; its schema must carry the chunk's schema metadata
   * @param ownedAllocator an allocator to close with the chunk, or {@code null}
   * @throws RrdFormatException if the schema is not a valid chunk schema (offset unknown)
   * @throws UnsupportedFeatureException for schemas of Rerun 0.23 and older and unsupported time
   *     types
   */
  public static Chunk fromArrow(VectorSchemaRoot root, BufferAllocator ownedAllocator)
      throws RrdVideoException {
    Schema schema = root.getSchema();
    ArrowBatch batch =
        new ArrowBatch(
            schema.getFields(),
            schema.getCustomMetadata() == null ? Map.of() : schema.getCustomMetadata(),
            root.getFieldVectors(),
            root.getRowCount());
    return fromBatch(batch, root, ownedAllocator);
  }

  /**
   * Like {@link #fromArrow(VectorSchemaRoot, BufferAllocator)}, from the parts of a batch (which
   * the chunk owns on success). Not API: the library's decoder and builder use it.
   */
  public static Chunk fromBatch(ArrowBatch batch, BufferAllocator ownedAllocator)
      throws RrdVideoException {
    return fromBatch(batch, null, ownedAllocator);
  }

  private static Chunk fromBatch(
      ArrowBatch batch, VectorSchemaRoot root, BufferAllocator ownedAllocator)
      throws RrdVideoException {
    try {
      return parse(batch, root, ownedAllocator);
    } catch (RuntimeException e) {
      throw new RrdFormatException(
          "invalid chunk schema: " + e.getMessage(), null, RrdVideoException.UNKNOWN_OFFSET, -1, e);
    }
  }

  private static Chunk parse(
      ArrowBatch batch, VectorSchemaRoot root, BufferAllocator ownedAllocator)
      throws RrdVideoException {
    Map<String, String> md = batch.metadata();
    if (md == null) {
      md = Map.of();
    }
    checkSorbetVersion(md);
    String idText = md.get(Sorbet.KEY_ID);
    if (idText == null) {
      idText = md.get(Sorbet.KEY_ID_LEGACY);
    }
    if (idText == null) {
      throw schemaError("chunk schema has no rerun:id metadata (chunk id)");
    }
    Tuid id;
    try {
      id = Tuid.parse(idText);
    } catch (IllegalArgumentException e) {
      throw schemaError("chunk schema rerun:id is not a chunk id: '" + idText + "'");
    }
    String pathText = md.get(Sorbet.KEY_ENTITY_PATH);
    if (pathText == null) {
      throw schemaError("chunk schema has no rerun:entity_path metadata");
    }
    EntityPath path;
    try {
      path = EntityPath.parse(pathText);
    } catch (IllegalArgumentException e) {
      throw schemaError("chunk rerun:entity_path is malformed: " + e.getMessage());
    }
    int rows = batch.rowCount();
    FixedSizeBinaryVector rowIds = null;
    List<TimeColumn> times = new ArrayList<>();
    List<ComponentColumn> comps = new ArrayList<>();
    List<Field> fields = batch.fields();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      FieldVector v = batch.vectors().get(i);
      Map<String, String> fmd = f.getMetadata() == null ? Map.of() : f.getMetadata();
      String kind = fmd.getOrDefault(Sorbet.KEY_KIND, "data");
      switch (kind) {
        case "control":
        case "row_id":
          if (rowIds != null) {
            throw schemaError("chunk has more than one row-id column");
          }
          if (!(f.getType() instanceof ArrowType.FixedSizeBinary)
              || ((ArrowType.FixedSizeBinary) f.getType()).getByteWidth() != Tuid.BYTES
              || !(v instanceof FixedSizeBinaryVector)) {
            throw schemaError(
                "row-id column '"
                    + f.getName()
                    + "': expected FixedSizeBinary(16), found "
                    + f.getType());
          }
          rowIds = (FixedSizeBinaryVector) v;
          if (rowIds.getNullCount() > 0) {
            throw schemaError("row-id column has null values");
          }
          break;
        case "index":
        case "time":
          times.add(timeColumn(f, v, fmd, rows));
          break;
        default:
          comps.add(componentColumn(f, v, fmd, rows));
      }
    }
    if (rowIds == null) {
      throw schemaError("chunk has no row-id column (rerun:kind = control)");
    }
    return new Chunk(id, path, batch, root, ownedAllocator, rowIds, times, comps);
  }

  private static void checkSorbetVersion(Map<String, String> md) throws RrdVideoException {
    String v = md.get(Sorbet.KEY_VERSION);
    if (v == null) {
      for (String k : md.keySet()) {
        if (k.startsWith("rerun.") && !k.equals(Sorbet.KEY_ID_LEGACY)) {
          // Rerun 0.23 itself still wrote this form ("rerun.version" = "1", "rerun.id", ...;
          // re_sorbet sorbet_schema.rs at 0.23.4); 0.24.0 introduced sorbet:version 0.1.1
          throw new UnsupportedFeatureException(
              "chunk schema from Rerun 0.23 or older (dotted 'rerun.' metadata keys, no"
                  + " sorbet:version) is not supported: open the recording in Rerun 0.24 or newer"
                  + " and save it again, which migrates it",
              null,
              RrdVideoException.UNKNOWN_OFFSET);
        }
      }
      return;
    }
    String[] p = v.split("\\.");
    int[] n = new int[3];
    try {
      for (int i = 0; i < 3; i++) {
        n[i] = i < p.length ? Integer.parseInt(p[i]) : 0;
      }
    } catch (NumberFormatException e) {
      throw schemaError("chunk sorbet:version is not a version: '" + v + "'");
    }
    if (n[0] == 0 && (n[1] == 0 || (n[1] == 1 && n[2] < 1))) {
      throw new UnsupportedFeatureException(
          "chunk schema version "
              + v
              + " (Rerun 0.23 or older) is not supported: expected sorbet 0.1.1 or newer",
          null,
          RrdVideoException.UNKNOWN_OFFSET);
    }
  }

  private static TimeColumn timeColumn(Field f, FieldVector v, Map<String, String> fmd, int rows)
      throws RrdVideoException {
    String name = fmd.getOrDefault(Sorbet.KEY_INDEX_NAME, f.getName());
    if (name.isEmpty()) {
      throw schemaError("index column with an empty timeline name");
    }
    ArrowType t = f.getType();
    TimeType type;
    if (t instanceof ArrowType.Int
        && ((ArrowType.Int) t).getBitWidth() == 64
        && ((ArrowType.Int) t).getIsSigned()) {
      type = TimeType.SEQUENCE;
    } else if (t instanceof ArrowType.Duration
        && ((ArrowType.Duration) t).getUnit() == TimeUnit.NANOSECOND) {
      type = TimeType.DURATION;
    } else if (t instanceof ArrowType.Timestamp
        && ((ArrowType.Timestamp) t).getUnit() == TimeUnit.NANOSECOND) {
      type = TimeType.TIMESTAMP;
    } else {
      throw new UnsupportedFeatureException(
          "timeline '"
              + name
              + "': unsupported time type "
              + t
              + " (expected Int64, Duration(ns) or Timestamp(ns))",
          null,
          RrdVideoException.UNKNOWN_OFFSET);
    }
    if (!(v instanceof BaseFixedWidthVector) || ((BaseFixedWidthVector) v).getTypeWidth() != 8) {
      throw schemaError("timeline '" + name + "': unexpected vector " + v.getClass().getName());
    }
    if (v.getNullCount() > 0) {
      throw schemaError("timeline '" + name + "' has null time values");
    }
    boolean sorted = isTruthy(fmd.get(Sorbet.KEY_IS_SORTED));
    return new TimeColumn(name, type, sorted, (BaseFixedWidthVector) v, rows);
  }

  private static ComponentColumn componentColumn(
      Field f, FieldVector v, Map<String, String> fmd, int rows) throws RrdVideoException {
    String component = fmd.getOrDefault(Sorbet.KEY_COMPONENT, f.getName());
    if (!(f.getType() instanceof ArrowType.List) || !(v instanceof ListVector)) {
      throw schemaError(
          "component column '" + f.getName() + "': expected a List type, found " + f.getType());
    }
    ComponentDescriptor d =
        new ComponentDescriptor(
            fmd.get(Sorbet.KEY_ARCHETYPE), component, fmd.get(Sorbet.KEY_COMPONENT_TYPE));
    return new ComponentColumn(d, f, (ListVector) v, rows);
  }

  private static boolean isTruthy(String s) {
    return s != null && !s.equalsIgnoreCase("false") && !s.equalsIgnoreCase("no");
  }

  private static RrdFormatException schemaError(String message) {
    return new RrdFormatException(message, null, RrdVideoException.UNKNOWN_OFFSET);
  }

  /** Returns the chunk id (from {@code rerun:id}). */
  public Tuid id() {
    return id;
  }

  /** Returns the entity the chunk belongs to. */
  public EntityPath entityPath() {
    return entityPath;
  }

  /** Returns the number of rows. */
  public int rowCount() {
    return batch.rowCount();
  }

  /**
   * Returns how many bytes of the chunk's Arrow payload were left out: for a chunk read with {@link
   * dev.rrdvideo.format.RrdFile#readChunkWithoutSampleBytes}, the length of the Arrow buffers
   * holding its samples' bytes (their sizes are known, their bytes are not: reading them is a
   * programming error); else 0.
   */
  public long skippedBytes() {
    return batch.skippedBytes();
  }

  /** Returns whether the chunk has no timeline column. */
  public boolean isStatic() {
    return timeColumns.isEmpty();
  }

  /** Returns the row id of row {@code row}. */
  public Tuid rowId(int row) {
    java.util.Objects.checkIndex(row, rowCount());
    long base = (long) row * Tuid.BYTES;
    return new Tuid(
        Long.reverseBytes(rowIds.getDataBuffer().getLong(base)),
        Long.reverseBytes(rowIds.getDataBuffer().getLong(base + 8)));
  }

  /** Returns the timeline columns in schema order. */
  public List<TimeColumn> timeColumns() {
    return timeColumns;
  }

  /** Returns the timeline column with this name, or {@code null}. */
  public TimeColumn timeColumn(String name) {
    for (TimeColumn t : timeColumns) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** Returns the component columns in schema order. */
  public List<ComponentColumn> components() {
    return components;
  }

  /**
   * Returns the component column with this identifier (e.g. {@code VideoStream:sample}), or null.
   */
  public ComponentColumn component(String component) {
    for (ComponentColumn c : components) {
      if (c.name().equals(component)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Returns the Arrow schema including the chunk's schema metadata. Prefer {@link #fields()} and
   * {@link #metadata()}, which do not need Arrow's {@code Schema} class (see the class docs).
   */
  public Schema schema() {
    return root().getSchema();
  }

  /** Returns the fields of the chunk's schema, in column order. */
  public List<Field> fields() {
    return batch.fields();
  }

  /** Returns the chunk's schema metadata ({@code rerun:id}, {@code sorbet:version}, ...). */
  public Map<String, String> metadata() {
    return batch.metadata();
  }

  /**
   * Returns the column vectors, one per field of {@link #fields()}; valid until {@link #close()}.
   */
  public List<FieldVector> vectors() {
    return batch.vectors();
  }

  /** Returns the underlying Arrow data; valid until {@link #close()}. */
  public VectorSchemaRoot root() {
    if (root == null) {
      root = batch.toRoot();
    }
    return root;
  }

  /** Returns whether the row ids are strictly ascending. */
  public boolean rowIdsAscending() {
    for (int i = 1; i < rowCount(); i++) {
      if (rowId(i).compareTo(rowId(i - 1)) <= 0) {
        return false;
      }
    }
    return true;
  }

  /** Releases the Arrow memory. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    batch.close();
    if (ownedAllocator != null) {
      ownedAllocator.close();
    }
  }

  @Override
  public String toString() {
    return "Chunk[" + id + " " + entityPath + " rows=" + rowCount() + "]";
  }
}
