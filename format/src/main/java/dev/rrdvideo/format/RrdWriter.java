package dev.rrdvideo.format;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.chunk.TuidGenerator;
import dev.rrdvideo.format.chunk.internal.ByteSink;
import dev.rrdvideo.format.chunk.internal.Entropy;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowBatch;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowIpc;
import dev.rrdvideo.format.chunk.internal.arrow.Sorbet;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.internal.footer.ManifestBuilder;
import dev.rrdvideo.format.internal.frame.MessageHeader;
import dev.rrdvideo.format.internal.frame.MessageKind;
import dev.rrdvideo.format.internal.frame.StreamFooter;
import dev.rrdvideo.format.internal.frame.StreamHeader;
import dev.rrdvideo.format.internal.lz4.Lz4Block;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.internal.proto.TransportCodec;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.VideoStreamChunk;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an {@code .rrd} stream for one Rerun release ({@link RrdWriteOptions#target()}, see {@link
 * RerunTarget}): the stream header at once, then store infos and chunks as they come, and at {@link
 * #finish()} the end of stream that release's encoder writes (0.28 and later: End message with one
 * manifest per store, then the 32-byte stream footer; 0.24 to 0.27: an empty End message) unless
 * disabled. Offsets are counted while writing, so the output needs no seeking and can be a pipe.
 *
 * <p>Every store info gets the target's version stamp (and, for 0.24, the deprecated {@code
 * StoreInfo.application_id}); chunk schemas whose {@code sorbet:version} is newer than the target's
 * are written with the target's (video components are identical across those versions; other
 * components are copied as they are); a chunk whose {@code VideoStream:codec} names a codec the
 * target lacks is refused with {@link UnsupportedFeatureException}.
 *
 * <pre>{@code
 * try (RrdWriter w = RrdWriter.open(Path.of("out.rrd"), RrdWriteOptions.defaults())) {
 *   StoreId store = w.beginRecording("my_app", null);
 *   w.writeChunk(store, chunk);
 * }
 * }</pre>
 *
 * <p>Besides (or instead of) a byte stream, every message can go to an {@link RrdMessageSink} (live
 * streaming to a viewer, see the {@code live} module): {@link #open(OutputStream, RrdWriteOptions,
 * RrdMessageSink)} writes the file and hands each message to the sink as it is written; {@link
 * #open(RrdMessageSink, RrdWriteOptions)} writes to the sink only (no stream header, no footer: a
 * sink gets messages, not a file).
 *
 * <p>A crash mid-write leaves a truncated stream that readers accept up to the last complete
 * message. Not thread-safe.
 */
public final class RrdWriter implements Closeable {
  private static final byte[] NO_BYTES = new byte[0];

  private final OutputStream out;
  private final RrdMessageSink sink;
  private final RrdWriteOptions options;
  private final RerunTarget target;
  private final boolean indexChunks;
  private final TuidGenerator ids = new TuidGenerator();
  private final Map<StoreId, ManifestBuilder> manifests = new LinkedHashMap<>();
  private final ByteSink ipc = new ByteSink(1 << 16);
  private final byte[] header = new byte[32];
  private byte[] compressed = new byte[1 << 16];
  private byte[] sinkScratch = NO_BYTES;
  private long position;
  private boolean finished;
  private boolean closed;

  private RrdWriter(OutputStream out, RrdMessageSink sink, RrdWriteOptions options)
      throws IOException {
    this.out = out;
    this.sink = sink;
    this.options = Objects.requireNonNull(options, "options is null");
    this.target = options.target();
    this.indexChunks = out != null && options.emitFooter() && target.readsStreamFooter();
    if (out == null) {
      return;
    }
    byte[] h = new byte[StreamHeader.SIZE];
    new StreamHeader(options.version(), options.compression() == Compression.NONE ? 0 : 1)
        .encode(h, 0);
    write(h, 0, h.length);
  }

  /** Opens a writer on {@code out} and writes the stream header; closing it closes {@code out}. */
  public static RrdWriter open(OutputStream out, RrdWriteOptions options) throws IOException {
    return new RrdWriter(Objects.requireNonNull(out, "out is null"), null, options);
  }

  /**
   * Opens a writer on {@code out} that also hands every message to {@code tee} as it is written;
   * closing the writer closes both.
   */
  public static RrdWriter open(OutputStream out, RrdWriteOptions options, RrdMessageSink tee)
      throws IOException {
    return new RrdWriter(
        Objects.requireNonNull(out, "out is null"),
        Objects.requireNonNull(tee, "tee is null"),
        options);
  }

