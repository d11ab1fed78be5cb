package dev.rrdvideo.format.chunk.internal.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.MessageHeader;
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
