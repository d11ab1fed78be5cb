package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RerunTarget;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.testing.FuzzContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Target: {@code rewrite} for every Rerun target: whatever a file holds, reading it and writing it
 * again (re-encoded or payloads copied, for 0.24 to 0.36, footer index built) throws nothing but
 * {@link dev.rrdvideo.format.error.RrdVideoException}. The first byte picks the target (low nibble
 * plus 24, clamped), whether payloads are copied (bit 4), the compression (bit 5) and the end of
 * stream (bit 6); the rest is the stream. Like {@code rrdvideo rewrite} but going on after a
 * message that fails, to reach the footer with whatever chunks were written.
 */
class RrdRewriteFuzzTest {
  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void rewrite(byte[] data) {
    FuzzContract.check(() -> rewrite(data, OutputStream.nullOutputStream()));
  }

  static void rewrite(byte[] data, OutputStream sink) throws IOException {
    if (data.length == 0) {
      return;
    }
    int mode = data[0] & 0xFF;
    RerunTarget target = RerunTarget.of(Math.min(24 + (mode & 0x0F), 36));
    boolean keepPayloads = (mode & 0x10) != 0;
    RrdWriteOptions options =
        RrdWriteOptions.builder()
            .target(target)
            .compression((mode & 0x20) != 0 ? Compression.NONE : Compression.LZ4)
            .emitFooter((mode & 0x40) == 0)
            .build();
    byte[] stream = Arrays.copyOfRange(data, 1, data.length);
    try (RrdReader reader = RrdReader.open(new ByteArrayInputStream(stream), Exercise.OPTIONS);
        RrdWriter writer = RrdWriter.open(sink, options)) {
      for (RrdMessage m = reader.next(); m != null; m = reader.next()) {
        try {
          if (m instanceof StoreInfo s) {
            writer.writeStoreInfo(s);
          } else if (m instanceof BlueprintActivation b) {
            writer.writeBlueprintActivation(b);
          } else if (m instanceof ChunkMessage a) {
            if (keepPayloads) {
              writer.writeArrowMessage(a);
            } else {
              try (Chunk c = a.decode()) {
                writer.writeChunk(a.storeId(), c);
              }
            }
          }
        } catch (RrdVideoException e) {
          // a chunk that does not decode, or one the target cannot carry: refused before anything
          // of it is written, so the writer goes on with the next message
          Exercise.consume(e.offset());
        }
      }
    }
  }
}
