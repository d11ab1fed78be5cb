package dev.rrdvideo.format.internal.proto;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.rrdvideo.format.RrdVersion;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.StoreKind;
import dev.rrdvideo.format.StoreSource;
import dev.rrdvideo.format.chunk.Tuid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Converts between the generated protobuf transport classes and the public message types, and
 * encodes/decodes {@code ArrowMsg} by hand so that its (large) payload is never copied.
 *
 * <p>Hand-written parts produce the same bytes as the generated code (fields in ascending number
 * order, proto3 presence rules). Not API.
 */
public final class TransportCodec {
  private TransportCodec() {}

  /** The fields of an {@code ArrowMsg}; the payload is a range of the parsed buffer. */
  public record ArrowMsgFields(
      RrdTransport.StoreId storeId,
      int compressionCode,
      long uncompressedSize,
      int encodingCode,
      int payloadOffset,
      int payloadLength,
      Tuid chunkId,
      Boolean isStatic) {}

  /**
   * Where an {@code ArrowMsg}'s payload field lies: its tag at {@code tagOffset}, its bytes at
   * {@code [payloadOffset, payloadOffset + payloadLength)}, offsets from the message's start.
   */
  public record PayloadField(int tagOffset, int payloadOffset, int payloadLength) {}

  /**
   * Finds the payload field of an {@code ArrowMsg} from its first {@code len} bytes, for reading
   * the payload in parts: returns it when only the store id, compression, uncompressed size and
   * encoding fields come before it, complete within those bytes; otherwise (another layout, bytes
   * that do not parse) null, and the caller reads the message whole, which reports any error.
   */
  public static PayloadField locatePayload(byte[] buf, int len) {
    CodedInputStream in = CodedInputStream.newInstance(buf, 0, len);
    try {
      while (!in.isAtEnd()) {
        int at = in.getTotalBytesRead();
        int tag = in.readTag();
        switch (tag) {
          case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
            int n = in.readRawVarint32();
            if (n < 0 || n > len - in.getTotalBytesRead()) {
              return null;
            }
            in.skipRawBytes(n);
          }
          case (2 << 3) | WireFormat.WIRETYPE_VARINT,
              (3 << 3) | WireFormat.WIRETYPE_VARINT,
              (4 << 3) | WireFormat.WIRETYPE_VARINT ->
              in.readRawVarint64();
          case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
            int n = in.readRawVarint32();
            return n < 0 ? null : new PayloadField(at, in.getTotalBytesRead(), n);
          }
          default -> {
            return null;
          }
        }
      }
    } catch (IOException e) {
      return null; // cut short within the bytes given, or malformed: read whole
    }
    return null;
  }

  /**
   * Parses an {@code ArrowMsg} from {@code buf[off..off+len)} without copying the payload.
   *
   * @throws InvalidProtocolBufferException if the bytes are not a valid message
   */
  public static ArrowMsgFields parseArrowMsg(byte[] buf, int off, int len)
      throws InvalidProtocolBufferException {
    CodedInputStream in = CodedInputStream.newInstance(buf, off, len);
    RrdTransport.StoreId storeId = null;
    int compression = 0;
    long uncompressed = 0;
    int encoding = 0;
    int payloadOff = off;
    int payloadLen = 0;
    Tuid chunkId = null;
    Boolean isStatic = null;
    try {
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        switch (tag) {
          case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED:
            storeId = RrdTransport.StoreId.parseFrom(in.readBytes());
            break;
          case (2 << 3) | WireFormat.WIRETYPE_VARINT:
            compression = in.readEnum();
            break;
          case (3 << 3) | WireFormat.WIRETYPE_VARINT:
            uncompressed = in.readUInt64();
            break;
          case (4 << 3) | WireFormat.WIRETYPE_VARINT:
            encoding = in.readEnum();
            break;
          case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED:
            payloadLen = in.readRawVarint32();
            if (payloadLen < 0 || payloadLen > len - in.getTotalBytesRead()) {
              throw new InvalidProtocolBufferException(
                  "ArrowMsg.payload length " + payloadLen + " runs past the message");
            }
            payloadOff = off + in.getTotalBytesRead();
            in.skipRawBytes(payloadLen);
            break;
          case (6 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED:
            chunkId = tuid(RrdTransport.Tuid.parseFrom(in.readBytes()));
            break;
          case (7 << 3) | WireFormat.WIRETYPE_VARINT:
            isStatic = in.readBool();
            break;
          default:
            if (!in.skipField(tag)) {
              return new ArrowMsgFields(
                  storeId,
                  compression,
                  uncompressed,
                  encoding,
                  payloadOff,
                  payloadLen,
                  chunkId,
                  isStatic);
            }
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return new ArrowMsgFields(
        storeId, compression, uncompressed, encoding, payloadOff, payloadLen, chunkId, isStatic);
  }

  /**
   * Encodes the protobuf bytes of an {@code ArrowMsg} that surround the payload: {@code [0]} is
   * everything up to and including the payload's tag and length, {@code [1]} is what follows it.
   */
  public static byte[][] arrowMsgFrame(
      StoreId storeId,
      int compressionCode,
      long uncompressedSize,
      int payloadLength,
      Tuid chunkId,
      boolean isStatic) {
    try {
      ByteArrayOutputStream pre = new ByteArrayOutputStream(128);
      CodedOutputStream out = CodedOutputStream.newInstance(pre);
      out.writeMessage(1, toProto(storeId));
      if (compressionCode != 0) {
        out.writeEnum(2, compressionCode);
      }
      if (uncompressedSize != 0) {
        out.writeUInt64(3, uncompressedSize);
      }
      out.writeEnum(4, RrdTransport.Encoding.ENCODING_ARROW_IPC_VALUE);
      if (payloadLength != 0) {
        out.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(payloadLength);
      }
      out.flush();
      ByteArrayOutputStream post = new ByteArrayOutputStream(32);
      CodedOutputStream out2 = CodedOutputStream.newInstance(post);
      if (chunkId != null) {
        out2.writeMessage(6, toProto(chunkId));
      }
      out2.writeBool(7, isStatic);
      out2.flush();
      return new byte[][] {pre.toByteArray(), post.toByteArray()};
    } catch (IOException e) {
      throw new IllegalStateException("in-memory protobuf encoding failed", e);
    }
  }

  /** Converts a protobuf TUID (both fields required). */
  public static Tuid tuid(RrdTransport.Tuid t) throws InvalidProtocolBufferException {
    if (!t.hasTimeNs() || !t.hasInc()) {
      throw new InvalidProtocolBufferException("Tuid without time_ns or inc");
    }
    return new Tuid(t.getTimeNs(), t.getInc());
  }

  /** Converts a TUID to protobuf. */
  public static RrdTransport.Tuid toProto(Tuid t) {
    return RrdTransport.Tuid.newBuilder().setTimeNs(t.timeNanos()).setInc(t.inc()).build();
  }

  /** Converts a protobuf store id; {@code fallbackApplicationId} is used when it has none. */
  public static StoreId storeId(RrdTransport.StoreId s, String fallbackApplicationId) {
    StoreKind kind =
        s.getKind() == RrdTransport.StoreKind.STORE_KIND_BLUEPRINT
            ? StoreKind.BLUEPRINT
            : StoreKind.RECORDING;
    String app = s.hasApplicationId() ? s.getApplicationId().getId() : fallbackApplicationId;
    return new StoreId(kind, s.getRecordingId(), app);
  }

  /** Converts a store id to protobuf. */
  public static RrdTransport.StoreId toProto(StoreId id) {
    RrdTransport.StoreId.Builder b =
        RrdTransport.StoreId.newBuilder()
            .setKind(
                id.kind() == StoreKind.BLUEPRINT
                    ? RrdTransport.StoreKind.STORE_KIND_BLUEPRINT
                    : RrdTransport.StoreKind.STORE_KIND_RECORDING)
            .setRecordingId(id.recordingId());
    if (id.applicationId() != null) {
      b.setApplicationId(RrdTransport.ApplicationId.newBuilder().setId(id.applicationId()));
    }
    return b.build();
  }

  /**
   * Encodes a {@code SetStoreInfo}; {@code legacyApplicationId}, when not null, goes into the
   * deprecated {@code StoreInfo.application_id} (field 1) that Rerun 0.24 requires.
   */
  public static byte[] encodeSetStoreInfo(
      Tuid rowId,
      StoreId storeId,
      StoreSource source,
      RrdVersion version,
      String legacyApplicationId) {
    RrdTransport.StoreInfo.Builder info = RrdTransport.StoreInfo.newBuilder();
    if (legacyApplicationId != null) {
      info.setApplicationId(RrdTransport.ApplicationId.newBuilder().setId(legacyApplicationId));
    }
    info.setStoreId(toProto(storeId))
        .setStoreSource(
            RrdTransport.StoreSource.newBuilder()
                .setKindValue(source.kindCode())
                .setExtra(
                    RrdTransport.StoreSourceExtra.newBuilder()
                        .setPayload(com.google.protobuf.ByteString.copyFrom(source.extra()))));
    if (version != null) {
      info.setStoreVersion(
          RrdTransport.StoreVersion.newBuilder().setCrateVersionBits(version.crateVersionBits()));
    }
    return RrdTransport.SetStoreInfo.newBuilder()
        .setRowId(toProto(rowId))
        .setInfo(info)
        .build()
        .toByteArray();
  }
}
