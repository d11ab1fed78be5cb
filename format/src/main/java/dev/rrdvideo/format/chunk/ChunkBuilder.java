package dev.rrdvideo.format.chunk;

import dev.rrdvideo.format.chunk.internal.ByteSink;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowBatch;
import dev.rrdvideo.format.chunk.internal.arrow.Sorbet;
import dev.rrdvideo.format.error.RrdVideoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Builds chunks of a fixed layout (one entity, a set of timelines, a set of mono-components) row by
 * row, for writing.
 *
 * <p>Values are collected in primitive arrays and one grow-only byte buffer per blob column, then
 * copied into exactly-sized Arrow vectors by {@link #build()}, which resets the builder for the
 * next chunk (the buffers keep their capacity). Each row gets a fresh row id from the {@link
 * TuidGenerator}; a component not set in a row is null there. The schema follows Rerun's canonical
 * form (list children named {@code item}, {@code rerun:is_sorted} only when true).
 *
 * <pre>{@code
 * ChunkBuilder b = ChunkBuilder.forEntity(EntityPath.parse("/video"), ids)
 *     .timeline("video", TimeType.DURATION)
 *     .component(VideoStreamSchema.SAMPLE, CellType.BYTES)
 *     .create();
 * b.addRow();
 * b.setTime(0, ptsNanos);
 * b.setBytes(0, frame, 0, frame.length);
 * try (Chunk chunk = b.build()) { writer.writeChunk(store, chunk); }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ChunkBuilder {
  private final EntityPath entityPath;
  private final TuidGenerator ids;
  private final BufferAllocator parentAllocator;
  private final String[] timelineNames;
  private final TimeType[] timelineTypes;
  private final ComponentDescriptor[] descriptors;
  private final CellType[] cellTypes;

  private int rows;
  private long[] rowIdTime = new long[16];
  private long[] rowIdInc = new long[16];
  private final long[][] times;
  private final boolean[][] timeSet;
  private final boolean[][] present;
  private final long[][] values;
  private final ByteSink[] bytes;
  private final int[][] byteEnds;

  private ChunkBuilder(Layout l) {
    this.entityPath = l.entityPath;
    this.ids = l.ids;
    this.parentAllocator = l.allocator;
    this.timelineNames = l.timelineNames.toArray(new String[0]);
    this.timelineTypes = l.timelineTypes.toArray(new TimeType[0]);
    this.descriptors = l.descriptors.toArray(new ComponentDescriptor[0]);
    this.cellTypes = l.cellTypes.toArray(new CellType[0]);
    int t = timelineNames.length;
    int c = descriptors.length;
    times = new long[t][16];
    timeSet = new boolean[t][16];
    present = new boolean[c][16];
    values = new long[c][];
    bytes = new ByteSink[c];
    byteEnds = new int[c][];
    for (int i = 0; i < c; i++) {
      if (cellTypes[i] == CellType.BYTES || cellTypes[i] == CellType.UTF8) {
        bytes[i] = new ByteSink(1024);
        byteEnds[i] = new int[16];
      } else {
        values[i] = new long[16];
      }
    }
  }

  /**
   * Starts describing the layout of chunks for {@code entityPath}, with row ids from {@code ids}.
   */
  public static Layout forEntity(EntityPath entityPath, TuidGenerator ids) {
    return new Layout(entityPath, ids);
  }

  /** Describes the columns of the chunks a builder makes. */
  public static final class Layout {
    private final EntityPath entityPath;
    private final TuidGenerator ids;
    private BufferAllocator allocator = Allocators.root();
    private final List<String> timelineNames = new ArrayList<>();
    private final List<TimeType> timelineTypes = new ArrayList<>();
    private final List<ComponentDescriptor> descriptors = new ArrayList<>();
    private final List<CellType> cellTypes = new ArrayList<>();

    private Layout(EntityPath entityPath, TuidGenerator ids) {
      this.entityPath = Objects.requireNonNull(entityPath, "entityPath is null");
      this.ids = Objects.requireNonNull(ids, "ids is null");
    }

    /** Adds a timeline column (index {@code 0, 1, ...} in the order added). */
    public Layout timeline(String name, TimeType type) {
      Objects.requireNonNull(name, "name is null");
      if (name.isEmpty() || timelineNames.contains(name)) {
        throw new IllegalArgumentException("timeline name empty or repeated: '" + name + "'");
      }
      timelineNames.add(name);
      timelineTypes.add(Objects.requireNonNull(type, "type is null"));
      return this;
    }

    /** Adds a component column (index {@code 0, 1, ...} in the order added). */
    public Layout component(ComponentDescriptor descriptor, CellType type) {
      for (ComponentDescriptor d : descriptors) {
        if (d.component().equals(descriptor.component())) {
          throw new IllegalArgumentException("component repeated: " + descriptor.component());
        }
      }
      descriptors.add(descriptor);
      cellTypes.add(Objects.requireNonNull(type, "type is null"));
      return this;
    }

    /** Sets the allocator the built chunks allocate from (default: the library's shared one). */
    public Layout allocator(BufferAllocator allocator) {
      this.allocator = Objects.requireNonNull(allocator, "allocator is null");
      return this;
    }

    /** Returns a builder for this layout. */
    public ChunkBuilder create() {
      return new ChunkBuilder(this);
    }
  }

  /** Returns the number of rows added since the last {@link #build()}. */
  public int rowCount() {
    return rows;
  }

  /** Returns the number of blob/text bytes buffered so far in component {@code c}. */
  public int bufferedBytes(int c) {
    return bytes[c] == null ? 0 : bytes[c].size();
  }

  /** Starts a new row with a fresh row id; returns its index. */
  public int addRow() {
    if (rows == rowIdTime.length) {
      grow(rows * 2);
    }
    Tuid id = ids.next();
    rowIdTime[rows] = id.timeNanos();
    rowIdInc[rows] = id.inc();
    for (boolean[] s : timeSet) {
      s[rows] = false;
    }
    for (int c = 0; c < descriptors.length; c++) {
      present[c][rows] = false;
      if (byteEnds[c] != null) {
        byteEnds[c][rows] = bytes[c].size();
      }
    }
    return rows++;
  }

  private void grow(int n) {
    rowIdTime = Arrays.copyOf(rowIdTime, n);
    rowIdInc = Arrays.copyOf(rowIdInc, n);
    for (int t = 0; t < times.length; t++) {
      times[t] = Arrays.copyOf(times[t], n);
      timeSet[t] = Arrays.copyOf(timeSet[t], n);
    }
    for (int c = 0; c < descriptors.length; c++) {
      present[c] = Arrays.copyOf(present[c], n);
      if (values[c] != null) {
        values[c] = Arrays.copyOf(values[c], n);
      } else {
        byteEnds[c] = Arrays.copyOf(byteEnds[c], n);
      }
    }
  }

  private int current() {
    if (rows == 0) {
      throw new IllegalStateException("call addRow() first");
    }
    return rows - 1;
  }

  /** Sets the current row's value on timeline {@code t} (must not be {@code Long.MIN_VALUE}). */
  public void setTime(int t, long value) {
    if (value == Long.MIN_VALUE) {
      throw new IllegalArgumentException("Long.MIN_VALUE is reserved for static data");
    }
    int r = current();
    times[t][r] = value;
    timeSet[t][r] = true;
  }

  private void setValue(int c, CellType expected, long v) {
    if (cellTypes[c] != expected) {
      throw new IllegalArgumentException(
          "component " + descriptors[c].component() + " is " + cellTypes[c] + ", not " + expected);
    }
    int r = current();
    values[c][r] = v;
    present[c][r] = true;
  }

  /** Sets a {@code UInt32} cell (0 .. 2^32-1) in the current row. */
  public void setUInt32(int c, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("not a UInt32: " + value);
    }
    setValue(c, CellType.UINT32, value);
  }

  /** Sets a {@code Boolean} cell in the current row. */
  public void setBool(int c, boolean value) {
    setValue(c, CellType.BOOL, value ? 1 : 0);
  }

  /** Sets a {@code Float32} cell in the current row. */
  public void setFloat32(int c, float value) {
    setValue(c, CellType.FLOAT32, Float.floatToRawIntBits(value));
  }

  /** Sets an {@code Int64} cell in the current row. */
  public void setInt64(int c, long value) {
    setValue(c, CellType.INT64, value);
  }

  /** Sets a blob cell in the current row to {@code src[off..off+len)} (copied). */
  public void setBytes(int c, byte[] src, int off, int len) {
    Objects.checkFromIndexSize(off, len, src.length);
    setBlob(c, CellType.BYTES, src, off, len);
  }

  /** Sets a blob cell in the current row to the remaining bytes of {@code src} (copied). */
  public void setBytes(int c, ByteBuffer src) {
    if (cellTypes[c] != CellType.BYTES) {
      throw new IllegalArgumentException(descriptors[c].component() + " is not BYTES");
    }
    int r = current();
    if (present[c][r]) {
      throw new IllegalStateException("cell already set in this row");
    }
    int n = src.remaining();
    ByteSink s = bytes[c];
    int at = s.size();
    s.ensure(at + n);
    src.duplicate().get(s.array(), at, n);
    s.setSize(at + n);
    byteEnds[c][r] = s.size();
    present[c][r] = true;
  }

  /** Sets a {@code Utf8} cell in the current row. */
  public void setUtf8(int c, String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    setBlob(c, CellType.UTF8, b, 0, b.length);
  }

  private void setBlob(int c, CellType expected, byte[] src, int off, int len) {
    if (cellTypes[c] != expected) {
      throw new IllegalArgumentException(
          "component " + descriptors[c].component() + " is " + cellTypes[c] + ", not " + expected);
    }
    int r = current();
    if (present[c][r]) {
      throw new IllegalStateException("cell already set in this row");
    }
    bytes[c].write(src, off, len);
    byteEnds[c][r] = bytes[c].size();
    present[c][r] = true;
  }

  /**
   * Returns the chunk of all rows added since the last build, with a fresh chunk id, and resets the
   * builder. The caller closes the chunk.
   *
   * @throws IllegalStateException if a row lacks a value on some timeline
   */
  public Chunk build() {
    return build(Map.of());
  }

  /**
   * Like {@link #build()}, adding {@code extraMetadata} to the chunk's schema metadata (keys must
   * not use the {@code rerun:} or {@code sorbet:} prefixes, which belong to Rerun).
   */
  public Chunk build(Map<String, String> extraMetadata) {
    for (String k : extraMetadata.keySet()) {
      if (k.startsWith("rerun:") || k.startsWith("rerun.") || k.startsWith("sorbet:")) {
        throw new IllegalArgumentException("metadata key '" + k + "' is reserved for Rerun");
      }
    }
    int n = rows;
    for (int t = 0; t < times.length; t++) {
      for (int r = 0; r < n; r++) {
        if (!timeSet[t][r]) {
          throw new IllegalStateException(
              "row " + r + " has no value on timeline '" + timelineNames[t] + "'");
        }
      }
    }
    Tuid chunkId = ids.next();
    List<Field> fields = new ArrayList<>();
    fields.add(Sorbet.rowIdField(true));
    for (int t = 0; t < times.length; t++) {
      fields.add(Sorbet.indexField(timelineNames[t], timelineTypes[t], isSorted(times[t], n)));
    }
    for (int c = 0; c < descriptors.length; c++) {
      fields.add(Sorbet.componentField(descriptors[c], itemField(cellTypes[c])));
    }
    Map<String, String> md = new LinkedHashMap<>();
    md.put(Sorbet.KEY_ENTITY_PATH, entityPath.toString());
    md.put(Sorbet.KEY_ID, chunkId.toChunkIdString());
    md.put(Sorbet.KEY_VERSION, Sorbet.VERSION);
    md.putAll(extraMetadata);
    BufferAllocator alloc = parentAllocator.newChildAllocator("built-chunk", 0, Long.MAX_VALUE);
    List<FieldVector> v;
    try {
      v = ArrowBatch.createVectors(fields, alloc);
    } catch (RuntimeException e) {
      alloc.close();
      throw e;
    }
    ArrowBatch batch = new ArrowBatch(fields, ArrowBatch.metadataOf(md), v, n);
    try {
      fillRowIds((FixedSizeBinaryVector) v.get(0), n);
      for (int t = 0; t < times.length; t++) {
        fillLongs((BaseFixedWidthVector) v.get(1 + t), times[t], n);
      }
      for (int c = 0; c < descriptors.length; c++) {
        fillComponent((ListVector) v.get(1 + times.length + c), c, n);
      }
      for (FieldVector f : v) {
        f.setValueCount(n);
      }
      Chunk chunk = Chunk.fromBatch(batch, alloc);
      reset();
      return chunk;
    } catch (RrdVideoException | RuntimeException e) {
      batch.close();
      alloc.close();
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new IllegalStateException("built an invalid chunk: " + e.getMessage(), e);
    }
  }

  /** Drops all rows added since the last build. */
  public void reset() {
    rows = 0;
    for (ByteSink s : bytes) {
      if (s != null) {
        s.reset();
      }
    }
  }

  private static boolean isSorted(long[] v, int n) {
    for (int i = 1; i < n; i++) {
      if (v[i] < v[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static Field itemField(CellType t) {
    switch (t) {
      case BYTES:
        return Sorbet.blobItem();
      case UINT32:
        return Sorbet.item(new ArrowType.Int(32, false));
      case BOOL:
        return Sorbet.item(ArrowType.Bool.INSTANCE);
      case FLOAT32:
        return Sorbet.item(Sorbet.float32());
      case INT64:
        return Sorbet.item(new ArrowType.Int(64, true));
      case UTF8:
        return Sorbet.item(ArrowType.Utf8.INSTANCE);
      default:
        throw new IllegalArgumentException(String.valueOf(t));
    }
  }

  private void fillRowIds(FixedSizeBinaryVector v, int n) {
    v.allocateNew(Math.max(n, 1));
    ArrowBuf data = v.getDataBuffer();
    for (int r = 0; r < n; r++) {
      data.setLong(16L * r, Long.reverseBytes(rowIdTime[r]));
      data.setLong(16L * r + 8, Long.reverseBytes(rowIdInc[r]));
      BitVectorHelper.setBit(v.getValidityBuffer(), r);
    }
    v.setValueCount(n);
  }

  private static void fillLongs(BaseFixedWidthVector v, long[] src, int n) {
    v.allocateNew(Math.max(n, 1));
    ArrowBuf data = v.getDataBuffer();
    for (int r = 0; r < n; r++) {
      data.setLong(8L * r, src[r]);
      BitVectorHelper.setBit(v.getValidityBuffer(), r);
    }
    v.setValueCount(n);
  }

  /** Writes outer offsets/validity for column {@code c}; returns the number of cells. */
  private int fillOuter(ListVector outer, int c, int n) {
    outer.setInitialCapacity(Math.max(n, 1), 1);
    outer.allocateNew();
    while (outer.getValueCapacity() < n) {
      outer.reAlloc();
    }
    ArrowBuf offsets = outer.getOffsetBuffer();
    int cells = 0;
    offsets.setInt(0, 0);
    for (int r = 0; r < n; r++) {
      if (present[c][r]) {
        cells++;
        BitVectorHelper.setBit(outer.getValidityBuffer(), r);
      }
      offsets.setInt(4L * (r + 1), cells);
    }
    outer.setLastSet(n - 1);
    return cells;
  }

  private void fillComponent(ListVector outer, int c, int n) {
    int cells = fillOuter(outer, c, n);
    FieldVector child = outer.getDataVector();
    switch (cellTypes[c]) {
      case BYTES:
        fillBlobs((ListVector) child, c, n, cells);
        break;
      case UTF8:
        fillText((VarCharVector) child, c, n, cells);
        break;
      case BOOL:
        {
          BitVector b = (BitVector) child;
          b.allocateNew(Math.max(cells, 1));
          int j = 0;
          for (int r = 0; r < n; r++) {
            if (present[c][r]) {
              b.set(j++, (int) values[c][r]);
            }
          }
          b.setValueCount(cells);
          break;
        }
      default:
        {
          BaseFixedWidthVector f = (BaseFixedWidthVector) child;
          f.allocateNew(Math.max(cells, 1));
          ArrowBuf data = f.getDataBuffer();
          int width = f.getTypeWidth();
          int j = 0;
          for (int r = 0; r < n; r++) {
            if (present[c][r]) {
              if (width == 8) {
                data.setLong(8L * j, values[c][r]);
              } else {
                data.setInt(4L * j, (int) values[c][r]);
              }
              BitVectorHelper.setBit(f.getValidityBuffer(), j);
              j++;
            }
          }
          f.setValueCount(cells);
        }
    }
    outer.setValueCount(n);
  }

  private void fillBlobs(ListVector inner, int c, int n, int cells) {
    inner.setInitialCapacity(Math.max(cells, 1), 1);
    inner.allocateNew();
    while (inner.getValueCapacity() < cells) {
      inner.reAlloc();
    }
    UInt1Vector data = (UInt1Vector) inner.getDataVector();
    int total = bytes[c].size();
    data.allocateNew(Math.max(total, 1));
    data.getDataBuffer().setBytes(0, bytes[c].array(), 0, total);
    data.getValidityBuffer().setOne(0L, (long) ((total + 7) / 8));
    data.setValueCount(total);
    ArrowBuf offsets = inner.getOffsetBuffer();
    offsets.setInt(0, 0);
    int j = 0;
    int prevEnd = 0;
    int written = 0;
    for (int r = 0; r < n; r++) {
      int end = byteEnds[c][r];
      if (present[c][r]) {
        int start = r == 0 ? 0 : byteEnds[c][r - 1];
        if (start != written) {
          throw new IllegalStateException("blob bytes out of order");
        }
        written = end;
        BitVectorHelper.setBit(inner.getValidityBuffer(), j);
        offsets.setInt(4L * (j + 1), end);
        j++;
      }
      prevEnd = end;
    }
    if (prevEnd != total) {
      throw new IllegalStateException("blob byte count mismatch");
    }
    inner.setLastSet(cells - 1);
    inner.setValueCount(cells);
  }

  private void fillText(VarCharVector v, int c, int n, int cells) {
    int total = bytes[c].size();
    v.allocateNew(Math.max(total, 1), Math.max(cells, 1));
    int j = 0;
    for (int r = 0; r < n; r++) {
      if (present[c][r]) {
        int start = r == 0 ? 0 : byteEnds[c][r - 1];
        v.setSafe(j++, bytes[c].array(), start, byteEnds[c][r] - start);
      }
    }
    v.setValueCount(cells);
  }
}
