package dev.rrdvideo.format.internal.footer;

import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.ComponentDescriptor;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.chunk.internal.ByteSink;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowBatch;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowIpc;
import dev.rrdvideo.format.chunk.internal.arrow.Sorbet;
import dev.rrdvideo.format.internal.lz4.Lz4Block;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.internal.proto.TransportCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Builds the {@code RrdManifest} of one store while its chunks are written, laid out the way Rerun
 * 0.33-0.36 lays it out (Rerun {@code re_log_encoding/src/rrd/footer/builders.rs}):
 *
 * <ol>
 *   <li>global columns {@code chunk_entity_path, chunk_id, chunk_is_static, chunk_num_rows,
 *       chunk_byte_offset, chunk_byte_size, chunk_byte_size_uncompressed};
 *   <li>one {@code Arch:field:has_static_data} column per component of the store, sorted by
 *       descriptor;
 *   <li>{@code T:start}, {@code T:end} per timeline, sorted by name;
 *   <li>{@code T:Arch:field:start|end|num_rows} per (timeline, component) pair that occurs in a
 *       temporal chunk, sorted.
 * </ol>
 *
 * <p>Missing values are null (times) or 0 / false. Memory is a few values per chunk, never per row.
 * Not thread-safe.
 */
public final class ManifestBuilder {
  private static final long NULL = Long.MIN_VALUE;

  private final List<Tuid> ids = new ArrayList<>();
  private final List<String> entities = new ArrayList<>();
  private final List<Boolean> isStatic = new ArrayList<>();
  private final List<Long> numRows = new ArrayList<>();
  private final List<Long> offsets = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();
  private final List<Long> uncompressed = new ArrayList<>();
  private final TreeMap<ComponentDescriptor, BoolList> staticCols = new TreeMap<>();
  private final TreeMap<String, RangeCol> timelineCols = new TreeMap<>();
  private final TreeMap<Key, RangeCol> componentCols = new TreeMap<>();
  private final SorbetSchemaBuilder sorbet = new SorbetSchemaBuilder();

