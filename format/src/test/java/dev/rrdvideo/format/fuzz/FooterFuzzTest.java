package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdManifest;
import dev.rrdvideo.format.internal.footer.FooterCodec;
import dev.rrdvideo.format.testing.FuzzContract;

/**
 * Target 3: the {@code RrdFooter} payload of an End message (protobuf, LZ4, the manifest's Arrow
 * IPC table and its sorbet schema) decoded directly, every entry read.
 */
class FooterFuzzTest {
  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void manifests(byte[] data) {
    FuzzContract.check(
        () -> {
          long sink = 0;
          for (RrdManifest m :
              FooterCodec.parse(data, 0, data.length, "fuzz", 0, 32 << 20, 1 << 16)) {
            sink += m.sorbetSchema().getFields().size() + m.manifestSchema().getFields().size();
            for (ChunkIndexEntry e : m.chunks()) {
              sink += e.byteOffset() + e.byteSize() + e.numRows() + e.components().size();
              sink += e.timeRanges().size() + e.entityPath().hashCode() + e.chunkId().hashCode();
            }
          }
          Exercise.consume(sink);
        });
  }
}
