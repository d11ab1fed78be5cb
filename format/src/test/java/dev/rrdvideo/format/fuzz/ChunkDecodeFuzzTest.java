package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.StoreKind;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowBatch;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowIpc;
import dev.rrdvideo.format.internal.proto.TransportCodec;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.testdata.RrdBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Target 4: chunk decoding without the framing around it. {@link #ipc} feeds arbitrary bytes to the
 * Arrow IPC reader and the chunk layer; {@link #arrowMessage} wraps them in a valid {@code
 * ArrowMsg} envelope so that LZ4 and the declared sizes are exercised too.
 */
class ChunkDecodeFuzzTest {
  private static final StoreId STORE = new StoreId(StoreKind.RECORDING, "rec_fuzz", "fuzz");

  /** Arbitrary bytes as an (uncompressed) Arrow IPC stream. */
  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void ipc(byte[] data) {
    FuzzContract.check(
        () -> {
          BufferAllocator child =
              Allocators.root().newChildAllocator("fuzz", 0, 2L * data.length + (1 << 20));
          try {
            ArrowBatch batch;
            try {
              batch = ArrowIpc.readFirstBatch(data, 0, data.length, child);
            } catch (ArrowIpc.IpcException e) {
              return;
            }
            try (Chunk c = Chunk.fromBatch(batch, null)) {
              Exercise.consume(Exercise.chunk(c));
            } catch (dev.rrdvideo.format.error.RrdVideoException e) {
              batch.close(); // fromBatch leaves the batch to its caller on failure
              throw e;
            }
          } finally {
            child.close(); // throws if anything was left behind
          }
        });
  }

  /**
   * {@code data[0] & 3} is the {@code compression} field (0 unspecified, 1 none, 2 LZ4, 3 unknown),
   * {@code data[1..5)} the declared {@code uncompressed_size} (little-endian, unsigned), the rest
   * the payload.
   */
  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void arrowMessage(byte[] data) {
    if (data.length < 5) {
      return;
    }
    int compression = data[0] & 3;
    long declared =
        (data[1] & 0xFFL)
            | (data[2] & 0xFFL) << 8
            | (data[3] & 0xFFL) << 16
            | (data[4] & 0xFFL) << 24;
    int payloadLength = data.length - 5;
    byte[][] frame =
        TransportCodec.arrowMsgFrame(STORE, compression, declared, payloadLength, null, false);
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    msg.writeBytes(frame[0]);
    msg.write(data, 5, payloadLength);
    msg.writeBytes(frame[1]);
    byte[] stream = new RrdBytes().validHeader().message(2, msg.toByteArray()).toByteArray();
    FuzzContract.check(
        () -> {
          try (RrdReader r = RrdReader.open(new ByteArrayInputStream(stream), Exercise.OPTIONS)) {
            for (RrdMessage m = r.next(); m != null; m = r.next()) {
              if (m instanceof ChunkMessage a) {
                try (Chunk c = a.decode()) {
                  Exercise.consume(Exercise.chunk(c));
                }
              }
            }
          }
        });
  }
}
