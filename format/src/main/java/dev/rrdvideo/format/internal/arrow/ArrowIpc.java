package dev.rrdvideo.format.internal.arrow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
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
   * {@code allocator}; further batches are ignored, as Rerun does. The returned root's buffers are
   * fully validated (offsets, sizes), so later reads cannot go out of bounds.
   *
   * @throws IpcException for malformed IPC, a missing batch, or failed validation
   */
  public static VectorSchemaRoot readFirstBatch(
      byte[] buf, int off, int len, BufferAllocator allocator) throws IpcException {
    checkFraming(buf, off, len, true);
    try (ArrowStreamReader reader =
        new ArrowStreamReader(new ArrayChannel(buf, off, len), allocator)) {
      VectorSchemaRoot src = reader.getVectorSchemaRoot();
      if (!reader.loadNextBatch()) {
        throw new IpcException("Arrow IPC stream has a schema but no record batch", null);
      }
      Schema schema = src.getSchema();
      List<FieldVector> moved = new ArrayList<>(src.getFieldVectors().size());
      try {
        for (FieldVector v : src.getFieldVectors()) {
          TransferPair tp = v.getTransferPair(allocator);
          tp.transfer();
          moved.add((FieldVector) tp.getTo());
        }
        VectorSchemaRoot root = new VectorSchemaRoot(schema, moved, src.getRowCount());
        try {
          ValueVectorUtility.validateFull(root);
        } catch (RuntimeException e) {
          root.close();
          moved.clear();
          throw e;
        }
        return root;
      } catch (RuntimeException e) {
        for (FieldVector v : moved) {
          v.close();
        }
        throw e;
      }
    } catch (IpcException e) {
      throw e;
    } catch (IOException | RuntimeException | AssertionError e) {
      // AssertionError: Arrow checks some buffer invariants with 'assert' (when run with -ea)
      throw new IpcException("invalid Arrow IPC stream: " + e, e);
    }
  }

  /** Reads only the schema of an IPC stream (for footer {@code sorbet_schema}). */
  public static Schema readSchema(byte[] buf, int off, int len, BufferAllocator allocator)
      throws IpcException {
    checkFraming(buf, off, len, false);
    try (ArrowStreamReader reader =
        new ArrowStreamReader(new ArrayChannel(buf, off, len), allocator)) {
      return reader.getVectorSchemaRoot().getSchema();
    } catch (IOException | RuntimeException | AssertionError e) {
      throw new IpcException("invalid Arrow IPC schema: " + e, e);
    }
  }

  /**
   * Walks the encapsulated messages of an IPC stream up to the first record batch and checks that
   * every metadata and body length fits in the bytes present. Arrow's reader allocates a heap
   * buffer of the declared metadata length before reading it, so a corrupt length would otherwise
   * cost gigabytes (or an {@code OutOfMemoryError}) before failing.
   */
  static void checkFraming(byte[] buf, int off, int len, boolean needBatch) throws IpcException {
    ByteBuffer bb = ByteBuffer.wrap(buf, off, len).order(ByteOrder.LITTLE_ENDIAN);
    int pos = off;
    int end = off + len;
    int messages = 0;
    while (true) {
      if (end - pos < 4) {
        throw new IpcException(
            "Arrow IPC stream ends inside a message header at byte " + (pos - off), null);
      }
      int metaLen = bb.getInt(pos);
      pos += 4;
      if (metaLen == -1) {
        if (end - pos < 4) {
          throw new IpcException("Arrow IPC stream ends after a continuation marker", null);
        }
        metaLen = bb.getInt(pos);
        pos += 4;
      }
      if (metaLen == 0) {
        if (needBatch) {
          throw new IpcException("Arrow IPC stream has a schema but no record batch", null);
        }
        return;
      }
      if (metaLen < 0 || metaLen > end - pos) {
        throw new IpcException(
            "Arrow IPC message metadata length "
                + metaLen
                + " exceeds the "
                + (end - pos)
                + " bytes left",
            null);
      }
      Message m;
      try {
        ByteBuffer meta = bb.duplicate();
        meta.position(pos).limit(pos + metaLen);
        m = Message.getRootAsMessage(meta.slice().order(ByteOrder.LITTLE_ENDIAN));
        long body = m.bodyLength();
        pos += metaLen;
        if (body < 0 || body > end - pos) {
          throw new IpcException(
              "Arrow IPC message body length "
                  + body
                  + " exceeds the "
                  + (end - pos)
                  + " bytes left",
              null);
        }
        pos += (int) body;
        byte type = m.headerType();
        messages++;
        if (type == MessageHeader.RecordBatch || (!needBatch && type == MessageHeader.Schema)) {
          return;
        }
      } catch (RuntimeException e) {
        throw new IpcException("corrupt Arrow IPC message metadata: " + e, e);
      }
      if (messages > 1_000_000) {
        throw new IpcException("Arrow IPC stream has too many messages", null);
      }
    }
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

  /** A readable channel over a byte range that copies in bulk (Arrow reads buffers whole). */
  private static final class ArrayChannel implements ReadableByteChannel {
    private final byte[] buf;
    private int pos;
    private final int end;

    ArrayChannel(byte[] buf, int off, int len) {
      this.buf = buf;
      this.pos = off;
      this.end = off + len;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (pos >= end) {
        return -1;
      }
      int n = Math.min(dst.remaining(), end - pos);
      dst.put(buf, pos, n);
      pos += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
