package dev.rrdvideo.format.chunk.internal.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BufferLayout;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.FBSerializables;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow IPC <em>stream</em> format (schema, one record batch, end-of-stream marker) to and from
 * {@link ArrowBatch}es. Used for chunk payloads and footer manifests.
 *
 * <p>Reads and writes the bytes Arrow Java's {@code ArrowStreamReader}/{@code ArrowStreamWriter}
 * read and write, through the same flatbuffer and message classes, but never touches Arrow's {@code
 * Schema} class (see {@link ArrowBatch} for why).
 *
 * <p>Not API. Arrow's own exceptions escape from the writers; callers wrap them with the message
 * offset.
 */
public final class ArrowIpc {
  private ArrowIpc() {}

  /** The schema of an IPC stream: its fields and its metadata (unmodifiable). */
  public record IpcSchema(List<Field> fields, Map<String, String> metadata) {}

  /** Thrown when the bytes are not an IPC stream with at least one record batch. */
  public static final class IpcException extends Exception {
    private static final long serialVersionUID = 1L;

    IpcException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads the schema and the first record batch of an IPC stream into new vectors allocated from
   * {@code allocator}; further batches are ignored, as Rerun does.
   *
   * <p>The metadata is checked against the bytes first ({@link IpcCheck}: lengths, buffer ranges,
   * offsets, nesting), so Arrow never allocates for a size the bytes do not back and later reads of
   * the vectors cannot go out of bounds. On failure every buffer allocated here is released again:
   * {@code allocator} holds exactly what it held before.
   *
   * <p>Arrow's own validation ({@code ValueVectorUtility.validateFull}) is not run: everything it
   * checks, {@link IpcCheck} has checked on the same bytes, mostly more strictly. Its structural
   * part (ValidateVectorVisitor) checks that each vector's buffers hold its value count (validity
   * bitmap, fixed-width data, offsets: IpcCheck's {@code validity}, {@code dataAtLeast}, {@code
   * offsets}), that list and variable-width offsets end within the child or data buffer ({@code
   * childAtLeast}, {@code dataAtLeast} on the last offset), that struct, fixed-size-list and sparse
   * union children are long enough ({@code childAtLeast}), and that top-level counts equal the row
   * count (checked per column); its data part (ValidateVectorDataVisitor) checks offsets for
   * negative and decreasing values (IpcCheck also refuses a negative first offset, which Arrow
   * accepts), union type ids for negative values (IpcCheck accepts only ids 0..127 that name a
   * child) and dense-union offsets against the child length (same check). Types IpcCheck does not
   * model (views, run-end encoded, list views) are refused before loading. The fuzz targets
   * (ChunkDecodeFuzzTest, RrdReaderFuzzTest) hold the decoded vectors to the contract without it.
   *
   * @throws IpcException for malformed IPC, a missing batch, or failed validation
   */
  public static ArrowBatch readFirstBatch(byte[] buf, int off, int len, BufferAllocator allocator)
      throws IpcException {
    IpcCheck.Batch checked = IpcCheck.checkBatch(buf, off, len);
    List<Field> fields = checked.schema().fields();
    List<FieldVector> vectors = null;
    ArrowBuf body = null;
    ArrowRecordBatch batch = null;
    boolean ok = false;
    try {
      vectors = ArrowBatch.createVectors(fields, allocator);
      body = allocator.buffer(checked.bodyLength());
      body.setBytes(0, buf, checked.bodyOffset(), checked.bodyLength());
      // takes its own references to slices of the body and drops the one we hold
      batch = MessageSerializer.deserializeRecordBatch(checked.recordBatch(), body);
      body = null;
      load(fields, vectors, batch);
      ok = true;
      return new ArrowBatch(fields, checked.schema().metadata(), vectors, batch.getLength());
    } catch (IOException | RuntimeException | AssertionError e) {
      // AssertionError: Arrow checks some buffer invariants with 'assert' (when run with -ea)
      throw new IpcException("invalid Arrow IPC stream: " + e, e);
    } finally {
      if (batch != null) {
        batch.close();
      }
      if (body != null) {
        // deserializeRecordBatch failed half-way: drop every reference, including slices it took
        body.getReferenceManager().release(body.getReferenceManager().getRefCount());
      }
      if (!ok && vectors != null) {
        for (FieldVector v : vectors) {
          v.close();
        }
      }
    }
  }

  /** Reads bytes of an IPC stream that is not all in memory. */
  @FunctionalInterface
  public interface Source {
    /**
     * Reads {@code len} bytes at {@code pos} (from the start of the stream) into {@code
     * dst[off..]}.
     */
    void read(long pos, byte[] dst, int off, int len) throws IOException;
  }

  /** Largest gap between two needed body ranges that is read rather than skipped. */
  private static final int MAX_READ_GAP = 4096;

  /**
   * Reads the schema and the first record batch of an IPC stream like {@link #readFirstBatch}, but
   * without the values of the blob columns {@code skip} selects: in a top-level column of type
   * {@code List<List<UInt8>>} it accepts, the validity and data buffers of the {@code UInt8} values
   * are neither read nor allocated. Such a column keeps its list offsets (each blob's length), its
   * {@code UInt8} vector is empty. Every other buffer is read, and the whole stream is checked
   * exactly as {@link #readFirstBatch} checks it ({@link IpcCheck} sees the same metadata; it reads
   * no blob values), with the same errors.
   *
   * @param prefix the first {@code prefixLength} bytes of the stream (more are read when the
   *     metadata goes on)
   * @param streamLength the length of the stream
   * @param source the stream's bytes
   * @throws IOException from {@code source}
   */
  public static ArrowBatch readFirstBatchWithoutBlobs(
      byte[] prefix,
      int prefixLength,
      int streamLength,
      Source source,
      Predicate<Field> skip,
      BufferAllocator allocator)
      throws IpcException, IOException {
    byte[] meta = prefix;
    int avail = Math.min(prefixLength, streamLength);
    IpcCheck.Headers h;
    while (true) {
      h = IpcCheck.headers(meta, 0, avail, streamLength);
      if (h.neededEnd() <= 0) {
        break;
      }
      int grown = (int) Math.min(streamLength, Math.max(h.neededEnd(), 2L * avail + 4096));
      meta = Arrays.copyOf(meta, grown);
      source.read(avail, meta, avail, grown - avail);
      avail = grown;
    }
    RecordBatch rb = h.recordBatch();
    List<Field> fields = h.schema().fields();
    Plan plan;
    try {
      plan = plan(h, fields, skip);
    } catch (RuntimeException e) {
      // corrupt record batch metadata: the check finds it as it does for a whole read
      IpcCheck.body(h, new SparseBody(0));
      throw new IpcException("corrupt Arrow IPC record batch metadata: " + e, e);
    }
    boolean[] skipNode = plan.skipNode();
    boolean[] skipBuffer = plan.skipBuffer();
    List<long[]> merged = plan.ranges();
    Buffer b = new Buffer();
    SparseBody body = new SparseBody(merged.size());
    long total = 0;
    for (long[] r : merged) {
      total = (total + 7) & ~7L; // keep each range 8-byte aligned in the copy
      total += r[1] - r[0];
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IpcException("Arrow IPC body ranges of " + total + " bytes", null);
    }
    byte[] bytes = new byte[(int) total];
    int cursor = 0;
    for (long[] r : merged) {
      cursor = (cursor + 7) & ~7;
      int n = (int) (r[1] - r[0]);
      long streamPos = h.bodyOffset() + r[0];
      if (streamPos + n <= avail) {
        System.arraycopy(meta, (int) streamPos, bytes, cursor, n);
      } else {
        source.read(streamPos, bytes, cursor, n);
      }
      body.add((int) r[0], (int) r[1], cursor);
      cursor += n;
    }
    body.bytes = bytes;
    IpcCheck.Batch checked = IpcCheck.body(h, body);
    long skipped = 0;
    for (int i = 0; i < rb.buffersLength(); i++) {
      if (skipBuffer[i]) {
        skipped += rb.buffers(b, i).length();
      }
    }
    List<FieldVector> vectors = null;
    ArrowBuf whole = null;
    boolean ok = false;
    try {
      vectors = ArrowBatch.createVectors(fields, allocator);
      whole = allocator.buffer(bytes.length);
      whole.setBytes(0, bytes, 0, bytes.length);
      List<ArrowBuf> buffers = new ArrayList<>(rb.buffersLength());
      for (int i = 0; i < rb.buffersLength(); i++) {
        rb.buffers(b, i);
        if (skipBuffer[i] || b.length() == 0) {
          buffers.add(allocator.getEmpty());
        } else {
          buffers.add(whole.slice(body.at((int) b.offset(), (int) b.length()), b.length()));
        }
      }
      List<ArrowFieldNode> nodes = new ArrayList<>(rb.nodesLength());
      FieldNode fn = new FieldNode();
      for (int i = 0; i < rb.nodesLength(); i++) {
        rb.nodes(fn, i);
        nodes.add(
            skipNode[i]
                ? new ArrowFieldNode(0, 0)
                : new ArrowFieldNode(fn.length(), fn.nullCount()));
      }
      Iterator<ArrowBuf> bi = buffers.iterator();
      Iterator<ArrowFieldNode> ni = nodes.iterator();
      int at = 0;
      for (int i = 0; i < fields.size(); i++) {
        loadBuffers(vectors.get(i), fields.get(i), bi, ni);
        int n = count(fields.get(i));
        boolean partial = false;
        for (int k = at; k < at + n; k++) {
          partial |= skipNode[k];
        }
        at += n;
        if (!partial) {
          // a column with skipped values keeps the counts its buffers were loaded with: setting
          // the row count would make Arrow grow the empty UInt8 vector to the blobs' length
          vectors.get(i).setValueCount((int) rb.length());
        }
      }
      if (ni.hasNext() || bi.hasNext()) {
        throw new IllegalArgumentException("record batch has nodes or buffers left over");
      }
      ok = true;
      return new ArrowBatch(
          fields, checked.schema().metadata(), vectors, (int) rb.length(), skipped);
    } catch (RuntimeException | AssertionError e) {
      throw new IpcException("invalid Arrow IPC stream: " + e, e);
    } finally {
      if (whole != null) {
        whole.getReferenceManager().release();
      }
      if (!ok && vectors != null) {
        for (FieldVector v : vectors) {
          v.close();
        }
      }
    }
  }

  /** Which nodes and buffers a partial read leaves out, and the body ranges it reads. */
  private record Plan(boolean[] skipNode, boolean[] skipBuffer, List<long[]> ranges) {}

  /**
   * Plans a partial read from the record batch metadata (not checked yet: flatbuffer accessors may
   * throw for corrupt metadata). Leaves nothing out when the node or buffer counts do not fit the
   * schema (the check then fails).
   */
  private static Plan plan(IpcCheck.Headers h, List<Field> fields, Predicate<Field> skip) {
    RecordBatch rb = h.recordBatch();
    // node and buffer positions of every field, in pre-order (the IPC order)
    List<Field> flat = new ArrayList<>();
    for (Field f : fields) {
      flatten(f, flat);
    }
    int[] firstBuffer = new int[flat.size() + 1];
    for (int i = 0; i < flat.size(); i++) {
      firstBuffer[i + 1] = firstBuffer[i] + TypeLayout.getTypeBufferCount(storage(flat.get(i)));
    }
    boolean[] skipNode = new boolean[flat.size()];
    boolean[] skipBuffer = new boolean[firstBuffer[flat.size()]];
    boolean consistent =
        rb.nodesLength() == flat.size() && rb.buffersLength() == firstBuffer[flat.size()];
    if (consistent) {
      int at = 0;
      for (Field f : fields) {
        if (isBlobList(f) && skip.test(f)) {
          int values = at + 2;
          skipNode[values] = true;
          skipBuffer[firstBuffer[values]] = true;
          skipBuffer[firstBuffer[values] + 1] = true;
        }
        at += count(f);
      }
    }
    // the body ranges to read: every listed buffer inside the body that is not left out
    int bodyLength = h.bodyLength();
    List<long[]> ranges = new ArrayList<>();
    Buffer b = new Buffer();
    for (int i = 0; i < rb.buffersLength(); i++) {
      rb.buffers(b, i);
      long o = b.offset();
      long n = b.length();
      boolean inside = o >= 0 && n > 0 && o <= bodyLength - n;
      if (inside && !(i < skipBuffer.length && skipBuffer[i])) {
        ranges.add(new long[] {o, o + n});
      }
    }
    ranges.sort(ByStart.INSTANCE);
    List<long[]> merged = new ArrayList<>();
    for (long[] r : ranges) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r[0] <= last[1] + MAX_READ_GAP) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(new long[] {r[0], r[1]});
      }
    }
    return new Plan(skipNode, skipBuffer, merged);
  }

  /**
   * Orders ranges by their start. A class, not a lambda, which every run would link (spin a class
   * for) at its first call.
   */
  private static final class ByStart implements Comparator<long[]> {
    static final ByStart INSTANCE = new ByStart();

    @Override
    public int compare(long[] x, long[] y) {
      return Long.compare(x[0], y[0]);
    }
  }

  /** Whether {@code f} is {@code List<List<UInt8>>} (a blob column), without extension types. */
  private static boolean isBlobList(Field f) {
    if (!(f.getType() instanceof ArrowType.List) || f.getChildren().size() != 1) {
      return false;
    }
    Field inner = f.getChildren().get(0);
    if (!(inner.getType() instanceof ArrowType.List) || inner.getChildren().size() != 1) {
      return false;
    }
    Field values = inner.getChildren().get(0);
    return values.getChildren().isEmpty()
        && values.getType() instanceof ArrowType.Int i
        && i.getBitWidth() == 8
        && !i.getIsSigned();
  }

  private static void flatten(Field f, List<Field> out) {
    out.add(f);
    for (Field c : f.getChildren()) {
      flatten(c, out);
    }
  }

  private static int count(Field f) {
    int n = 1;
    for (Field c : f.getChildren()) {
      n += count(c);
    }
    return n;
  }

  private static ArrowType storage(Field f) {
    ArrowType t = f.getType();
    return t instanceof ArrowType.ExtensionType ext ? ext.storageType() : t;
  }

  /** The body ranges read, copied one after another (8-byte aligned) into one array. */
  private static final class SparseBody implements IpcCheck.Body {
    private final int[] starts;
    private final int[] ends;
    private final int[] ats;
    private int size;
    private byte[] bytes;

    SparseBody(int capacity) {
      starts = new int[capacity];
      ends = new int[capacity];
      ats = new int[capacity];
    }

    void add(int start, int end, int at) {
      starts[size] = start;
      ends[size] = end;
      ats[size] = at;
      size++;
    }

    /** Returns where body bytes {@code [pos, pos + len)} are in the copy. */
    int at(int pos, int len) {
      int lo = 0;
      int hi = size - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (starts[mid] <= pos) {
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (hi < 0 || pos - starts[hi] > ends[hi] - starts[hi] - len) {
        throw new IllegalStateException("body bytes " + pos + "+" + len + " were not read");
      }
      return ats[hi] + pos - starts[hi];
    }

    @Override
    public byte get(int pos) {
      return bytes[at(pos, 1)];
    }

    @Override
    public int getInt(int pos) {
      int i = at(pos, 4);
      return (bytes[i] & 0xFF)
          | (bytes[i + 1] & 0xFF) << 8
          | (bytes[i + 2] & 0xFF) << 16
          | (bytes[i + 3] & 0xFF) << 24;
    }

    @Override
    public long getLong(int pos) {
      at(pos, 8);
      return (getInt(pos) & 0xFFFF_FFFFL) | (long) getInt(pos + 4) << 32;
    }
  }

  /**
   * Loads the buffers of {@code batch} into the vectors of {@code fields}, as Arrow's {@code
   * VectorLoader} does (nodes and buffers in pre-order, then every top-level vector set to the
   * batch's row count). The vectors take their own references.
   */
  private static void load(List<Field> fields, List<FieldVector> vectors, ArrowRecordBatch batch) {
    Iterator<ArrowBuf> buffers = batch.getBuffers().iterator();
    Iterator<ArrowFieldNode> nodes = batch.getNodes().iterator();
    for (int i = 0; i < fields.size(); i++) {
      loadBuffers(vectors.get(i), fields.get(i), buffers, nodes);
    }
    for (FieldVector v : vectors) {
      v.setValueCount(batch.getLength());
    }
    if (nodes.hasNext() || buffers.hasNext()) {
      throw new IllegalArgumentException("record batch has nodes or buffers left over");
    }
  }

  private static void loadBuffers(
      FieldVector vector, Field field, Iterator<ArrowBuf> buffers, Iterator<ArrowFieldNode> nodes) {
    if (!nodes.hasNext()) {
      throw new IllegalArgumentException("no field node left for " + field.getName());
    }
    ArrowFieldNode node = nodes.next();
    int count = TypeLayout.getTypeBufferCount(field.getType());
    List<ArrowBuf> own = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      if (!buffers.hasNext()) {
        throw new IllegalArgumentException("no buffer left for " + field.getName());
      }
      own.add(buffers.next());
    }
    vector.loadFieldBuffers(node, own);
    List<Field> children = field.getChildren();
    if (!children.isEmpty()) {
      List<FieldVector> kids = vector.getChildrenFromFields();
      if (kids.size() != children.size()) {
        throw new IllegalArgumentException(
            field.getName()
                + ": "
                + kids.size()
                + " child vectors, "
                + children.size()
                + " fields");
      }
      for (int i = 0; i < children.size(); i++) {
        loadBuffers(kids.get(i), children.get(i), buffers, nodes);
      }
    }
  }

  /**
   * Reads only the schema of an IPC stream (for footer {@code sorbet_schema}); allocates nothing.
   */
  public static IpcSchema readSchema(byte[] buf, int off, int len) throws IpcException {
    return IpcCheck.checkSchema(buf, off, len);
  }

  /**
   * Writes {@code batch} as an IPC stream (schema, one record batch, end-of-stream marker) to
   * {@code out}: the bytes {@code ArrowStreamWriter} writes for a root of the same parts.
   */
  public static void writeStream(ArrowBatch batch, OutputStream out) throws IOException {
    writeStream(batch.fields(), batch.metadata(), batch.vectors(), batch.rowCount(), out);
  }

  /** Like {@link #writeStream(ArrowBatch, OutputStream)}, from the parts. */
  public static void writeStream(
      List<Field> fields,
      Map<String, String> metadata,
      List<FieldVector> vectors,
      int rowCount,
      OutputStream out)
      throws IOException {
    WriteChannel ch = channel(out);
    // ArrowStreamWriter writes a copy of the root's schema (new Schema(fields, metadata)), whose
    // metadata map is a new HashMap: its iteration order is the order of the entries written
    writeSchemaMessage(ch, fields, new HashMap<>(metadata));
    List<ArrowFieldNode> nodes = new ArrayList<>();
    List<ArrowBuf> buffers = new ArrayList<>();
    for (FieldVector v : vectors) {
      appendNodes(v, nodes, buffers);
    }
    // as VectorUnloader makes it: no body compression, aligned buffers, and the references
    // appendNodes took handed over (not retained again); closing the batch drops them
    try (ArrowRecordBatch batch =
        new ArrowRecordBatch(
            rowCount,
            nodes,
            buffers,
            CompressionUtil.createBodyCompression(NoCompressionCodec.INSTANCE),
            new ArrayList<>(),
            true,
            false)) {
      MessageSerializer.serialize(ch, batch, IpcOption.DEFAULT);
    }
    ch.writeIntLittleEndian(0xFFFFFFFF);
    ch.writeIntLittleEndian(0);
  }

  /**
   * Collects the node and the buffers of {@code v} and its children in pre-order, as Arrow's {@code
   * VectorUnloader} does, taking a reference on each buffer.
   */
  private static void appendNodes(FieldVector v, List<ArrowFieldNode> nodes, List<ArrowBuf> out) {
    // counted once: Arrow counts the bits of the whole validity buffer at each call (50 MB for a
    // 400 MB chunk's byte vector)
    int nullCount = v.getNullCount();
    nodes.add(new ArrowFieldNode(v.getValueCount(), nullCount));
    List<ArrowBuf> own = v.getFieldBuffers();
    int expected = TypeLayout.getTypeBufferCount(v.getField().getType());
    if (own.size() != expected) {
      throw new IllegalArgumentException(
          "wrong number of buffers for field " + v.getField() + ": " + own.size());
    }
    // A vector without nulls gets an empty validity buffer, as the IPC format allows (readers
    // take null_count 0 as all valid). Arrow Java and arrow-rs (Rerun) write a full bitmap of
    // ones: 1/8 of a byte vector's size, 1/9 of a VideoStream chunk stored uncompressed.
    boolean dropValidity =
        nullCount == 0
            && TypeLayout.getTypeLayout(v.getField().getType()).getBufferTypes().get(0)
                == BufferLayout.BufferType.VALIDITY;
    for (int i = 0; i < own.size(); i++) {
      ArrowBuf b = dropValidity && i == 0 ? own.get(i).slice(0, 0) : own.get(i);
      b.getReferenceManager().retain();
      out.add(b);
    }
    for (FieldVector child : v.getChildrenFromFields()) {
      appendNodes(child, nodes, out);
    }
  }

  /**
   * Writes an IPC stream holding only the schema message of {@code fields} and {@code metadata}
   * and, when {@code withEos}, the end-of-stream marker.
   */
  public static void writeSchemaOnly(
      List<Field> fields, Map<String, String> metadata, OutputStream out, boolean withEos)
      throws IOException {
    WriteChannel ch = channel(out);
    writeSchemaMessage(ch, fields, metadata);
    if (withEos) {
      ch.writeIntLittleEndian(0xFFFFFFFF);
      ch.writeIntLittleEndian(0);
    }
  }

  private static WriteChannel channel(OutputStream out) {
    return new WriteChannel(
        out instanceof WritableByteChannel direct ? direct : Channels.newChannel(out));
  }

  /**
   * Writes the schema message as {@code MessageSerializer.serialize(channel, schema)} does: the
   * flatbuffer {@code Schema} table (fields, little-endian, the metadata in the map's order), in a
   * {@code Message} of metadata version V5 with a continuation marker, padded to 8 bytes.
   */
  private static void writeSchemaMessage(
      WriteChannel ch, List<Field> fields, Map<String, String> metadata) throws IOException {
    FlatBufferBuilder b = new FlatBufferBuilder();
    int[] offsets = new int[fields.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = fields.get(i).getField(b);
    }
    int fieldsVector = org.apache.arrow.flatbuf.Schema.createFieldsVector(b, offsets);
    int metadataVector = FBSerializables.writeKeyValues(b, metadata);
    org.apache.arrow.flatbuf.Schema.startSchema(b);
    org.apache.arrow.flatbuf.Schema.addEndianness(b, Endianness.Little);
    org.apache.arrow.flatbuf.Schema.addFields(b, fieldsVector);
    org.apache.arrow.flatbuf.Schema.addCustomMetadata(b, metadataVector);
    int schema = org.apache.arrow.flatbuf.Schema.endSchema(b);
    ByteBuffer message =
        MessageSerializer.serializeMessage(b, MessageHeader.Schema, schema, 0, IpcOption.DEFAULT);
    MessageSerializer.writeMessageBuffer(ch, message.remaining(), message, IpcOption.DEFAULT);
  }
}
