package dev.rrdvideo.format;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.internal.frame.MessageKind;
import java.util.Objects;

/**
 * Decodes messages that arrive without the file framing (a live transport's {@code LogMsg}
 * payloads, see {@link RrdMessageSink}) into the same {@link RrdMessage}s an {@link RrdReader}
 * yields, with the same validation and limits. Keeps the application ids announced by store infos,
 * like a reader does for one stream. Not thread-safe.
 */
public final class RrdMessageDecoder {
  private final RrdReadOptions options;
  private final MessageDecoding decoding;
  private long index;

  /** Creates a decoder; {@code options} give the limits and the source name used in errors. */
  public RrdMessageDecoder(RrdReadOptions options) {
    this.options = Objects.requireNonNull(options, "options is null");
    this.decoding = new MessageDecoding(options);
  }

  /**
   * Decodes one message.
   *
   * @param kind {@link RrdMessageSink#SET_STORE_INFO}, {@link RrdMessageSink#ARROW_MSG} or {@link
   *     RrdMessageSink#BLUEPRINT_ACTIVATION}; anything else is refused as malformed
   * @param payload the protobuf encoding, the whole array; an {@link ChunkMessage} keeps it
   * @param offset where the payload starts in the source, for the offsets errors report
   * @throws RrdVideoException if the bytes are not a valid message of that kind, or exceed {@link
   *     RrdReadOptions#maxMessageBytes()}
   */
  public RrdMessage decode(int kind, byte[] payload, long offset) throws RrdVideoException {
    long at = offset - 16; // the decoding reports offsets relative to a (here absent) header
    MessageKind k = kind == 0 ? null : MessageKind.fromCode(kind);
    if (k == null) {
      throw new RrdFormatException(
          "unknown message kind: expected 1..3, found " + kind,
          options.sourceName(),
          offset,
          index,
          null);
    }
    if (payload.length > options.maxMessageBytes()) {
      throw new LimitExceededException(
          k + " message length",
          payload.length,
          options.maxMessageBytes(),
          options.sourceName(),
          offset,
          index);
    }
    return decoding.decode(k, payload, payload.length, at, index++);
  }
}