  private record Key(String timeline, ComponentDescriptor descriptor) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = timeline.compareTo(o.timeline);
      return c != 0 ? c : descriptor.compareTo(o.descriptor);
    }
  }

  /** Returns the number of chunks added. */
  public int size() {
    return ids.size();
  }

  /** Adds the row of a chunk written at {@code byteOffset} (payload offset) with these sizes. */
  public void add(Chunk chunk, long byteOffset, long byteSize, long uncompressedSize) {
    int row = ids.size();
    ids.add(chunk.id());
    entities.add(chunk.entityPath().toString());
    isStatic.add(chunk.isStatic());
    numRows.add((long) chunk.rowCount());
    offsets.add(byteOffset);
    sizes.add(byteSize);
    uncompressed.add(uncompressedSize);
    sorbet.add(chunk);
    if (chunk.isStatic()) {
      for (ComponentColumn c : chunk.components()) {
        staticCols.computeIfAbsent(c.descriptor(), d -> new BoolList()).set(row, true);
      }
    } else {
      for (TimeColumn t : chunk.timeColumns()) {
        RangeCol tc = timelineCols.computeIfAbsent(t.name(), n -> new RangeCol(t.type()));
        if (chunk.rowCount() > 0) {
          tc.set(row, t.min(), t.max(), 0);
        }
        for (ComponentColumn c : chunk.components()) {
          long min = Long.MAX_VALUE;
          long max = Long.MIN_VALUE;
          long n = 0;
          for (int i = 0; i < chunk.rowCount(); i++) {
            if (!c.isNull(i)) {
              long v = t.value(i);
              min = Math.min(min, v);
              max = Math.max(max, v);
              n++;
            }
          }
          RangeCol cc =
              componentCols.computeIfAbsent(
                  new Key(t.name(), c.descriptor()), k -> new RangeCol(t.type()));
          if (n > 0) {
            cc.set(row, min, max, n);
          } else {
            cc.set(row, NULL, NULL, 0);
          }
          staticCols.computeIfAbsent(c.descriptor(), d -> new BoolList());
        }
      }
    }
  }

  /**
   * Builds the protobuf manifest for {@code store} as Rerun {@code target} writes it: the table
   * LZ4-compressed from 0.30; uncompressed before (0.29 states {@code compression = NONE} and the
   * size, 0.28's {@code DataframePart} has neither field).
   */
  public RrdTransport.RrdManifest build(
      StoreId store, BufferAllocator allocator, dev.rrdvideo.format.RerunTarget target)
      throws IOException {
    int rows = ids.size();
    List<Field> fields = new ArrayList<>();
    fields.add(notNull("chunk_entity_path", ArrowType.Utf8.INSTANCE));
    fields.add(notNull("chunk_id", new ArrowType.FixedSizeBinary(16)));
    fields.add(notNull("chunk_is_static", ArrowType.Bool.INSTANCE));
    for (String n :
        List.of(
            "chunk_num_rows",
            "chunk_byte_offset",
            "chunk_byte_size",
            "chunk_byte_size_uncompressed")) {
      fields.add(notNull(n, new ArrowType.Int(64, false)));
    }
    for (ComponentDescriptor d : staticCols.keySet()) {
      Map<String, String> md = descriptorMetadata(d);
      md.put("rerun:index", "rerun:static");
      fields.add(
          new Field(
              columnName(null, d, "has_static_data"),
              new FieldType(false, ArrowType.Bool.INSTANCE, null, md),
              null));
    }
    for (Map.Entry<String, RangeCol> e : timelineCols.entrySet()) {
      ArrowType t = Sorbet.timeArrowType(e.getValue().type);
      Map<String, String> md = new LinkedHashMap<>();
      md.put("rerun:index", e.getKey());
      fields.add(
          new Field(columnName(e.getKey(), null, "start"), new FieldType(true, t, null, md), null));
      fields.add(
          new Field(columnName(e.getKey(), null, "end"), new FieldType(true, t, null, md), null));
    }
    for (Map.Entry<Key, RangeCol> e : componentCols.entrySet()) {
      ArrowType t = Sorbet.timeArrowType(e.getValue().type);
      Map<String, String> md = descriptorMetadata(e.getKey().descriptor);
      md.put("rerun:index", e.getKey().timeline);
      String tl = e.getKey().timeline;
      ComponentDescriptor d = e.getKey().descriptor;
      fields.add(new Field(columnName(tl, d, "start"), new FieldType(true, t, null, md), null));
      fields.add(new Field(columnName(tl, d, "end"), new FieldType(true, t, null, md), null));
      fields.add(
          new Field(
              columnName(tl, d, "num_rows"),
              new FieldType(true, new ArrowType.Int(64, false), null, md),
              null));
    }
    ByteSink ipc = new ByteSink(4096);
    try (ArrowBatch batch =
        new ArrowBatch(
            fields,
            ArrowBatch.metadataOf(null),
            ArrowBatch.createVectors(fields, allocator),
            rows)) {
      // one row per chunk: size every column for all rows up front (fillTimes writes the data
      // buffer directly, without the growth that setSafe does)
      List<FieldVector> v = batch.vectors();
      for (FieldVector fv : v) {
        fv.setInitialCapacity(rows);
        fv.allocateNew();
      }
      int col = 0;
      VarCharVector ep = (VarCharVector) v.get(col++);
      FixedSizeBinaryVector id = (FixedSizeBinaryVector) v.get(col++);
      BitVector st = (BitVector) v.get(col++);
      UInt8Vector nr = (UInt8Vector) v.get(col++);
      UInt8Vector off = (UInt8Vector) v.get(col++);
      UInt8Vector sz = (UInt8Vector) v.get(col++);
      UInt8Vector un = (UInt8Vector) v.get(col++);
      for (int r = 0; r < rows; r++) {
        ep.setSafe(r, entities.get(r).getBytes(StandardCharsets.UTF_8));
        id.setSafe(r, ids.get(r).toBytes());
        st.setSafe(r, isStatic.get(r) ? 1 : 0);
        nr.setSafe(r, numRows.get(r));
        off.setSafe(r, offsets.get(r));
        sz.setSafe(r, sizes.get(r));
        un.setSafe(r, uncompressed.get(r));
      }
      for (BoolList b : staticCols.values()) {
        BitVector bv = (BitVector) v.get(col++);
        for (int r = 0; r < rows; r++) {
          bv.setSafe(r, b.get(r) ? 1 : 0);
        }
      }
      for (RangeCol rc : timelineCols.values()) {
        fillTimes((BaseFixedWidthVector) v.get(col++), rc.starts, rows);
        fillTimes((BaseFixedWidthVector) v.get(col++), rc.ends, rows);
      }
      for (RangeCol rc : componentCols.values()) {
        fillTimes((BaseFixedWidthVector) v.get(col++), rc.starts, rows);
        fillTimes((BaseFixedWidthVector) v.get(col++), rc.ends, rows);
        UInt8Vector n = (UInt8Vector) v.get(col++);
        for (int r = 0; r < rows; r++) {
          n.setSafe(r, rc.count(r));
        }
      }
      for (FieldVector fv : v) {
        fv.setValueCount(rows);
      }
      ArrowIpc.writeStream(batch, ipc);
    }
    RrdTransport.DataframePart.Builder data =
        RrdTransport.DataframePart.newBuilder()
            .setEncoderVersion(RrdTransport.EncoderVersion.ENCODER_VERSION_V0);
    if (target.compressesManifest()) {
      byte[] compressed = new byte[Lz4Block.maxCompressedLength(ipc.size())];
      int clen = Lz4Block.compress(ipc.array(), 0, ipc.size(), compressed);
      data.setPayload(com.google.protobuf.ByteString.copyFrom(compressed, 0, clen))
          .setCompression(RrdTransport.Compression.COMPRESSION_LZ4)
          .setUncompressedSize(ipc.size());
    } else {
      data.setPayload(com.google.protobuf.ByteString.copyFrom(ipc.array(), 0, ipc.size()));
      if (target.hasDataframeCompressionField()) {
        data.setCompression(RrdTransport.Compression.COMPRESSION_NONE)
            .setUncompressedSize(ipc.size());
      }
    }

    List<Field> sorbetFields = sorbet.build();
    ByteSink schemaIpc = new ByteSink(4096);
    ArrowIpc.writeSchemaOnly(sorbetFields, ArrowBatch.metadataOf(null), schemaIpc, true);

    return RrdTransport.RrdManifest.newBuilder()
        .setStoreId(TransportCodec.toProto(store))
        .setSorbetSchema(
            RrdTransport.Schema.newBuilder()
                .setArrowSchema(com.google.protobuf.ByteString.copyFrom(schemaIpc.toByteArray())))
        .setSorbetSchemaSha256(com.google.protobuf.ByteString.copyFrom(schemaSha256(sorbetFields)))
        .setData(data)
        .build();
  }

  private static void fillTimes(BaseFixedWidthVector v, LongList values, int rows) {
    for (int r = 0; r < rows; r++) {
      long x = values.get(r, NULL);
      if (x == NULL) {
        v.setNull(r);
      } else {
        v.getDataBuffer().setLong((long) r * 8, x);
        v.setIndexDefined(r);
      }
    }
  }

  private static Field notNull(String name, ArrowType type) {
    return new Field(name, FieldType.notNullable(type), null);
  }

  private static Map<String, String> descriptorMetadata(ComponentDescriptor d) {
    Map<String, String> md = new LinkedHashMap<>();
    if (d.componentType() != null) {
      md.put("rerun:component_type", d.componentType());
    }
    if (d.archetype() != null) {
      md.put("rerun:archetype", d.archetype());
    }
    md.put("rerun:component", d.component());
    return md;
  }

  /**
   * Returns Rerun's manifest column name: non-empty parts (timeline, archetype short name, field
   * name, suffix) joined with {@code :}, then {@code , - . \} and space replaced by {@code _} and
   * leading {@code _} stripped.
   */
  static String columnName(String timeline, ComponentDescriptor d, String suffix) {
    List<String> parts = new ArrayList<>();
    if (timeline != null) {
      parts.add(timeline);
    }
    if (d != null) {
      if (d.archetype() != null) {
        parts.add(d.archetypeShortName());
      }
      parts.add(d.archetype() != null ? d.fieldName() : d.component());
    }
    parts.add(suffix);
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p == null || p.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(':');
      }
      sb.append(p);
    }
    String s = sb.toString().replaceAll("[, \\-.\\\\]", "_");
    int i = 0;
    while (i < s.length() && s.charAt(i) == '_') {
      i++;
    }
    return s.substring(i);
  }

  /**
   * SHA-256 over the IPC schema message of {@code schema} with fields sorted by name and no
   * metadata (schema message only, no end-of-stream marker), as Rerun computes it. Our Arrow
   * writer's flatbuffer bytes differ from arrow-rs's, so the value differs from Rerun's own for the
   * same schema; Rerun release builds only check that it is 32 bytes.
   */
  static byte[] schemaSha256(List<Field> fields) throws IOException {
    List<Field> sorted = new ArrayList<>(fields);
    sorted.sort(Comparator.comparing(Field::getName));
    ByteSink sink = new ByteSink(4096);
    ArrowIpc.writeSchemaOnly(sorted, ArrowBatch.metadataOf(null), sink, false);
    try {
      return MessageDigest.getInstance("SHA-256").digest(sink.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Union of the chunk columns of a store in dataframe form (Rerun {@code SchemaBuilder}). */
  static final class SorbetSchemaBuilder {
    private final Map<String, Field> timelines = new TreeMap<>();
    private final Map<String, Field> components = new TreeMap<>();
    private final Map<String, boolean[]> flags = new HashMap<>();
    private boolean anyChunk;

    void add(Chunk chunk) {
      anyChunk = true;
      for (TimeColumn t : chunk.timeColumns()) {
        timelines.computeIfAbsent(
            t.name(),
            n -> {
              Map<String, String> md = new LinkedHashMap<>();
              md.put(Sorbet.KEY_INDEX_NAME, n);
              md.put(Sorbet.KEY_KIND, "index");
              return new Field(
                  n, new FieldType(true, Sorbet.timeArrowType(t.type()), null, md), null);
            });
      }
      for (ComponentColumn c : chunk.components()) {
        String name = chunk.entityPath() + ":" + c.name();
        boolean empty = c.nonNullCount() == 0 || allEmpty(c);
        boolean[] f = flags.get(name);
        if (f == null) {
          flags.put(name, new boolean[] {chunk.isStatic(), empty});
          Field chunkField = findField(chunk, c.name());
          Map<String, String> md = new LinkedHashMap<>();
          ComponentDescriptor d = c.descriptor();
          if (d.archetype() != null) {
            md.put(Sorbet.KEY_ARCHETYPE, d.archetype());
          }
          md.put(Sorbet.KEY_COMPONENT, d.component());
          if (d.componentType() != null) {
            md.put(Sorbet.KEY_COMPONENT_TYPE, d.componentType());
          }
          md.put(Sorbet.KEY_ENTITY_PATH, chunk.entityPath().toString());
          md.put(Sorbet.KEY_KIND, "data");
          components.put(
              name,
              new Field(
                  name,
                  new FieldType(true, chunkField.getType(), null, md),
                  chunkField.getChildren()));
        } else {
          f[0] |= chunk.isStatic();
          f[1] &= empty;
        }
      }
    }

    private static boolean allEmpty(ComponentColumn c) {
      for (int i = 0; i < c.size(); i++) {
        if (c.cellLength(i) > 0) {
          return false;
        }
      }
      return true;
    }

    private static Field findField(Chunk chunk, String component) {
      for (Field f : chunk.fields()) {
        Map<String, String> md = f.getMetadata();
        String comp = md == null ? null : md.get(Sorbet.KEY_COMPONENT);
        if (component.equals(comp != null ? comp : f.getName())) {
          return f;
        }
      }
      throw new IllegalStateException("component field " + component + " not in schema");
    }

    List<Field> build() {
      List<Field> out = new ArrayList<>();
      if (anyChunk) {
        Field row = Sorbet.rowIdField(false);
        out.add(row);
      }
      out.addAll(timelines.values());
      for (Map.Entry<String, Field> e : components.entrySet()) {
        boolean[] f = flags.get(e.getKey());
        Field fld = e.getValue();
        Map<String, String> md = new LinkedHashMap<>(fld.getMetadata());
        if (f[0]) {
          md.put("rerun:is_static", "true");
        }
        if (f[1]) {
          md.put("rerun:is_semantically_empty", "true");
        }
        out.add(
            new Field(
                fld.getName(), new FieldType(true, fld.getType(), null, md), fld.getChildren()));
      }
      return out;
    }
  }

  private static final class BoolList {
    private boolean[] v = new boolean[16];

    void set(int i, boolean b) {
      if (i >= v.length) {
        v = Arrays.copyOf(v, Math.max(i + 1, v.length * 2));
      }
      v[i] = b;
    }

    boolean get(int i) {
      return i < v.length && v[i];
    }
  }

  private static final class LongList {
    private long[] v = new long[0];
    private int n;

    void set(int i, long x) {
      if (i >= v.length) {
        int old = v.length;
        v = Arrays.copyOf(v, Math.max(i + 1, old * 2 + 16));
        Arrays.fill(v, old, v.length, NULL);
      }
      v[i] = x;
      n = Math.max(n, i + 1);
    }

    long get(int i, long dflt) {
      return i < n ? v[i] : dflt;
    }
  }

  private static final class RangeCol {
    final TimeType type;
    final LongList starts = new LongList();
    final LongList ends = new LongList();
    final LongList counts = new LongList();

    RangeCol(TimeType type) {
      this.type = Objects.requireNonNull(type);
    }

    void set(int row, long min, long max, long count) {
      starts.set(row, min);
      ends.set(row, max);
      counts.set(row, count);
    }

    long count(int row) {
      long c = counts.get(row, 0);
      return c == NULL ? 0 : c;
    }
  }
}