  /**
   * Opens a writer whose messages go to {@code sink} only: no stream header and no end of stream
   * ({@link RrdWriteOptions#emitFooter()} does not apply); {@link #position()} stays 0. Closing the
   * writer flushes and closes the sink.
   */
  public static RrdWriter open(RrdMessageSink sink, RrdWriteOptions options) throws IOException {
    return new RrdWriter(null, Objects.requireNonNull(sink, "sink is null"), options);
  }

  /** Creates (or truncates) {@code file} and writes the stream header. */
  public static RrdWriter open(Path file, RrdWriteOptions options) throws IOException {
    return new RrdWriter(
        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), null, options);
  }

  /** Returns the options this writer was opened with. */
  public RrdWriteOptions options() {
    return options;
  }

  /** Returns the number of bytes written so far. */
  public long position() {
    return position;
  }

  /** Returns the generator this writer uses for row ids; chunk builders should share it. */
  public TuidGenerator ids() {
    return ids;
  }

  /**
   * Starts a recording: writes a {@code SetStoreInfo} with source {@code OTHER "rrdvideo"} and the
   * configured version, and returns its store id.
   *
   * @param applicationId 1-180 characters of letters, digits, {@code _} and {@code -}
   * @param recordingId the recording id, or {@code null} for a fresh {@code rec_} + 32 hex digits
   * @throws IllegalArgumentException if the application id would be rewritten by Rerun 0.36
   */
  public StoreId beginRecording(String applicationId, String recordingId) throws IOException {
    if (!StoreId.isSafeApplicationId(applicationId)) {
      throw new IllegalArgumentException(
          "application id must be 1-180 characters of [A-Za-z0-9_-], was '" + applicationId + "'");
    }
    String rec =
        recordingId != null
            ? recordingId
            : "rec_" + Entropy.randomUuid().toString().replace("-", "");
    StoreId id = StoreId.recording(applicationId, rec);
    writeStoreInfo(StoreInfo.of(ids.next(), id, StoreSource.other("rrdvideo"), options.version()));
    return id;
  }

  /**
   * Writes a {@code SetStoreInfo} message: row id, store id and source as given, {@code
   * store_version} = this writer's stamp (the stream header's version, which Rerun's readers put
   * there anyway), and for target 0.24 the deprecated {@code application_id} that its reader
   * requires.
   */
  public void writeStoreInfo(StoreInfo info) throws IOException {
    String legacyApplicationId =
        target.needsLegacyApplicationId() ? info.storeId().applicationId() : null;
    byte[] p =
        TransportCodec.encodeSetStoreInfo(
            info.rowId(), info.storeId(), info.source(), options.version(), legacyApplicationId);
    writeMessage(MessageKind.SET_STORE_INFO, p, 0, p.length, NO_BYTES, NO_BYTES);
  }

  /** Writes a {@code BlueprintActivationCommand}. */
  public void writeBlueprintActivation(BlueprintActivation b) throws IOException {
    byte[] p =
        RrdTransport.BlueprintActivationCommand.newBuilder()
            .setBlueprintId(TransportCodec.toProto(b.blueprintId()))
            .setMakeActive(b.makeActive())
            .setMakeDefault(b.makeDefault())
            .build()
            .toByteArray();
    writeMessage(MessageKind.BLUEPRINT_ACTIVATION, p, 0, p.length, NO_BYTES, NO_BYTES);
  }

  /**
   * Encodes {@code chunk} (Arrow IPC stream, then LZ4 unless disabled) and writes it as an {@code
   * ArrowMsg} of {@code store}. The chunk stays open; the caller closes it.
   */
  public void writeChunk(StoreId store, Chunk chunk) throws IOException {
    checkOpen();
    checkCodec(chunk);
    ipc.reset();
    ArrowIpc.writeStream(
        chunk.fields(), metadataForTarget(chunk), chunk.vectors(), chunk.rowCount(), ipc);
    int rawLen = ipc.size();
    byte[] payload;
    int payloadLen;
    int compressionCode;
    int lz4Len = compress(ipc.array(), rawLen);
    if (lz4Len >= 0) {
      payloadLen = lz4Len;
      payload = compressed;
      compressionCode = 2;
    } else {
      payload = ipc.array();
      payloadLen = rawLen;
      compressionCode = 1;
    }
    byte[][] frame =
        TransportCodec.arrowMsgFrame(
            store, compressionCode, rawLen, payloadLen, chunk.id(), chunk.isStatic());
    long payloadOffset = position + MessageHeader.SIZE;
    long len = writeMessage(MessageKind.ARROW_MSG, payload, 0, payloadLen, frame[0], frame[1]);
    index(store, chunk, payloadOffset, len, rawLen);
  }

  /** Window of a large payload that AUTO compresses first, to see whether LZ4 pays at all. */
  private static final int PROBE_BYTES = 16 * 1024;

  /**
   * Compresses {@code raw[0..rawLen)} into {@link #compressed} as the options say, returning the
   * compressed length, or -1 to store the payload as it is. AUTO first compresses a window from the
   * middle of a large payload (where a video chunk's sample bytes are) and stores the payload
   * uncompressed when LZ4 saves less than 1/64 of it there, then does the same test on the whole.
   */
  private int compress(byte[] raw, int rawLen) {
    Compression c = options.compression();
    if (c == Compression.NONE) {
      return -1;
    }
    int max = Lz4Block.maxCompressedLength(rawLen);
    if (compressed.length < max) {
      compressed = new byte[max];
    }
    if (c == Compression.AUTO && rawLen > 4 * PROBE_BYTES) {
      int probe = Lz4Block.compress(raw, rawLen / 2, PROBE_BYTES, compressed);
      if (!pays(probe, PROBE_BYTES)) {
        return -1;
      }
    }
    int len = Lz4Block.compress(raw, 0, rawLen, compressed);
    return c == Compression.LZ4 || pays(len, rawLen) ? len : -1;
  }

  private static boolean pays(int compressedLen, int rawLen) {
    return compressedLen <= rawLen - rawLen / 64;
  }

  private void index(StoreId store, Chunk chunk, long payloadOffset, long len, long rawLen) {
    if (indexChunks) {
      manifests
          .computeIfAbsent(store, s -> new ManifestBuilder())
          .add(chunk, payloadOffset, len, rawLen);
    }
  }

  /**
   * Refuses a chunk whose {@code VideoStream:codec} names a codec the target's {@code VideoCodec}
   * component lacks (its viewer cannot decode the value and shows nothing).
   */
  private void checkCodec(Chunk chunk) throws UnsupportedFeatureException {
    if (chunk.component(VideoStream.CODEC.component()) == null) {
      return;
    }
    VideoStreamChunk v;
    try {
      v = VideoStreamChunk.of(chunk);
    } catch (RrdFormatException e) {
      return; // a mistyped column is verify's business; the writer copies it
    }
    for (int r = 0; r < v.rowCount(); r++) {
      long value = v.codecValue(r);
      if (value >= 0 && VideoCodec.isKnownWireValue(value)) {
        VideoCodec codec = VideoCodec.fromWireValue(value);
        if (!target.supportsStreamCodec(codec)) {
          throw new UnsupportedFeatureException(
              "a VideoStream of codec "
                  + codec.shortName().toUpperCase(java.util.Locale.ROOT)
                  + " ("
                  + chunk.entityPath()
                  + ") cannot be written for Rerun "
                  + target
                  + ": its VideoCodec component has no such value (it arrived in Rerun 0."
                  + RerunTarget.firstMinorWith(codec)
                  + "), so that viewer fails to read the codec and shows no video. Store the video"
                  + " as an AssetVideo instead"
                  + " (rrdvideo convert --mode asset), which every Rerun since 0.24 plays, or"
                  + " write for Rerun 0."
                  + RerunTarget.firstMinorWith(codec)
                  + " or newer",
              null,
              RrdVideoException.UNKNOWN_OFFSET);
        }
      }
    }
  }

  /** Returns whether the chunk's {@code sorbet:version} is newer than the target writes. */
  private boolean sorbetNewerThanTarget(Chunk chunk) {
    String v = chunk.metadata().get(Sorbet.KEY_VERSION);
    return v != null && Sorbet.compareVersions(v, target.sorbetVersion()) > 0;
  }

  /**
   * Returns the chunk's schema metadata, or when its {@code sorbet:version} is newer than the
   * target's a copy stamped with the target's version.
   */
  private Map<String, String> metadataForTarget(Chunk chunk) {
    if (!sorbetNewerThanTarget(chunk)) {
      return chunk.metadata();
    }
    Map<String, String> md = new LinkedHashMap<>(chunk.metadata());
    md.put(Sorbet.KEY_VERSION, target.sorbetVersion());
    return ArrowBatch.metadataOf(md);
  }

  /**
   * Writes an {@code ArrowMsg} read from another stream as-is, without re-encoding its payload. The
   * chunk is decoded once to check it against the target and to index it in the footer; a chunk
   * whose {@code sorbet:version} is newer than the target's is re-encoded with the target's (see
   * {@link #writeChunk}) with the writer's compression.
   */
  public void writeArrowMessage(ChunkMessage message) throws IOException {
    checkOpen();
    try (Chunk chunk = message.decode()) {
      checkCodec(chunk);
      if (sorbetNewerThanTarget(chunk)) {
        writeChunk(message.storeId(), chunk);
        return;
      }
      byte[][] frame =
          TransportCodec.arrowMsgFrame(
              message.storeId(),
              message.compressionCode() == 0 ? 1 : message.compressionCode(),
              message.uncompressedSize(),
              message.payloadSize(),
              chunk.id(),
              chunk.isStatic());
      long payloadOffset = position + MessageHeader.SIZE;
      long len =
          writeMessage(
              MessageKind.ARROW_MSG,
              message.rawBuffer(),
              message.rawPayloadOffset(),
              message.payloadSize(),
              frame[0],
              frame[1]);
      index(message.storeId(), chunk, payloadOffset, len, message.uncompressedSize());
    }
  }

  private long writeMessage(
      MessageKind kind, byte[] body, int off, int len, byte[] pre, byte[] post) throws IOException {
    checkOpen();
    long total = (long) pre.length + len + post.length;
    if (out != null) {
      new MessageHeader(kind.code(), total).encode(header, 0);
      write(header, 0, MessageHeader.SIZE);
      write(pre, 0, pre.length);
      write(body, off, len);
      write(post, 0, post.length);
    }
    if (sink != null && kind != MessageKind.END) {
      toSink(kind, body, off, len, pre, post, total);
    }
    return total;
  }

  /** Hands a message to the sink, its parts joined in a reused array. */
  private void toSink(
      MessageKind kind, byte[] body, int off, int len, byte[] pre, byte[] post, long total)
      throws IOException {
    if (pre.length == 0 && post.length == 0) {
      sink.message(kind.code(), body, off, len);
      return;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("message of " + total + " bytes is too large");
    }
    if (sinkScratch.length < total) {
      sinkScratch = new byte[(int) Math.max(total, Math.min(2L * sinkScratch.length, 1 << 30))];
    }
    System.arraycopy(pre, 0, sinkScratch, 0, pre.length);
    System.arraycopy(body, off, sinkScratch, pre.length, len);
    System.arraycopy(post, 0, sinkScratch, pre.length + len, post.length);
    sink.message(kind.code(), sinkScratch, 0, (int) total);
  }

  private void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    position += len;
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("writer already finished");
    }
  }

  /**
   * Ends the stream as the target's encoder does, when {@link RrdWriteOptions#emitFooter()}: for
   * Rerun 0.28 and later the End message with one manifest per store that has chunks, then the
   * stream footer; for 0.24 to 0.27 an End message with an empty payload. Otherwise writes nothing.
   * Flushes the output. Further writes are rejected; calling it again does nothing.
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    if (out == null) {
      finished = true;
      sink.flush();
      return;
    }
    if (options.emitFooter() && !target.readsStreamFooter()) {
      writeMessage(MessageKind.END, NO_BYTES, 0, 0, NO_BYTES, NO_BYTES);
    } else if (options.emitFooter()) {
      RrdTransport.RrdFooter.Builder footer = RrdTransport.RrdFooter.newBuilder();
      for (Map.Entry<StoreId, ManifestBuilder> e : manifests.entrySet()) {
        footer.addManifests(e.getValue().build(e.getKey(), Allocators.root(), target));
      }
      byte[] f = footer.build().toByteArray();
      long footerStart = position + MessageHeader.SIZE;
      writeMessage(MessageKind.END, f, 0, f.length, NO_BYTES, NO_BYTES);
      new StreamFooter(footerStart, f.length, StreamFooter.crc(f, 0, f.length), 1)
          .encode(header, 0);
      write(header, 0, StreamFooter.SIZE);
    }
    finished = true;
    out.flush();
    if (sink != null) {
      sink.flush();
    }
  }

  /** Finishes the stream (see {@link #finish()}) and closes the output. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finish();
    } finally {
      try {
        if (out != null) {
          out.close();
        }
      } finally {
        if (sink != null) {
          sink.close();
        }
      }
    }
  }

  /** Returns a fresh id from this writer's generator (for rows or chunks built by hand). */
  public Tuid nextId() {
    return ids.next();
  }
}
