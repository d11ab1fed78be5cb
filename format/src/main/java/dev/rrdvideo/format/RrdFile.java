package dev.rrdvideo.format;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowIpc;
import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.internal.Scratch;
import dev.rrdvideo.format.internal.footer.FooterCodec;
import dev.rrdvideo.format.internal.frame.MessageHeader;
import dev.rrdvideo.format.internal.frame.MessageKind;
import dev.rrdvideo.format.internal.frame.StreamFooter;
import dev.rrdvideo.format.internal.frame.StreamHeader;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.internal.proto.TransportCodec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Random-access reader of an {@code .rrd} file, using the footer manifest to find chunks without
 * reading the rest of the file.
 *
 * <p>On open it validates the stream header, reads the 32-byte stream footer at the end, checks
 * that it points at an End message, verifies the XXH32 checksum and decodes the manifests. If the
 * file has no footer (older Rerun, {@code write_footer=False}, a pipe capture) or the footer is
 * unusable (wrong offsets, checksum mismatch, concatenated streams), it falls back to one
 * sequential scan that gathers the same index, and reports why as a warning (an error in strict
 * mode, except for a missing footer, which is normal).
 *
 * <p>Compared with {@link RrdReader}: this needs a seekable file, but can read any chunk directly
 * ({@link #readChunk}) and knows every chunk's entity and time range up front. Not thread-safe.
 */
public final class RrdFile implements Closeable {
  private final FileChannel channel;
  private final long size;
  private final RrdReadOptions options;
  private final String src;
  private final StreamHeader header;
  private final List<RrdManifest> manifests;
  private final List<ChunkIndexEntry> chunks;
  private final MessageDecoding decoding;
  private final Path channelPath;
  private boolean footerWasEmpty;

  private RrdFile(Path path, RrdReadOptions options) throws IOException {
    this.options =
        options.sourceName() != null
            ? options
            : options.toBuilder().sourceName(String.valueOf(path.getFileName())).build();
    this.src = this.options.sourceName();
    this.channelPath = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    boolean ok = false;
    try {
      this.size = channel.size();
      this.decoding = new MessageDecoding(this.options);
      byte[] h = new byte[StreamHeader.SIZE];
      int n = readAt(0, h, 0, h.length);
      if (n < StreamHeader.SIZE) {
        throw new RrdFormatException(
            (n == 0 ? "empty file" : "truncated stream header")
                + ": expected 12 bytes starting with RRF2, found "
                + n
                + " bytes",
            src,
            0);
      }
      this.header = StreamHeader.decode(h, 0, src, 0);
      List<RrdManifest> fromFooter = readFooter();
      if (fromFooter != null) {
        this.manifests = Collections.unmodifiableList(fromFooter);
        List<ChunkIndexEntry> all = new ArrayList<>();
        for (RrdManifest m : fromFooter) {
          all.addAll(m.chunks());
        }
        all.sort((a, b) -> Long.compare(a.byteOffset(), b.byteOffset()));
        this.chunks = Collections.unmodifiableList(all);
      } else {
        this.manifests = List.of();
        this.chunks = Collections.unmodifiableList(scan(path));
      }
      ok = true;
    } finally {
      if (!ok) {
        channel.close();
      }
    }
  }

  /** Length of the stream footer at the end of a recording with a footer index. */
  public static final int STREAM_FOOTER_BYTES = StreamFooter.SIZE;

  /**
   * Returns the byte ranges of a recording of {@code fileSize} bytes that {@link #open} reads to
   * use its footer index, given the file's last {@link #STREAM_FOOTER_BYTES} bytes: the stream
   * header, and the End message (header and payload) with the footer; as pairs of start and end
   * offsets. Returns null when those bytes are no stream footer of one entry pointing at an End
   * payload before it (of at most {@code maxFooterBytes}): such a file is read from the start. For
   * a reader that fetches parts of a remote file; {@link #open} checks the End message again.
   */
  public static long[] footerIndexRanges(byte[] last, long fileSize, long maxFooterBytes) {
    if (last.length != StreamFooter.SIZE
        || fileSize < StreamHeader.SIZE + MessageHeader.SIZE + StreamFooter.SIZE
        || !StreamFooter.looksLikeFooter(last, 0)) {
      return null;
    }
    StreamFooter sf = StreamFooter.decode(last, 0);
    long start = sf.footerStart();
    long len = sf.footerLength();
    if (sf.entryCount() != 1
        || start < StreamHeader.SIZE + MessageHeader.SIZE
        || len <= 0
        || len > maxFooterBytes
        || start + len != fileSize - StreamFooter.SIZE) {
      return null;
    }
    return new long[] {0, StreamHeader.SIZE, start - MessageHeader.SIZE, fileSize};
  }

  /** Opens a file with default options. */
  public static RrdFile open(Path path) throws IOException {
    return new RrdFile(path, RrdReadOptions.defaults());
  }

  /** Opens a file. */
  public static RrdFile open(Path path, RrdReadOptions options) throws IOException {
    return new RrdFile(path, options);
  }

  /** Returns the name of the file used in messages. */
  public String sourceName() {
    return src;
  }

  /** Returns the version in the stream header. */
  public RrdVersion version() {
    return header.version();
  }

  /** Returns the file size in bytes. */
  public long size() {
    return size;
  }

  /** Returns whether the chunk index came from a valid footer (else from a scan). */
  public boolean usedFooter() {
    return !manifests.isEmpty() || footerWasEmpty;
  }

  /** Returns the footer manifests (empty when the file has no usable footer). */
  public List<RrdManifest> manifests() {
    return manifests;
  }

  /** Returns every chunk of the file in file order. */
  public List<ChunkIndexEntry> chunks() {
    return chunks;
  }

  /** Returns the chunks of one entity, in file order. */
  public List<ChunkIndexEntry> chunks(dev.rrdvideo.format.chunk.EntityPath entity) {
    List<ChunkIndexEntry> out = new ArrayList<>();
    for (ChunkIndexEntry e : chunks) {
      if (e.entityPath().equals(entity)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Reads the {@code ArrowMsg} of an index entry with one positional read.
   *
   * @throws RrdFormatException if the bytes there are not an {@code ArrowMsg}
   */
  public ChunkMessage readMessage(ChunkIndexEntry e) throws IOException {
    checkEntry(e);
    return readMessage(e, new byte[(int) e.byteSize()]);
  }

  private void checkEntry(ChunkIndexEntry e) throws RrdVideoException {
    if (e.byteSize() < 0 || e.byteSize() > options.maxMessageBytes()) {
      throw new LimitExceededException(
          "chunk byte size", e.byteSize(), options.maxMessageBytes(), src, e.byteOffset(), -1);
    }
    if (e.byteOffset() < StreamHeader.SIZE + MessageHeader.SIZE
        || e.byteOffset() > size - e.byteSize()) {
      throw new RrdFormatException(
          "chunk "
              + e.chunkId()
              + " spans "
              + e.byteOffset()
              + "+"
              + e.byteSize()
              + ", outside the file of "
              + size
              + " bytes",
          src,
          e.byteOffset());
    }
  }

  private ChunkMessage readMessage(ChunkIndexEntry e, byte[] buf) throws IOException {
    int len = (int) e.byteSize();
    if (readAt(e.byteOffset(), buf, 0, len) < len) {
      throw new RrdFormatException("file ended inside chunk " + e.chunkId(), src, e.byteOffset());
    }
    RrdMessage m =
        decoding.decode(MessageKind.ARROW_MSG, buf, len, e.byteOffset() - MessageHeader.SIZE, -1);
    return (ChunkMessage) m;
  }

  /**
   * Reads and decodes the chunk of an index entry; the caller closes it. Reuses a per-thread read
   * buffer, so reading many chunks allocates only the chunks' own Arrow memory.
   */
  public Chunk readChunk(ChunkIndexEntry e) throws IOException {
    checkEntry(e);
    Chunk c = readMessage(e, Scratch.READ.get((int) e.byteSize())).decode();
    return checkIdentity(e, c);
  }

  private Chunk checkIdentity(ChunkIndexEntry e, Chunk c) throws RrdFormatException {
    if (!c.id().equals(e.chunkId()) || !c.entityPath().equals(e.entityPath())) {
      RrdFormatException ex =
          new RrdFormatException(
              "the file's index says chunk "
                  + e.chunkId()
                  + " of "
                  + e.entityPath()
                  + " is at this offset, but the chunk there is "
                  + c.id()
                  + " of "
                  + c.entityPath(),
              src,
              e.byteOffset());
      c.close();
      throw ex;
    }
    return c;
  }

  /** Bytes read first of a chunk read without its sample bytes: envelope and Arrow metadata. */
  private static final int HEAD_BYTES = 16 << 10;

  /** Longest envelope tail (the protobuf fields after the payload) a partial read accepts. */
  private static final int MAX_TAIL_BYTES = 64 << 10;

  /**
   * Reads the chunk of an index entry like {@link #readChunk}, but without the bytes of its {@code
   * VideoStream:sample} column when its payload is stored uncompressed: only the message envelope,
   * the Arrow schema and record batch metadata and the Arrow buffers other than the samples' bytes
   * are read, and every sample keeps its size (from the list offsets). Everything read is checked
   * as {@link #readChunk} checks it, with the same errors; the samples' bytes are not looked at
   * ({@link Chunk#skippedBytes} tells how many bytes were left unread; reading a sample of such a
   * chunk is a programming error). A chunk stored LZ4-compressed, or whose envelope is unusual
   * (fields in another order, unknown fields before the payload), is read whole, as {@link
   * #readChunk} does.
   */
  public Chunk readChunkWithoutSampleBytes(ChunkIndexEntry e) throws IOException {
    checkEntry(e);
    int len = (int) e.byteSize();
    int headLen = Math.min(len, HEAD_BYTES);
    byte[] head = new byte[headLen];
    if (readAt(e.byteOffset(), head, 0, headLen) < headLen) {
      throw new RrdFormatException("file ended inside chunk " + e.chunkId(), src, e.byteOffset());
    }
    TransportCodec.PayloadField field = TransportCodec.locatePayload(head, headLen);
    if (field == null || field.payloadLength() > len - field.payloadOffset()) {
      return readChunk(e); // another layout, or bytes the whole read reports
    }
    int tagAt = field.tagOffset();
    int payloadAt = field.payloadOffset();
    int payloadLen = field.payloadLength();
    int tailAt = payloadAt + payloadLen;
    int tailLen = len - tailAt;
    if (tailLen > MAX_TAIL_BYTES) {
      return readChunk(e);
    }
    // the envelope without the payload field, decoded as the full read decodes it
    byte[] envelope = Arrays.copyOf(head, tagAt + tailLen);
    if (tailAt < headLen) {
      System.arraycopy(head, tailAt, envelope, tagAt, Math.min(tailLen, headLen - tailAt));
    }
    if (tailAt + tailLen > headLen) {
      int from = Math.max(tailAt, headLen);
      int n = tailAt + tailLen - from;
      if (readAt(e.byteOffset() + from, envelope, envelope.length - n, n) < n) {
        throw new RrdFormatException("file ended inside chunk " + e.chunkId(), src, e.byteOffset());
      }
    }
    ChunkMessage m;
    try {
      m =
          (ChunkMessage)
              decoding.decode(
                  MessageKind.ARROW_MSG,
                  envelope,
                  envelope.length,
                  e.byteOffset() - MessageHeader.SIZE,
                  -1);
    } catch (RrdVideoException ex) {
      return readChunk(e);
    }
    if (m.rawPayloadOffset() != 0
        || m.compressionCode() > 1
        || m.encodingCode() != RrdTransport.Encoding.ENCODING_ARROW_IPC_VALUE) {
      return readChunk(e); // a second payload field, LZ4, another encoding
    }
    long payloadPos = e.byteOffset() + payloadAt;
    byte[] prefix = Arrays.copyOfRange(head, payloadAt, headLen);
    int prefixLen = Math.min(headLen - payloadAt, payloadLen);
    Chunk c =
        m.decodeWithoutSampleBytes(
            prefix, prefixLen, payloadLen, new PayloadBytes(e, payloadPos, payloadLen));
    return checkIdentity(e, c);
  }

  /**
   * The bytes of a chunk's Arrow payload in the file. A class, not a lambda, which every run would
   * link (spin a class for) at its first call.
   */
  private final class PayloadBytes implements ArrowIpc.Source {
    private final ChunkIndexEntry entry;
    private final long at;
    private final int length;

    PayloadBytes(ChunkIndexEntry entry, long at, int length) {
      this.entry = entry;
      this.at = at;
      this.length = length;
    }

    @Override
    public void read(long pos, byte[] dst, int off, int n) throws IOException {
      if (pos < 0 || pos > length - n || readAt(at + pos, dst, off, n) < n) {
        throw new RrdFormatException(
            "file ended inside chunk " + entry.chunkId(), src, entry.byteOffset());
      }
    }
  }

  /** Returns the store infos of the file, found by walking message headers. */
  public List<StoreInfo> storeInfos() throws IOException {
    List<StoreInfo> out = new ArrayList<>();
    try (RrdReader r = sequentialReader()) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof StoreInfo) {
          out.add((StoreInfo) m);
        }
      }
    }
    return out;
  }

  /** Returns a new sequential reader over the whole file, with this file's options. */
  public RrdReader sequentialReader() throws IOException {
    return RrdReader.open(
        new java.io.BufferedInputStream(
            java.nio.channels.Channels.newInputStream(
                FileChannel.open(channelPath, StandardOpenOption.READ)),
            1 << 16),
        options);
  }

  private List<RrdManifest> readFooter() throws IOException {
    if (size < StreamHeader.SIZE + MessageHeader.SIZE + StreamFooter.SIZE) {
      return null;
    }
    byte[] f = new byte[StreamFooter.SIZE];
    long footerAt = size - StreamFooter.SIZE;
    readAt(footerAt, f, 0, f.length);
    if (!StreamFooter.looksLikeFooter(f, 0)) {
      return null;
    }
    StreamFooter sf = StreamFooter.decode(f, 0);
    if (sf.entryCount() == 0) {
      return null;
    }
    if (sf.entryCount() != 1) {
      return unusable("stream footer entry count: expected 1, found " + sf.entryCount(), footerAt);
    }
    long start = sf.footerStart();
    long len = sf.footerLength();
    if (start < StreamHeader.SIZE + MessageHeader.SIZE
        || len < 0
        || start + len != footerAt
        || len > options.maxMessageBytes()) {
      return unusable(
          "stream footer points at "
              + start
              + "+"
              + len
              + ", which is not the End payload before it (file size "
              + size
              + ")",
          footerAt);
    }
    byte[] mh = new byte[MessageHeader.SIZE];
    readAt(start - MessageHeader.SIZE, mh, 0, mh.length);
    MessageHeader end = MessageHeader.decode(mh, 0);
    if (end.kind() != MessageKind.END || end.length() != len) {
      return unusable(
          "stream footer does not point at an End message (concatenated streams?)", footerAt);
    }
    byte[] payload = new byte[(int) len];
    readAt(start, payload, 0, payload.length);
    int crc = StreamFooter.crc(payload, 0, payload.length);
    if (crc != sf.crc()) {
      return unusable(
          "footer checksum mismatch: expected XXH32 "
              + String.format("%08x", crc)
              + ", found "
              + String.format("%08x", sf.crc()),
          footerAt + 16);
    }
    List<RrdManifest> ms;
    try {
      ms =
          FooterCodec.parse(
              payload,
              0,
              payload.length,
              src,
              start,
              options.maxUncompressedBytes(),
              options.maxChunks());
    } catch (LimitExceededException e) {
      throw e; // a scan would build the same index
    } catch (RrdFormatException e) {
      return unusable("unusable footer manifest: " + e.getOriginalMessage(), start);
    }
    for (RrdManifest m : ms) {
      for (ChunkIndexEntry e : m.chunks()) {
        if (e.byteOffset() < StreamHeader.SIZE + MessageHeader.SIZE
            || e.byteSize() < 0
            || e.byteOffset() > start - MessageHeader.SIZE - e.byteSize()) {
          return unusable(
              "footer manifest lists chunk " + e.chunkId() + " outside the file", start);
        }
      }
    }
    if (ms.isEmpty()) {
      footerWasEmpty = true;
    }
    return ms;
  }

  private List<RrdManifest> unusable(String why, long at) throws RrdFormatException {
    if (options.strict()) {
      throw new RrdFormatException(why, src, at);
    }
    options
        .warnings()
        .accept(
            new RrdWarning(
                RrdWarning.Kind.FOOTER_UNUSABLE, why + "; scanning the file instead", src, at));
    return null;
  }

  private List<ChunkIndexEntry> scan(Path path) throws IOException {
    List<ChunkIndexEntry> out = new ArrayList<>();
    try (RrdReader r = RrdReader.open(path, options)) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage) {
          ChunkMessage a = (ChunkMessage) m;
          if (out.size() == options.maxChunks()) {
            throw new LimitExceededException(
                "chunk index", out.size() + 1L, options.maxChunks(), "chunks", src, a.offset(), -1);
          }
          try (Chunk c = a.decode()) {
            Map<String, TimeRange> ranges = new HashMap<>();
            for (TimeColumn t : c.timeColumns()) {
              if (t.size() > 0) {
                ranges.put(t.name(), new TimeRange(t.type(), t.min(), t.max()));
              }
            }
            out.add(
                new ChunkIndexEntry(
                    c.id(),
                    a.storeId(),
                    c.entityPath(),
                    c.isStatic(),
                    c.rowCount(),
                    a.payloadOffset(),
                    a.messageLength(),
                    a.uncompressedSize(),
                    ranges,
                    presentComponents(c)));
          }
        }
      }
    }
    return out;
  }

  private static Set<String> presentComponents(Chunk c) {
    Set<String> out = new HashSet<>();
    for (ComponentColumn col : c.components()) {
      if (col.nonNullCount() > 0) {
        out.add(col.descriptor().component());
      }
    }
    return out;
  }

  private int readAt(long pos, byte[] b, int off, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(b, off, len);
    int total = 0;
    while (bb.hasRemaining()) {
      int n = channel.read(bb, pos + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
