package dev.rrdvideo.format.testing;

import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.io.AssetVideoWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Recordings made in code that the tests of several modules need. */
public final class Recordings {
  private Recordings() {}

  /**
   * A recording (application {@code rrdvideo_test}) holding {@code blob} as an MP4 {@code
   * AssetVideo} at {@code entity} and one {@code VideoFrameReference} per entry of {@code
   * referenceNanos} on the duration timeline {@code video}.
   */
  public static byte[] assetVideo(String entity, byte[] blob, long... referenceNanos) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (RrdWriter w = RrdWriter.open(bos, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      AssetVideoWriter.builder(w, store, EntityPath.parse(entity))
          .blob(blob, 0, blob.length)
          .mediaType(AssetVideo.MEDIA_TYPE_MP4)
          .frameTimesNanos(referenceNanos, referenceNanos.length)
          .timeline("video", TimeType.DURATION)
          .write();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  /**
   * One framed message of a recording file: its kind (1 SetStoreInfo, 2 ArrowMsg, ...), payload.
   */
  public record Message(int kind, byte[] payload) {}

  /**
   * The messages of a recording file up to its End message, walked by hand (the 12-byte stream
   * header, then 16-byte message headers of kind and length), not by the reader under test.
   */
  public static List<Message> framedPayloads(byte[] rrd) {
    ByteBuffer b = ByteBuffer.wrap(rrd).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    List<Message> out = new ArrayList<>();
    while (b.remaining() >= 16) {
      int kind = (int) b.getLong();
      int len = (int) b.getLong();
      if (kind == 0) {
        break;
      }
      byte[] p = new byte[len];
      b.get(p);
      out.add(new Message(kind, p));
    }
    return out;
  }

  /**
   * Re-frames {@code rrd} with {@code StoreId.application_id} removed from every message: how Rerun
   * 0.24 framed recordings (its {@code StoreId} had no field 3).
   */
  public static byte[] withoutStoreIdApplicationIds(byte[] rrd) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(rrd).order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(rrd, 0, 12);
    int pos = 12;
    while (pos < rrd.length) {
      long kind = bb.getLong(pos);
      int len = (int) bb.getLong(pos + 8);
      byte[] payload = Arrays.copyOfRange(rrd, pos + 16, pos + 16 + len);
      if (kind == 1) {
        RrdTransport.SetStoreInfo.Builder m =
            RrdTransport.SetStoreInfo.parseFrom(payload).toBuilder();
        m.setInfo(
            m.getInfo().toBuilder()
                .setStoreId(m.getInfo().getStoreId().toBuilder().clearApplicationId()));
        payload = m.build().toByteArray();
      } else if (kind == 2) {
        RrdTransport.ArrowMsg.Builder m = RrdTransport.ArrowMsg.parseFrom(payload).toBuilder();
        m.setStoreId(m.getStoreId().toBuilder().clearApplicationId());
        payload = m.build().toByteArray();
      }
      out.write(
          ByteBuffer.allocate(16)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putLong(kind)
              .putLong(payload.length)
              .array());
      out.write(payload);
      pos += 16 + len;
      if (kind == 0) {
        out.write(rrd, pos, rrd.length - pos);
        break;
      }
    }
    return out.toByteArray();
  }
}
