package dev.rrdvideo.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.internal.frame.MessageKind;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.internal.proto.TransportCodec;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns message payloads into {@link RrdMessage}s (transport level), shared by {@link RrdReader}
 * and {@link RrdFile}. Keeps the application ids announced by {@code SetStoreInfo} so that store
 * ids of files from Rerun 0.24 and older, which lack them, can be completed (Rerun's application-id
 * injection). Not thread-safe.
 */
final class MessageDecoding {
  private final RrdReadOptions options;
  private final Map<String, String> appIds = new HashMap<>();

  MessageDecoding(RrdReadOptions options) {
    this.options = options;
  }

  /**
   * Decodes a message payload of {@code len} bytes at {@code buf[0..len)}; {@code offset} is the
   * absolute offset of its 16-byte header.
   */
  RrdMessage decode(MessageKind kind, byte[] buf, int len, long offset, long index)
      throws RrdVideoException {
    String src = options.sourceName();
    long payloadOffset = offset + 16;
    try {
      switch (kind) {
        case SET_STORE_INFO:
          return storeInfo(buf, len, offset);
        case ARROW_MSG:
          {
            TransportCodec.ArrowMsgFields f = TransportCodec.parseArrowMsg(buf, 0, len);
            if (f.storeId() == null) {
              throw new RrdFormatException(
                  "ArrowMsg without store_id", src, payloadOffset, index, null);
            }
            StoreId store = completeStoreId(f.storeId());
            return new ChunkMessage(
                offset,
                index,
                src,
                store,
                f.compressionCode(),
                f.uncompressedSize(),
                f.encodingCode(),
                buf,
                f.payloadOffset(),
                f.payloadLength(),
                len,
                f.chunkId(),
                f.isStatic(),
                options.maxUncompressedBytes());
          }
        case BLUEPRINT_ACTIVATION:
          {
            RrdTransport.BlueprintActivationCommand c =
                RrdTransport.BlueprintActivationCommand.parseFrom(
                    CodedInputStream.newInstance(buf, 0, len));
            if (!c.hasBlueprintId()) {
              throw new RrdFormatException(
                  "BlueprintActivationCommand without blueprint_id",
                  src,
                  payloadOffset,
                  index,
                  null);
            }
            return new BlueprintActivation(
                offset, completeStoreId(c.getBlueprintId()), c.getMakeActive(), c.getMakeDefault());
          }
        default:
          throw new IllegalArgumentException("End messages are decoded by the reader");
      }
    } catch (InvalidProtocolBufferException e) {
      throw new RrdFormatException(
          "corrupt protobuf in " + kind + " message: " + e.getMessage(),
          src,
          payloadOffset,
          index,
          e);
    } catch (java.io.IOException e) {
      if (e instanceof RrdVideoException) {
        throw (RrdVideoException) e;
      }
      throw new RrdFormatException(
          "corrupt protobuf in " + kind + " message: " + e.getMessage(),
          src,
          payloadOffset,
          index,
          e);
    }
  }

  private StoreInfo storeInfo(byte[] buf, int len, long offset) throws java.io.IOException {
    String src = options.sourceName();
    RrdTransport.SetStoreInfo m =
        RrdTransport.SetStoreInfo.parseFrom(CodedInputStream.newInstance(buf, 0, len));
    if (!m.hasRowId()) {
      throw new RrdFormatException("SetStoreInfo without row_id", src, offset + 16);
    }
    if (!m.hasInfo()) {
      throw new RrdFormatException("SetStoreInfo without info", src, offset + 16);
    }
    RrdTransport.StoreInfo info = m.getInfo();
    if (!info.hasStoreId()) {
      throw new RrdFormatException("StoreInfo without store_id", src, offset + 16);
    }
    if (!info.hasStoreSource()) {
      throw new RrdFormatException("StoreInfo without store_source", src, offset + 16);
    }
    String legacyApp = info.hasApplicationId() ? info.getApplicationId().getId() : null;
    StoreId id = TransportCodec.storeId(info.getStoreId(), legacyApp);
    if (id.applicationId() != null) {
      appIds.put(key(info.getStoreId()), id.applicationId());
    }
    RrdTransport.StoreSource ss = info.getStoreSource();
    StoreSource source =
        new StoreSource(ss.getKindValue(), ss.getExtra().getPayload().toByteArray());
    RrdVersion version =
        info.hasStoreVersion()
            ? RrdVersion.fromCrateVersionBits(info.getStoreVersion().getCrateVersionBits())
            : null;
    Tuid rowId = TransportCodec.tuid(m.getRowId());
    return new StoreInfo(offset, rowId, id, source, version);
  }

  private StoreId completeStoreId(RrdTransport.StoreId s) {
    String fallback = s.hasApplicationId() ? null : appIds.get(key(s));
    return TransportCodec.storeId(s, fallback);
  }

  private static String key(RrdTransport.StoreId s) {
    return s.getKindValue() + "/" + s.getRecordingId();
  }
}
