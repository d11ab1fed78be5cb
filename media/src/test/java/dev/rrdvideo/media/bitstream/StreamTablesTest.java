package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample tables of elementary streams ({@link IvfReader#readTable()}, {@link
 * AccessUnitReader#readTable(double)}) against the ffprobe packet tables recorded with the fixtures
 * ({@code expected/NAME.packets.csv}) and their stream facts ({@code expected/NAME.stream.json}).
 */
class StreamTablesTest {
  @ParameterizedTest
  @ValueSource(strings = {"vp8.ivf", "vp9.ivf", "av1.ivf"})
  void anIvfTableHasFfprobesPacketsInTheFilesTimeBase(String file) throws Exception {
    Ffprobe ff = Ffprobe.video("ivf/" + file);
    List<Ffprobe.Packet> packets = ff.packets();
    SampleTable t;
    try (InputStream in = TestData.open("ivf/" + file)) {
      t = IvfReader.open(in, file).readTable();
    }
    assertThat(t.codec()).isEqualTo(codec(ff.codecName()));
    assertThat(t.timescale()).isEqualTo(Timescale.of(ff.ticksPerSecond()));
    assertThat(t.size()).isEqualTo(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      Ffprobe.Packet p = packets.get(i);
      long pts = p.ptsTicks();
      assertThat(t.ptsTicks(i)).as("pts %d", i).isEqualTo(pts);
      assertThat(t.dtsTicks(i)).as("dts %d", i).isEqualTo(p.dtsTicks());
      long next = i + 1 < packets.size() ? packets.get(i + 1).ptsTicks() : pts;
      assertThat(t.durationTicks(i)).as("duration %d", i).isEqualTo(next - pts);
      assertThat(t.sizeBytes(i)).as("size %d", i).isEqualTo(p.sizeBytes());
      // ffprobe's pos is the 12-byte IVF frame header; the table has the payload's offset
      assertThat(t.offsetBytes(i)).as("offset %d", i).isEqualTo(p.positionBytes() + 12);
      assertThat(t.isKeyframe(i)).as("keyframe %d", i).isEqualTo(p.key());
    }
    assertThat(t.hasReordering()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"annexb/h264.h264, H264", "annexb/h265.h265, H265", "obu/av1.obu, AV1"})
  void aRawStreamTableHasFfprobesPacketsAtTheFrameRate(String name, VideoCodec codec)
      throws Exception {
    String file = name.substring(name.indexOf('/') + 1);
    List<Ffprobe.Packet> packets = Ffprobe.video(name).packets();
    SampleTable t;
    try (InputStream in = TestData.open(name)) {
      t = AccessUnitReader.open(in, codec, file).readTable(29.97);
    }
    assertThat(t.codec()).isEqualTo(codec);
    assertThat(t.timescale()).isEqualTo(Timescale.of(29_970));
    assertThat(t.size()).isEqualTo(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      Ffprobe.Packet p = packets.get(i);
      assertThat(t.ptsTicks(i)).as("pts %d", i).isEqualTo(i * 1000L);
      assertThat(t.dtsTicks(i)).isEqualTo(i * 1000L);
      assertThat(t.durationTicks(i)).isEqualTo(1000);
      assertThat(t.sizeBytes(i)).as("size %d", i).isEqualTo(p.sizeBytes());
      assertThat(t.offsetBytes(i)).as("offset %d", i).isEqualTo(p.positionBytes());
      assertThat(t.isKeyframe(i)).as("keyframe %d", i).isEqualTo(p.key());
    }
    // the timescale means 29.97 frames per second: frame 1000 is shown at 1000 / 29.97 s
    assertThat(Timescale.of(29_970).toNanos(1000L * 1000)).isEqualTo(33_366_700_033L);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, 10_000, Double.NaN})
  void aFrameRateOutsideTheRangeIsACallerMistake(double fps) throws Exception {
    try (InputStream in = TestData.open("annexb/h264.h264")) {
      AccessUnitReader r = AccessUnitReader.open(in, VideoCodec.H264, "h264.h264");
      assertThatThrownBy(() -> r.readTable(fps)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static VideoCodec codec(String ffmpegName) {
    return switch (ffmpegName) {
      case "h264" -> VideoCodec.H264;
      case "hevc" -> VideoCodec.H265;
      case "av1" -> VideoCodec.AV1;
      case "vp8" -> VideoCodec.VP8;
      default -> VideoCodec.VP9;
    };
  }
}
