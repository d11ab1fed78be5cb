package dev.rrdvideo.format.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.RerunFacts.SourceSample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Writes the real H.264 and AV1 access units behind the Rerun-written recordings (the {@code .h264}
 * / {@code .obu} sources and their per-message manifests) in the canonical layout and checks the
 * layout, the bytes and the keyframe marker on read-back.
 */
class VideoStreamWriterTest {
  @ParameterizedTest
  @CsvSource({"stream_h264,h264,H264", "stream_av1,obu,AV1"})
  void canonicalLayoutRoundTrip(String name, String ext, VideoCodec codec) throws IOException {
    List<SourceSample> samples = RerunFacts.sourceSamples(name, ext);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (RrdWriter w = RrdWriter.open(bos, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/cam/video"))
              .codec(codec)
              .timeline("video", TimeType.DURATION)
              .build();
      for (SourceSample s : samples) {
        v.addSample(s.timeNanos(), ByteBuffer.wrap(s.bytes()), s.key());
      }
      v.finish();
      assertThat(v.sampleCount()).isEqualTo(samples.size());
    }
    byte[] rrd = bos.toByteArray();
    List<SourceSample> back = new ArrayList<>();
    List<Long> markers = new ArrayList<>();
    List<String> layout = new ArrayList<>();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(rrd))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (!(m instanceof ChunkMessage a)) {
          continue;
        }
        try (Chunk c = a.decode()) {
          VideoStreamChunk vs = VideoStreamChunk.of(c);
          assertThat(c.entityPath()).isEqualTo(EntityPath.parse("/cam/video"));
          if (vs.hasCodec()) {
            layout.add("codec");
            assertThat(c.isStatic()).isTrue();
            assertThat(vs.codec()).isEqualTo(codec);
          } else if (vs.hasSamples()) {
            layout.add("samples");
            TimeColumn t = c.timeColumn("video");
            assertThat(t.type()).isEqualTo(TimeType.DURATION);
            assertThat(t.sortedFlag()).isTrue();
            for (int i = 0; i < c.rowCount(); i++) {
              ByteBuffer b = vs.sample(i);
              byte[] bytes = new byte[b.remaining()];
              b.get(bytes);
              back.add(new SourceSample(t.value(i), bytes, i == 0));
              assertThat(vs.sampleCellLength(i)).isEqualTo(1);
            }
            assertThat(vs.hasKeyframeColumn()).isFalse();
          } else {
            layout.add("marker");
            assertThat(vs.hasKeyframeColumn()).isTrue();
            for (int i = 0; i < c.rowCount(); i++) {
              assertThat(vs.keyframe(i)).isTrue();
              markers.add(c.timeColumn("video").value(i));
            }
          }
        }
      }
    }
    long keys = samples.stream().filter(SourceSample::key).count();
    // codec chunk, one sample chunk per GOP, then the marker chunk
    List<String> expected = new ArrayList<>();
    expected.add("codec");
    for (int i = 0; i < keys; i++) {
      expected.add("samples");
    }
    expected.add("marker");
    assertThat(layout).isEqualTo(expected);
    assertThat(back).hasSameSizeAs(samples);
    for (int i = 0; i < samples.size(); i++) {
      assertThat(back.get(i).timeNanos()).isEqualTo(samples.get(i).timeNanos());
      assertThat(back.get(i).bytes()).isEqualTo(samples.get(i).bytes());
      // every sample chunk starts with a keyframe
      assertThat(back.get(i).key()).isEqualTo(samples.get(i).key());
    }
    assertThat(markers)
        .containsExactlyElementsOf(
            samples.stream().filter(SourceSample::key).map(SourceSample::timeNanos).toList());
    RrdVerifier.Report report = RrdVerifier.verify(new ByteArrayInputStream(rrd), name);
    assertThat(report.findings()).isEmpty();
    assertThat(report.samples()).isEqualTo(samples.size());
  }

  /**
   * A recording with more chunks than the footer columns' default Arrow capacity (about 4,000
   * rows): the footer index must hold every chunk (it once failed with an IndexOutOfBounds inside
   * the manifest's time columns, so that no long recording could be written).
   */
  @Test
  void footerIndexesThousandsOfChunks(@TempDir Path dir) throws IOException {
    SourceSample idr = RerunFacts.sourceSamples("stream_h264", "h264").get(0);
    int gops = 5000;
    Path file = dir.resolve("many.rrd");
    try (RrdWriter w =
        RrdWriter.open(java.nio.file.Files.newOutputStream(file), RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/cam"))
              .codec(VideoCodec.H264)
              .timeline("video", TimeType.DURATION)
              .build();
      for (int i = 0; i < gops; i++) {
        v.addSample(i * 33_333_333L, ByteBuffer.wrap(idr.bytes()), true);
      }
      v.finish();
    }
    try (RrdFile f = RrdFile.open(file)) {
      assertThat(f.usedFooter()).isTrue();
      // the codec chunk, one chunk per GOP, the keyframe marker chunk
      assertThat(f.chunks()).hasSize(gops + 2);
      ChunkIndexEntry last = f.chunks().get(gops);
      try (Chunk c = f.readChunk(last)) {
        assertThat(c.timeColumn("video").value(0)).isEqualTo((gops - 1) * 33_333_333L);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"0,0", "100,100", "100,50"})
  void rejectsNonIncreasingTimes(long first, long second) throws IOException {
    try (RrdWriter w = RrdWriter.open(new ByteArrayOutputStream(), RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", "rec");
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/v"))
              .codec(VideoCodec.VP9)
              .timeline("t", TimeType.SEQUENCE)
              .build();
      v.addSample(first, new byte[] {1}, 0, 1, true);
      assertThatThrownBy(() -> v.addSample(second, new byte[] {2}, 0, 1, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("strictly increasing");
      assertThatThrownBy(() -> v.addSample(-5, new byte[] {2}, 0, 1, false))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
