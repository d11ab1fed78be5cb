package dev.rrdvideo.live.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdMessageDecoder;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.StoreKind;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.VideoStreamChunk;
import dev.rrdvideo.live.internal.proto.SdkComms;
import dev.rrdvideo.media.bitstream.SampleInspector;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one producer's messages into {@link Entry}s: validates them (the {@code LogMsg} envelope
 * with protobuf, the payload with {@link RrdMessageDecoder}: bad bytes are refused here, at the
 * boundary), encodes the {@code ReadMessagesResponse} that readers get, and sorts the message into
 * its history queue. Chunks are decoded to find {@code VideoStream} codecs and whether a sample
 * chunk starts a GOP (its first sample's keyframe flag, else media's {@link SampleInspector}); a
 * chunk that the format module cannot decode is passed on untouched as plain data (the proxy
 * forwards what it does not understand, as Rerun's does). One instance per producer (application
 * ids of old store ids are completed per stream); not thread-safe.
 */
public final class MessageInspector {
  /** Codecs of the video entities seen so far, shared by all producers of a server. */
  public static final class Codecs {
    private static final int MAX = 4096;
    private final Map<String, VideoCodec> map = new ConcurrentHashMap<>();

    VideoCodec get(String key) {
      return map.get(key);
    }

    void put(String key, VideoCodec codec) {
      if (map.size() < MAX || map.containsKey(key)) {
        map.put(key, codec);
      }
    }
  }

  private final RrdMessageDecoder decoder;
  private final Codecs codecs;
  private final String source;
  private long offset;
  private boolean warnedUndecodable;
  private RrdMessage lastMessage;
  private final java.util.function.Consumer<String> log;
  private final SampleInspector samples = new SampleInspector();
  private byte[] scratch = new byte[0]; // grown by the first sample inspected

  /**
   * @param source name of the producer in errors (e.g. {@code WriteMessages from 127.0.0.1:5555})
   * @param maxMessageBytes largest payload accepted
   */
  public MessageInspector(
      String source, long maxMessageBytes, Codecs codecs, java.util.function.Consumer<String> log) {
    this.source = source;
    this.codecs = codecs;
    this.log = log;
    this.decoder =
        new RrdMessageDecoder(
            RrdReadOptions.builder().sourceName(source).maxMessageBytes(maxMessageBytes).build());
  }

  /**
   * Reads a {@code WriteMessagesRequest} (the bytes of one gRPC message).
   *
   * @throws RrdVideoException if it is not a request holding a valid {@code LogMsg}
   */
  public Entry request(byte[] request) throws RrdVideoException {
    long at = offset;
    offset += request.length + 5L; // counted in gRPC frames (5-byte prefix each)
    SdkComms.WriteMessagesRequest r;
    try {
      CodedInputStream in = CodedInputStream.newInstance(request);
      in.enableAliasing(true);
      r = SdkComms.WriteMessagesRequest.parseFrom(in);
    } catch (IOException e) { // InvalidProtocolBufferException, the only one from an array
      throw new RrdFormatException(
          "not a WriteMessagesRequest: " + e.getMessage(), source, at, -1, e);
    }
    if (!r.hasLogMsg()) {
      throw new RrdFormatException("WriteMessagesRequest without log_msg", source, at);
    }
    SdkComms.LogMsg m = r.getLogMsg();
    int kind = m.getMsgCase().getNumber();
    com.google.protobuf.ByteString payload;
    switch (m.getMsgCase()) {
      case SET_STORE_INFO:
        payload = m.getSetStoreInfo();
        break;
      case ARROW_MSG:
        payload = m.getArrowMsg();
        break;
      case BLUEPRINT_ACTIVATION_COMMAND:
        payload = m.getBlueprintActivationCommand();
        break;
      default:
        throw new RrdFormatException("LogMsg without a message (empty oneof)", source, at);
    }
    return message(kind, payload.toByteArray(), at);
  }

