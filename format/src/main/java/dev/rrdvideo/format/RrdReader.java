package dev.rrdvideo.format;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.internal.frame.Hex;
import dev.rrdvideo.format.internal.frame.MessageHeader;
import dev.rrdvideo.format.internal.frame.MessageKind;
import dev.rrdvideo.format.internal.frame.StreamFooter;
import dev.rrdvideo.format.internal.frame.StreamHeader;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Forward-only reader of an {@code .rrd} stream from an {@link InputStream} (a file, a pipe,
 * stdin). Memory stays constant whatever the input size: one message is held at a time, and chunk
 * payloads are only decompressed when the caller asks ({@link ChunkMessage#decode()}).
 *
 * <p>Use it when the input is not seekable or when every message is wanted in order. To jump to
 * particular chunks of a file through its footer index, use {@link RrdFile} instead.
 *
 * <pre>{@code
 * Map<EntityPath, Long> rowsPerEntity = new LinkedHashMap<>();
 * try (RrdReader reader = RrdReader.open(Path.of("video.rrd"))) {
 *   for (RrdMessage m = reader.next(); m != null; m = reader.next()) {
 *     if (m instanceof ChunkMessage a) {
 *       try (Chunk chunk = a.decode()) {
 *         rowsPerEntity.merge(chunk.entityPath(), (long) chunk.rowCount(), Long::sum);
 *       }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Decoder states (one 12-byte stream header, then messages; concatenated streams restart at a
 * stream header):
 *
 * <pre>
 *            12 bytes                  kind 1/2/3 + payload: return message
 * [STREAM_HEADER] ------&gt; [MESSAGE_HEADER] &lt;--------------------------+
 *        ^                  |   |    |                                    |
 *        |  "RRF2" in place |   |    +------------------------------------+
 *        +------------------+   | kind 0 (End) + payload: return StreamEnd
 *        |                      v
 *        +------------ [STREAM_FOOTER] (32 bytes, or end of input)
 *   end of input at a message or stream boundary: next() returns null
 * </pre>
 *
 * <ul>
 *   <li>STREAM_HEADER: the first stream's header must be valid (else an exception); a bad header
 *       later is trailing garbage (a warning in lenient mode, as in Rerun).
 *   <li>MESSAGE_HEADER: reads kind and length; the length is checked against {@link
 *       RrdReadOptions#maxMessageBytes()} before anything is allocated. Bytes starting with {@code
 *       RRF2} begin a new concatenated stream.
 *   <li>STREAM_FOOTER: after an End message; validated (identifiers, offsets, XXH32) but only
 *       warned about in lenient mode, like Rerun's streaming decoder.
 * </ul>
 *
 * <p>Not thread-safe. See {@link RrdReadOptions} for the error policy.
 */
public final class RrdReader implements Closeable {
  private static final int EAGER_PAYLOAD_LIMIT = 64 << 20;

  private enum State {
    STREAM_HEADER,
    MESSAGE_HEADER,
    DONE
  }

  private final InputStream in;
  private final RrdReadOptions options;
  private final MessageDecoding decoding;
  private final String src;
  private final byte[] scratch = new byte[StreamFooter.SIZE];
  private byte[] pending = new byte[0];
  private int pendingOff;
  private State state = State.STREAM_HEADER;
  private long position;
  private long streamStart;
  private int streamCount;
  private long messageCount;
  private StreamHeader header;

  private RrdReader(InputStream in, RrdReadOptions options) {
    this.in = Objects.requireNonNull(in, "in is null");
    this.options = Objects.requireNonNull(options, "options is null");
    this.decoding = new MessageDecoding(options);
    this.src = options.sourceName();
  }

  /** Opens a reader over {@code in} with default options; closing the reader closes {@code in}. */
  public static RrdReader open(InputStream in) {
    return new RrdReader(in, RrdReadOptions.defaults());
  }

  /** Opens a reader over {@code in}; closing the reader closes {@code in}. */
  public static RrdReader open(InputStream in, RrdReadOptions options) {
    return new RrdReader(in, options);
  }

  /** Opens a reader over a file, named by its file name in messages. */
  public static RrdReader open(Path file) throws IOException {
    return open(file, RrdReadOptions.defaults());
  }

  /** Opens a reader over a file; a source name in {@code options} wins over the file name. */
  public static RrdReader open(Path file, RrdReadOptions options) throws IOException {
    RrdReadOptions o =
        options.sourceName() != null
            ? options
            : options.toBuilder().sourceName(String.valueOf(file.getFileName())).build();
    return new RrdReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), o);
  }

  /** Returns the number of bytes consumed so far (the offset of the next unread byte). */
  public long position() {
    return position;
  }

  /** Returns the header of the current stream, or {@code null} before the first read. */
  public RrdVersion version() {
    return header == null ? null : header.version();
  }

  /** Returns the header compression byte of the current stream (0 off, 1 LZ4), or -1. */
  public int headerCompression() {
    return header == null ? -1 : header.compressionFlag();
  }

  /** Returns how many stream headers have been read (concatenated streams count separately). */
  public int streamCount() {
    return streamCount;
  }

  /**
   * Returns the next message, or {@code null} at the end of the input.
   *
   * @throws RrdFormatException for malformed input (see {@link RrdReadOptions} for the policy)
   * @throws UnsupportedFeatureException for old formats
   * @throws LimitExceededException when a size exceeds the configured limits
   * @throws IOException when reading the input fails
   */
  public RrdMessage next() throws IOException {
    while (true) {
      switch (state) {
        case DONE:
          return null;
        case STREAM_HEADER:
          if (!readStreamHeader(null, 0)) {
            return null;
          }
          break;
        case MESSAGE_HEADER:
          {
            RrdMessage m = readMessage();
            if (m != null || state == State.DONE) {
              return m;
            }
            break;
          }
        default:
          throw new IllegalStateException(String.valueOf(state));
      }
    }
  }

  /** Reads a stream header; {@code have} bytes of it are already in {@code prefix}. */
  private boolean readStreamHeader(byte[] prefix, int have) throws IOException {
    long at = position - have;
    byte[] h = new byte[StreamHeader.SIZE];
    if (have > 0) {
      System.arraycopy(prefix, 0, h, 0, have);
    }
    int n = have + readFully(h, have, StreamHeader.SIZE - have);
    boolean first = streamCount == 0;
    if (n == 0 && !first) {
      state = State.DONE;
      return false;
    }
    if (n < StreamHeader.SIZE) {
      if (first) {
        throw new RrdFormatException(
            (n == 0 ? "empty input" : "truncated stream header")
                + ": expected 12 bytes starting with RRF2, found "
                + n
                + " bytes",
            src,
            at);
      }
      return trailing(
          RrdWarning.Kind.TRUNCATED, "truncated stream header: expected 12 bytes, found " + n, at);
    }
    try {
      header = StreamHeader.decode(h, 0, src, at);
    } catch (RrdVideoException e) {
      if (first) {
        throw e;
      }
      return trailing(
          RrdWarning.Kind.TRAILING_DATA,
          "trailing bytes after a complete stream: " + e.getOriginalMessage(),
          at);
    }
    if (header.version().compareTo(RrdVersion.NEWEST_KNOWN) > 0) {
      options
          .warnings()
          .accept(
              new RrdWarning(
                  RrdWarning.Kind.NEWER_VERSION,
                  "stream written by Rerun "
                      + header.version()
                      + ", newer than the newest version this reader knows ("
                      + RrdVersion.NEWEST_KNOWN
                      + ")",
                  src,
                  at + 4));
    }
    streamStart = at;
    streamCount++;
    state = State.MESSAGE_HEADER;
    return true;
  }

  private boolean trailing(RrdWarning.Kind kind, String message, long at)
      throws RrdFormatException {
    if (options.strict()) {
      throw new RrdFormatException(message, src, at);
    }
    options.warnings().accept(new RrdWarning(kind, message, src, at));
    state = State.DONE;
    return false;
  }

  private RrdMessage readMessage() throws IOException {
    long at = position;
    byte[] h = scratch;
    int n = readFully(h, 0, MessageHeader.SIZE);
    if (n == 0) {
      state = State.DONE;
      return null;
    }
    if (n >= 4 && StreamHeader.startsWithFourCc(h, 0, n)) {
      // A new stream concatenated without an End marker (Rerun accepts this).
      int take = Math.min(n, StreamHeader.SIZE);
      byte[] prefix = Arrays.copyOf(h, take);
      unread(h, take, n - take);
      readStreamHeader(prefix, take);
      return null;
    }
    if (n < MessageHeader.SIZE) {
      return truncated("truncated message header: expected 16 bytes, found " + n, at);
    }
    MessageHeader mh = MessageHeader.decode(h, 0);
    MessageKind kind = mh.kind();
    long index = messageCount;
    if (kind == null) {
      trailingMessage(
          "unknown message kind: expected 0..3, found " + Hex.num(mh.kindCode()), at, index);
      return null;
    }
    long len = mh.length();
    if (len < 0 || len > options.maxMessageBytes()) {
      throw new LimitExceededException(
          kind + " message length", len, options.maxMessageBytes(), src, at + 8, index);
    }
    byte[] payload = readPayload((int) len);
    if (payload == null) {
      return truncated(
          "truncated "
              + kind
              + " message: expected "
              + len
              + " payload bytes, found "
              + (position - at - MessageHeader.SIZE),
          at);
    }
    messageCount++;
    if (kind == MessageKind.END) {
      return readEnd(at, payload);
    }
    return decoding.decode(kind, payload, payload.length, at, index);
  }

  private void trailingMessage(String message, long at, long index) throws RrdFormatException {
    if (options.strict()) {
      throw new RrdFormatException(message, src, at, index, null);
    }
    options
        .warnings()
        .accept(
            new RrdWarning(
                RrdWarning.Kind.TRAILING_DATA,
                message + "; the rest of the input is ignored",
                src,
                at));
    state = State.DONE;
  }

  private RrdMessage truncated(String message, long at) throws RrdFormatException {
    if (options.strict()) {
      throw new RrdFormatException(message, src, at, messageCount, null);
    }
    options.warnings().accept(new RrdWarning(RrdWarning.Kind.TRUNCATED, message, src, at));
    state = State.DONE;
    return null;
  }

  private RrdMessage readEnd(long at, byte[] footer) throws IOException {
    long payloadAt = at + MessageHeader.SIZE;
    byte[] f = scratch;
    int n = readFully(f, 0, StreamFooter.SIZE);
    state = State.STREAM_HEADER;
    boolean hasFooter = false;
    if (n == 0) {
      state = State.DONE;
    } else if (n >= 4 && StreamHeader.startsWithFourCc(f, 0, n)) {
      // End without stream footer followed by the next stream (Rerun 0.23-0.27 files, cat'ed).
      unread(f, 0, n);
    } else if (n < StreamFooter.SIZE) {
      truncated("truncated stream footer: expected 32 bytes, found " + n, position - n);
    } else if (!StreamFooter.looksLikeFooter(f, 0)) {
      String msg = "bad stream footer: expected RRF2FOOT identifiers, found " + Hex.bytes(f, 20, 8);
      if (options.strict()) {
        throw new RrdFormatException(msg, src, position - n);
      }
      options
          .warnings()
          .accept(new RrdWarning(RrdWarning.Kind.STREAM_FOOTER, msg, src, position - n));
      state = State.DONE;
    } else {
      hasFooter = true;
      StreamFooter sf = StreamFooter.decode(f, 0);
      long footerAt = position - n;
      String problem = null;
      if (sf.entryCount() != 1) {
        problem =
            "stream footer entry count: expected 1, found "
                + Integer.toUnsignedString(sf.entryCount());
      } else if (sf.footerStart() != payloadAt - streamStart
          || sf.footerLength() != footer.length) {
        problem =
            "stream footer points at "
                + sf.footerStart()
                + "+"
                + sf.footerLength()
                + ", expected the End payload at "
                + (payloadAt - streamStart)
                + "+"
                + footer.length;
      } else {
        int crc = StreamFooter.crc(footer, 0, footer.length);
        if (crc != sf.crc()) {
          problem =
              "stream footer checksum mismatch: expected XXH32 "
                  + String.format("%08x", crc)
                  + ", found "
                  + String.format("%08x", sf.crc());
        }
      }
      if (problem != null) {
        if (options.strict()) {
          throw new RrdFormatException(problem, src, footerAt);
        }
        options
            .warnings()
            .accept(new RrdWarning(RrdWarning.Kind.STREAM_FOOTER, problem, src, footerAt));
      }
    }
    return new StreamEnd(
        at, src, footer, hasFooter, options.maxUncompressedBytes(), options.maxChunks());
  }

  /** Reads a payload of {@code len} bytes, growing the buffer as data arrives; null if short. */
  private byte[] readPayload(int len) throws IOException {
    if (len <= EAGER_PAYLOAD_LIMIT) {
      byte[] b = new byte[len];
      return readFully(b, 0, len) == len ? b : null;
    }
    byte[] b = new byte[EAGER_PAYLOAD_LIMIT];
    int have = 0;
    while (have < len) {
      if (have == b.length) {
        b = Arrays.copyOf(b, (int) Math.min(len, 2L * b.length));
      }
      int n = readFully(b, have, b.length - have);
      have += n;
      if (have < b.length) {
        return null;
      }
    }
    return b;
  }

  private void unread(byte[] b, int off, int len) {
    byte[] rest = Arrays.copyOfRange(pending, pendingOff, pending.length);
    byte[] merged = new byte[len + rest.length];
    System.arraycopy(b, off, merged, 0, len);
    System.arraycopy(rest, 0, merged, len, rest.length);
    pending = merged;
    pendingOff = 0;
    position -= len;
  }

  /** Reads up to {@code len} bytes, returning fewer only at end of input. */
  private int readFully(byte[] b, int off, int len) throws IOException {
    int total = 0;
    if (pendingOff < pending.length) {
      int k = Math.min(len, pending.length - pendingOff);
      System.arraycopy(pending, pendingOff, b, off, k);
      pendingOff += k;
      total = k;
    }
    while (total < len) {
      int n = in.read(b, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    position += total;
    return total;
  }

  @Override
  public void close() throws IOException {
    state = State.DONE;
    in.close();
  }
}
