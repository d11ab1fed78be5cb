package dev.rrdvideo.format;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowBatch;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowIpc;
import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.internal.Scratch;
import dev.rrdvideo.format.internal.lz4.Lz4Block;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * An {@code ArrowMsg}: one chunk of one store, still compressed.
 *
 * <p>Reading a stream yields these without decompressing anything; {@link #decode()} does the LZ4
 * and Arrow work on demand, so chunks a caller does not want cost nothing but the read. The
 * compressed payload is held in memory until this object is dropped.
 *
 * <p>The chunk id and static flag in the protobuf envelope are informational: Rerun readers take
 * the id from the chunk's schema metadata, and so does {@link Chunk#id()}. Immutable; {@link
 * #decode()} may be called from several threads.
 */
public final class ChunkMessage implements RrdMessage {
  private final long offset;
  private final long messageIndex;
  private final String source;
  private final StoreId storeId;
  private final int compressionCode;
  private final long uncompressedSize;
  private final int encodingCode;
  private final byte[] buf;
  private final int payloadOff;
  private final int payloadLen;
  private final int messageLength;
  private final Tuid chunkIdField;
  private final Boolean isStaticField;
  private final long maxUncompressedBytes;

  ChunkMessage(
      long offset,
      long messageIndex,
      String source,
      StoreId storeId,
      int compressionCode,
      long uncompressedSize,
      int encodingCode,
      byte[] buf,
      int payloadOff,
      int payloadLen,
      int messageLength,
      Tuid chunkIdField,
      Boolean isStaticField,
      long maxUncompressedBytes) {
    this.offset = offset;
    this.messageIndex = messageIndex;
    this.source = source;
    this.storeId = Objects.requireNonNull(storeId);
    this.compressionCode = compressionCode;
    this.uncompressedSize = uncompressedSize;
    this.encodingCode = encodingCode;
    this.buf = buf;
    this.payloadOff = payloadOff;
    this.payloadLen = payloadLen;
    this.messageLength = messageLength;
    this.chunkIdField = chunkIdField;
    this.isStaticField = isStaticField;
    this.maxUncompressedBytes = maxUncompressedBytes;
  }

  @Override
  public long offset() {
    return offset;
  }

  /** Returns the absolute offset of the protobuf payload (the message header offset + 16). */
  public long payloadOffset() {
    return offset + 16;
  }

  /** Returns the index of the message in its source (0-based), or -1. */
  public long messageIndex() {
    return messageIndex;
  }

  /** Returns the length of the protobuf message (the MessageHeader {@code len}). */
  public int messageLength() {
    return messageLength;
  }

  /** Returns the store the chunk belongs to. */
  public StoreId storeId() {
    return storeId;
  }

  /**
   * Returns the payload compression; {@code COMPRESSION_UNSPECIFIED} reads as {@link
   * Compression#NONE}.
   *
   * @throws UnsupportedFeatureException for an unknown compression value (the file says it; see
   *     {@link #compressionCode} for the raw value)
   */
  public Compression compression() throws UnsupportedFeatureException {
    switch (compressionCode) {
      case 0:
      case 1:
        return Compression.NONE;
      case 2:
        return Compression.LZ4;
      default:
        throw unknownCompression();
    }
  }

  private UnsupportedFeatureException unknownCompression() {
    return new UnsupportedFeatureException(
        "unknown ArrowMsg compression " + compressionCode + ": expected 1 (none) or 2 (LZ4)",
        source,
        payloadOffset());
  }

  /** Returns the raw {@code compression} value. */
  public int compressionCode() {
    return compressionCode;
  }

  /** Returns the declared size of the uncompressed Arrow IPC bytes. */
  public long uncompressedSize() {
    return uncompressedSize;
  }

  /** Returns the size of the (possibly compressed) payload in bytes. */
  public int payloadSize() {
    return payloadLen;
  }

  /** Returns the chunk id in the protobuf envelope, or {@code null} when absent. */
  public Tuid chunkIdField() {
    return chunkIdField;
  }

  /** Returns the {@code is_static} envelope flag, or {@code null} when absent. */
  public Boolean isStaticField() {
    return isStaticField;
  }

  /**
   * Returns a copy of the payload bytes as stored (compressed when {@link #compression} is LZ4).
   */
  public byte[] payload() {
    return Arrays.copyOfRange(buf, payloadOff, payloadOff + payloadLen);
  }

  byte[] rawBuffer() {
    return buf;
  }

  int rawPayloadOffset() {
    return payloadOff;
  }

  /**
   * Returns the uncompressed Arrow IPC stream bytes.
   *
   * @throws RrdFormatException for a corrupt LZ4 block or an unsupported encoding
   * @throws UnsupportedFeatureException for an unknown compression
   * @throws LimitExceededException if the declared size exceeds the read limits
   */
  public byte[] ipcBytes() throws RrdVideoException {
    if (encodingCode != RrdTransport.Encoding.ENCODING_ARROW_IPC_VALUE) {
      throw error("unsupported ArrowMsg encoding: expected 1 (Arrow IPC), found " + encodingCode);
    }
    switch (compressionCode) {
      case 0:
      case 1:
        return payload();
      case 2:
        {
          byte[] out = new byte[checkedUncompressedSize()];
          int n = decompress(out);
          return n == out.length ? out : Arrays.copyOf(out, n);
        }
      default:
        throw unknownCompression();
    }
  }

  private int checkedUncompressedSize() throws RrdVideoException {
    long cap = Math.min(maxUncompressedBytes, 255L * payloadLen + 64);
    if (uncompressedSize < 0 || uncompressedSize > cap) {
      throw new LimitExceededException(
          "ArrowMsg uncompressed_size",
          uncompressedSize,
          cap,
          source,
          payloadOffset(),
          messageIndex);
    }
    return (int) uncompressedSize;
  }

  /**
   * Decompresses into {@code out}, which has room for {@link #checkedUncompressedSize}; returns the
   * number of bytes produced. Like Rerun, a declared size larger than the output is accepted (the
   * IPC reader never reaches the rest); a smaller one is a corrupt block ("output too small").
   */
  private int decompress(byte[] out) throws RrdVideoException {
    int n;
    try {
      n = Lz4Block.decompress(buf, payloadOff, payloadLen, out, (int) uncompressedSize);
    } catch (Lz4Block.Lz4CorruptException e) {
      throw new RrdFormatException(
          "corrupt LZ4 block in ArrowMsg payload (declared uncompressed size "
              + uncompressedSize
              + "): "
              + e.getMessage(),
          source,
          payloadOffset(),
          messageIndex,
          e);
    }
    return n;
  }

  /**
   * Decompresses and decodes the chunk, allocating from the library's shared allocator. The caller
   * closes the chunk.
   *
   * @throws RrdFormatException for corrupt LZ4, invalid Arrow IPC or an invalid chunk schema
   * @throws UnsupportedFeatureException for unknown compressions and pre-0.24 chunk schemas
   */
  public Chunk decode() throws RrdVideoException {
    return decode(Allocators.root());
  }

  /**
   * Decompresses and decodes the chunk into a child of {@code parent}, which the chunk closes.
   *
   * @throws RrdFormatException for corrupt LZ4, invalid Arrow IPC or an invalid chunk schema
   * @throws UnsupportedFeatureException for unknown compressions and pre-0.24 chunk schemas
   */
  public Chunk decode(BufferAllocator parent) throws RrdVideoException {
    byte[] ipc;
    int ipcOff;
    int ipcLen;
    if (compressionCode == 2 && encodingCode == RrdTransport.Encoding.ENCODING_ARROW_IPC_VALUE) {
      // Arrow copies the IPC bytes into its own buffers, so a reused array will do.
      ipc = Scratch.INFLATE.get(checkedUncompressedSize());
      ipcLen = decompress(ipc);
      ipcOff = 0;
    } else if (compressionCode <= 1
        && encodingCode == RrdTransport.Encoding.ENCODING_ARROW_IPC_VALUE) {
      ipc = buf;
      ipcOff = payloadOff;
      ipcLen = payloadLen;
    } else {
      ipc = ipcBytes(); // throws the matching error
      ipcOff = 0;
      ipcLen = ipc.length;
    }
    byte[] bytes = ipc;
    int from = ipcOff;
    int length = ipcLen;
    try {
      return toChunk(parent, ipcLen, child -> ArrowIpc.readFirstBatch(bytes, from, length, child));
    } catch (RrdVideoException e) {
      throw e;
    } catch (IOException e) {
      // readFirstBatch reads memory: no I/O error can come from it
      throw new IllegalStateException("an in-memory read failed", e);
    }
  }

  /** Reads an Arrow batch into the allocator it is given. */
  private interface BatchRead {
    ArrowBatch read(BufferAllocator child) throws ArrowIpc.IpcException, IOException;
  }

  /**
   * Reads a batch with {@code read} into a child of {@code parent} sized for an IPC stream of
   * {@code ipcLength} bytes and makes it a chunk that owns the child; on failure frees both and
   * reports invalid IPC as this message's format error.
   */
  private Chunk toChunk(BufferAllocator parent, int ipcLength, BatchRead read)
      throws RrdVideoException, IOException {
    long limit = 2L * ipcLength + (1 << 20);
    BufferAllocator child = parent.newChildAllocator("chunk@" + offset, 0, limit);
    ArrowBatch batch = null;
    boolean owned = false;
    try {
      batch = read.read(child);
      Chunk chunk = Chunk.fromBatch(batch, child);
      owned = true;
      return chunk;
    } catch (ArrowIpc.IpcException e) {
      throw new RrdFormatException(
          "ArrowMsg payload is not a valid Arrow IPC stream: " + e.getMessage(),
          source,
          payloadOffset(),
          messageIndex,
          e);
    } catch (RrdVideoException e) {
      throw relocate(e);
    } finally {
      if (!owned) {
        if (batch != null) {
          batch.close();
        }
        closeAfterFailure(child);
      }
    }
  }

  /** Returns the raw {@code encoding} value. */
  int encodingCode() {
    return encodingCode;
  }

  /**
   * Decodes a chunk whose Arrow IPC payload (stored uncompressed) is not in this message's bytes
   * but read from {@code source} as needed, without the bytes of its {@code VideoStream:sample}
   * column ({@link ArrowIpc#readFirstBatchWithoutBlobs}); errors as {@link #decode}.
   *
   * @param prefix the first {@code prefixLength} bytes of the payload
   * @param payloadLength the payload's length
   */
  Chunk decodeWithoutSampleBytes(
      byte[] prefix, int prefixLength, int payloadLength, ArrowIpc.Source source)
      throws IOException {
    // the buffers read are at most the payload; the limit is the full decode's
    return toChunk(
        Allocators.root(),
        payloadLength,
        child ->
            ArrowIpc.readFirstBatchWithoutBlobs(
                prefix, prefixLength, payloadLength, source, SampleColumn.INSTANCE, child));
  }

  /**
   * Selects the component columns holding {@code VideoStream:sample}. A class, not a lambda, which
   * every run would link (spin a class for) at its first call.
   */
  private static final class SampleColumn implements Predicate<Field> {
    static final SampleColumn INSTANCE = new SampleColumn();

    @Override
    public boolean test(Field f) {
      return isSampleColumn(f);
    }
  }

  /** Whether a field is a component column holding {@code VideoStream:sample} (as Chunk reads). */
  private static boolean isSampleColumn(Field f) {
    Map<String, String> md = f.getMetadata() == null ? Map.of() : f.getMetadata();
    String kind = md.getOrDefault(dev.rrdvideo.format.chunk.internal.arrow.Sorbet.KEY_KIND, "data");
    switch (kind) {
      case "control":
      case "row_id":
      case "index":
      case "time":
        return false;
      default:
        return dev.rrdvideo.format.video.VideoStream.SAMPLE
            .component()
            .equals(
                md.getOrDefault(
                    dev.rrdvideo.format.chunk.internal.arrow.Sorbet.KEY_COMPONENT, f.getName()));
    }
  }

  /**
   * Closes the allocator of a failed decode. Arrow's IPC reader can leave a buffer behind when it
   * fails half-way through a corrupt batch; that must not turn a format error into an {@code
   * IllegalStateException}. The leaked bytes are bounded by the (already limited) payload size.
   */
  private static void closeAfterFailure(BufferAllocator child) {
    try {
      child.close();
    } catch (IllegalStateException leak) {
      // see above: reported by Arrow as a leak, nothing the caller can act on
    }
  }

  private RrdVideoException relocate(RrdVideoException e) {
    if (e.offset() >= 0) {
      return e;
    }
    if (e instanceof UnsupportedFeatureException) {
      return new UnsupportedFeatureException(e.getOriginalMessage(), source, payloadOffset());
    }
    return new RrdFormatException(e.getOriginalMessage(), source, payloadOffset(), messageIndex, e);
  }

  private RrdFormatException error(String message) {
    return new RrdFormatException(message, source, payloadOffset(), messageIndex, null);
  }

  @Override
  public String toString() {
    return "ChunkMessage[offset="
        + offset
        + " store="
        + storeId.recordingId()
        + " chunk="
        + chunkIdField
        + " "
        + payloadLen
        + " bytes]";
  }
}