  /**
   * Reads one message payload (the bare {@code SetStoreInfo} / {@code ArrowMsg} / {@code
   * BlueprintActivationCommand} encoding; the array is kept).
   */
  public Entry message(int kind, byte[] payload, long at) throws RrdVideoException {
    RrdMessage msg = decoder.decode(kind, payload, at);
    int queue = Entry.PERSISTENT;
    String videoKey = null;
    boolean gopStart = false;
    if (msg instanceof ChunkMessage a) {
      if (a.storeId().kind() == StoreKind.BLUEPRINT) {
        queue = Entry.PERSISTENT;
      } else {
        queue = Boolean.TRUE.equals(a.isStaticField()) ? Entry.STATIC : Entry.DISPOSABLE;
        try (Chunk c = a.decode()) {
          String key = a.storeId().kind() + "/" + a.storeId().recordingId() + c.entityPath();
          if (c.component(VideoStream.CODEC.component()) != null
              || c.component(VideoStream.SAMPLE.component()) != null) {
            VideoStreamChunk v = VideoStreamChunk.of(c);
            VideoCodec codec = v.hasCodec() ? v.codec() : null;
            if (codec != null) {
              codecs.put(key, codec);
            }
            if (v.hasSamples() && !c.isStatic() && c.rowCount() > 0) {
              videoKey = key;
              Boolean declared = v.keyframe(0);
              VideoCodec known = codec != null ? codec : codecs.get(key);
              gopStart =
                  declared != null ? declared : known != null && startsGop(known, v.sample(0));
            }
          }
        } catch (RrdVideoException e) {
          if (!warnedUndecodable) {
            warnedUndecodable = true;
            log.accept(
                source
                    + ": a chunk could not be decoded ("
                    + e.getMessage()
                    + "); passing such chunks on as they are");
          }
          videoKey = null;
        }
      }
    }
    lastMessage = msg;
    return new Entry(kind, queue, Buffer.buffer(encodeResponse(kind, payload)), videoKey, gopStart);
  }

  /**
   * Whether a sample (its remaining bytes) starts a GOP: a keyframe by the rules Rerun's viewer
   * uses to find GOP starts in a stream without keyframe markers, media's {@link SampleInspector}
   * (H.264 a parseable SPS and an IDR slice, H.265 a parseable SPS and an IRAP picture, AV1 a
   * sequence header and a {@code KEY_FRAME}, VP8/VP9 a key frame). The bytes are copied into a
   * reused array first (chunk data lives in Arrow's memory); a sample larger than {@link
   * #MAX_REUSED_BYTES} gets an array of its own, so that one huge sample does not stay pinned.
   */
  private boolean startsGop(VideoCodec codec, ByteBuffer sample) {
    if (sample == null) {
      return false;
    }
    int n = sample.remaining();
    byte[] b;
    if (n <= scratch.length) {
      b = scratch;
    } else if (n <= MAX_REUSED_BYTES) {
      b = scratch = new byte[Math.min(MAX_REUSED_BYTES, Math.max(n, 2 * scratch.length))];
    } else {
      b = new byte[n];
    }
    sample.duplicate().get(b, 0, n);
    samples.inspect(codec, b, 0, n);
    return samples.keyframe();
  }

  /** Largest sample copied into the reused array. */
  static final int MAX_REUSED_BYTES = 4 << 20;

  /**
   * Returns the decoded message behind the last entry returned, and forgets it (it holds the
   * payload).
   */
  public RrdMessage takeLastMessage() {
    RrdMessage m = lastMessage;
    lastMessage = null;
    return m;
  }

  /**
   * Returns the {@code ReadMessagesResponse} (equally {@code WriteMessagesRequest}) encoding of a
   * message: field 1 {@code log_msg} holding the {@code LogMsg} whose oneof field {@code kind}
   * holds the payload.
   */
  public static byte[] encodeResponse(int kind, byte[] payload) {
    return encodeResponse(kind, payload, 0, payload.length);
  }

  /** Same as {@link #encodeResponse(int, byte[])} for {@code payload[off..off+len)}. */
  public static byte[] encodeResponse(int kind, byte[] payload, int off, int len) {
    int inner =
        CodedOutputStream.computeTagSize(kind)
            + CodedOutputStream.computeUInt32SizeNoTag(len)
            + len;
    int total = 1 + CodedOutputStream.computeUInt32SizeNoTag(inner) + inner;
    byte[] out = new byte[total];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      o.writeTag(1, 2);
      o.writeUInt32NoTag(inner);
      o.writeTag(kind, 2);
      o.writeUInt32NoTag(len);
      o.writeRawBytes(payload, off, len);
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("size computed wrongly", e);
    }
    return out;
  }
}
