package dev.rrdvideo.format.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.RerunFacts.SourceSample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VideoStreamReader#seek} and {@link VideoStreamReader#nextInChunk} visit the samples of one
 * sample chunk, with the indexes the caller gives, exactly as {@link VideoStreamReader#next} does.
 */
class VideoStreamReaderSeekTest {
  @TempDir Path dir;

  /** Time, index and chunk position of each sample, read with {@code next()}. */
  private record Seen(long time, long index, int chunk) {}

  @Test
  void seekThenNextInChunkReadsOneChunkWithTheGivenIndexes() throws IOException {
    List<SourceSample> samples = RerunFacts.sourceSamples("stream_h264", "h264");
    Path file = dir.resolve("v.rrd");
    try (RrdWriter w = RrdWriter.open(file, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/v"))
              .codec(VideoCodec.H264)
              .timeline("video", TimeType.DURATION)
              .build();
      int i = 0;
      for (SourceSample s : samples) {
        v.addSample(s.timeNanos(), ByteBuffer.wrap(s.bytes()), s.key());
        if (++i % 4 == 0) {
          v.flush();
        }
      }
      v.finish();
    }
    try (RrdFile rrd = RrdFile.open(file);
        VideoStreamReader r = VideoStreamReader.open(rrd, EntityPath.parse("/v"), null)) {
      List<Seen> all = new ArrayList<>();
      assertThat(r.chunkIndex()).isEqualTo(-1);
      while (r.next()) {
        all.add(new Seen(r.time(), r.index(), r.chunkIndex()));
      }
      assertThat(all).hasSize(samples.size());
      int chunks = r.sampleChunks().size();
      assertThat(chunks).isGreaterThan(samples.size() / 4);
      assertThat(all.get(all.size() - 1).chunk()).isEqualTo(chunks - 1);
      for (int k = chunks - 1; k >= 0; k--) {
        int chunk = k;
        List<Seen> expected = all.stream().filter(s -> s.chunk() == chunk).toList();
        r.seek(k, expected.get(0).index() + 1000);
        List<Seen> got = new ArrayList<>();
        while (r.nextInChunk()) {
          got.add(new Seen(r.time(), r.index() - 1000, r.chunkIndex()));
        }
        assertThat(got).as("chunk %d", k).isEqualTo(expected);
        assertThat(r.nextInChunk()).isFalse();
        assertThat(r.chunkIndex()).isEqualTo(k);
        if (k + 1 < chunks) {
          // next() goes on with the following chunk
          assertThat(r.next()).isTrue();
          assertThat(r.chunkIndex()).isEqualTo(k + 1);
          assertThat(r.time())
              .isEqualTo(all.get(all.indexOf(expected.get(expected.size() - 1)) + 1).time());
        }
      }
      r.seek(chunks, 0);
      assertThat(r.nextInChunk()).isFalse();
      assertThat(r.next()).isFalse();
      assertThatThrownBy(() -> r.seek(chunks + 1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> r.seek(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }
}
