package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStreamChunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rrdvideo demo} writes a valid 4 s VideoStream recording. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void writesAFourSecondH264VideoStream() throws Exception {
    Path out = dir.resolve("demo.rrd");
    CliRunner.Result r = CliRunner.run("demo", "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("120 frames (480 x 320, 30 fps, H.264, 4 keyframes)");
    List<Long> times = new ArrayList<>();
    List<Long> keyTimes = new ArrayList<>();
    VideoCodec codec = null;
    try (RrdReader reader = RrdReader.open(out)) {
      for (RrdMessage m = reader.next(); m != null; m = reader.next()) {
        if (m instanceof ChunkMessage a) {
          try (Chunk c = a.decode()) {
            assertThat(c.entityPath()).isEqualTo(EntityPath.parse("/video_stream"));
            VideoStreamChunk v = VideoStreamChunk.of(c);
            if (v.hasCodec()) {
              codec = v.codec();
            }
            TimeColumn t = c.timeColumn("time");
            assertThat(t == null).isEqualTo(c.isStatic());
            for (int i = 0; t != null && i < c.rowCount(); i++) {
              assertThat(t.type()).isEqualTo(TimeType.DURATION);
              if (v.hasSample(i)) {
                times.add(t.value(i));
              } else if (Boolean.TRUE.equals(v.keyframe(i))) {
                keyTimes.add(t.value(i));
              }
            }
          }
        }
      }
    }
    assertThat(codec).isEqualTo(VideoCodec.H264);
    assertThat(times).hasSize(120);
    assertThat(times.get(0)).isZero();
    assertThat(times.get(119)).isEqualTo(3_966_666_667L);
    assertThat(keyTimes).containsExactly(0L, 1_000_000_000L, 2_000_000_000L, 3_000_000_000L);
    try (RrdFile f = RrdFile.open(out)) {
      assertThat(f.usedFooter()).isTrue();
      assertThat(f.chunks()).hasSize(6);
    }
    CliRunner.Result v = CliRunner.run("verify", "--strict", out.toString());
    assertThat(v.exitCode()).as(v.out()).isZero();
  }
}
