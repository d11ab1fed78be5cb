package dev.rrdvideo.format.internal.arrow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Arrow IPC <em>stream</em> format (schema, one record batch, end-of-stream marker) to and from
 * Arrow roots. Used for chunk payloads and footer manifests.
 *
 * <p>Not API. Arrow's own exceptions escape from here; callers wrap them with the message offset.
 */
public final class ArrowIpc {
  private ArrowIpc() {}

  /** Thrown when the bytes are not an IPC stream with at least one record batch. */
  public static final class IpcException extends Exception {
    private static final long serialVersionUID = 1L;

    IpcException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads the schema and the first record batch of an IPC stream into a new root allocated from
   * {@code allocator}; further batches are ignored, as Rerun does.
   *
   * <p>The metadata is checked against the bytes first ({@link IpcCheck}: lengths, buffer ranges,
   * offsets, nesting), so Arrow never allocates for a size the bytes do not back and later reads of
   * the root cannot go out of bounds; Arrow's own full validation runs on the loaded root as well.
   * On failure every buffer allocated here is released again: {@code allocator} holds exactly what
   * it held before.
   *
   * @throws IpcException for malformed IPC, a missing batch, or failed validation
   */
  public static VectorSchemaRoot readFirstBatch(
      byte[] buf, int off, int len, BufferAllocator allocator) throws IpcException {
    IpcCheck.Batch checked = IpcCheck.checkBatch(buf, off, len);
    VectorSchemaRoot root = null;
    ArrowBuf body = null;
    ArrowRecordBatch batch = null;
    boolean ok = false;
    try {
      root = VectorSchemaRoot.create(checked.schema(), allocator);
      body = allocator.buffer(checked.bodyLength());
      body.setBytes(0, buf, checked.bodyOffset(), checked.bodyLength());
      // takes its own references to slices of the body and drops the one we hold
      batch = MessageSerializer.deserializeRecordBatch(checked.recordBatch(), body);
      body = null;
      new VectorLoader(root).load(batch);
      ValueVectorUtility.validateFull(root);
      ok = true;
      return root;
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
      if (!ok && root != null) {
        root.close();
      }
    }
  }

  /**
   * Reads only the schema of an IPC stream (for footer {@code sorbet_schema}); allocates nothing.
   */
  public static Schema readSchema(byte[] buf, int off, int len) throws IpcException {
    return IpcCheck.checkSchema(buf, off, len);
  }

  /** Writes {@code root} as an IPC stream (schema, one batch, EOS) to {@code out}. */
  public static void writeStream(VectorSchemaRoot root, OutputStream out) throws IOException {
    WritableByteChannel ch =
        out instanceof WritableByteChannel direct ? direct : Channels.newChannel(out);
    try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, ch)) {
      writer.start();
      writer.writeBatch();
      writer.end();
    }
  }

  /** Writes an IPC stream holding only {@code schema} and the EOS marker. */
  public static void writeSchemaOnly(Schema schema, OutputStream out, boolean withEos)
      throws IOException {
    WriteChannel ch = new WriteChannel(Channels.newChannel(out));
    MessageSerializer.serialize(ch, schema);
    if (withEos) {
      ch.writeIntLittleEndian(0xFFFFFFFF);
      ch.writeIntLittleEndian(0);
    }
  }
}
