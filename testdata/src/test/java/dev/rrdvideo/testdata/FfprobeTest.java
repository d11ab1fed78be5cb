package dev.rrdvideo.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared readers return what the committed records say (values read off the files by eye). */
class FfprobeTest {
  @Test
  void aGeneratedMp4sTableAndStream() {
    Ffprobe f = Ffprobe.video("mp4/h264_bframes.mp4");
    // expected/h264_bframes.mp4.packets.csv, rows 1 and 2
    assertThat(f.packets()).hasSize(30);
    assertThat(f.packets().get(0)).isEqualTo(new Ffprobe.Packet(0, -1024, 512, 2195, 48, true));
    assertThat(f.packets().get(1)).isEqualTo(new Ffprobe.Packet(1536, -512, 512, 612, 2243, false));
    assertThat(f.ticksPerSecond()).isEqualTo(15360);
    assertThat(f.width()).isEqualTo(160);
    assertThat(f.height()).isEqualTo(120);
    assertThat(f.codecName()).isEqualTo("h264");
    assertThat(f.text("profile")).isEqualTo("Main");
    assertThatThrownBy(() -> f.text("no_such_field")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRawStreamHasNoTimes() {
    Ffprobe.Packet p = Ffprobe.video("annexb/h264.h264").packets().get(0);
    assertThat(p)
        .isEqualTo(new Ffprobe.Packet(Ffprobe.NO_TIME, Ffprobe.NO_TIME, 40000, 2254, 0, true));
    assertThat(Ffprobe.video("ivf/vp9.ivf").packets().get(1).durationTicks())
        .isEqualTo(Ffprobe.NO_TIME);
  }

  @Test
  void aRealWorldFileByVideoStreamOrTrack() {
    // realworld/mp4ff_prog_8s.mp4.ffprobe.json: stream 0 is AAC (id 0x1), stream 1 the video (0x2)
    Ffprobe video = Ffprobe.video("realworld/mp4ff_prog_8s.mp4");
    assertThat(video.stream().get("id").asText()).isEqualTo("0x2");
    assertThat(video.ticksPerSecond()).isEqualTo(90000);
    assertThat(video.packets()).hasSize(240);
    assertThat(Ffprobe.track("realworld/mp4ff_prog_8s.mp4", 2).packets())
        .isEqualTo(video.packets());
    Ffprobe audio = Ffprobe.track("realworld/mp4ff_prog_8s.mp4", 1);
    assertThat(audio.codecName()).isEqualTo("aac");
    assertThat(audio.packets().get(0)).isEqualTo(new Ffprobe.Packet(0, 0, 1024, 128, 6368, true));
    // a raw H.264 stream: no pts or dts in the table
    Ffprobe raw = Ffprobe.video("realworld/mp4ff_4pics.264");
    assertThat(raw.packets()).hasSize(4);
    assertThat(raw.packets().get(0).ptsTicks()).isEqualTo(Ffprobe.NO_TIME);
    assertThat(raw.packets().get(0).sizeBytes()).isEqualTo(6666);
  }

  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedMp4")
  void everyGeneratedMp4HasItsRecords(String name) {
    Ffprobe f = Ffprobe.video(name);
    assertThat(f.packets()).isNotEmpty();
    assertThat(f.packets()).allSatisfy(p -> assertThat(p.ptsTicks()).isNotEqualTo(Ffprobe.NO_TIME));
  }

  @Test
  void fixtureListsComeFromTheManifest() {
    assertThat(Fixtures.generatedMp4())
        .hasSize(15)
        .contains("mp4/h264_base.mp4", "mp4/vp9.mp4")
        .allSatisfy(n -> assertThat(n).endsWith(".mp4"));
    assertThat(Fixtures.damagedMp4()).hasSize(5).contains("mp4-damaged/no_moov.mp4");
    assertThat(Fixtures.generatedStreams())
        .contains("annexb/h264.h264", "obu/av1.obu", "ivf/vp8.ivf")
        .hasSize(8);
    assertThat(Fixtures.realWorldMp4())
        .contains("realworld/mp4ff_prog_8s.mp4")
        .doesNotContain("realworld/mp4ff_prog_8s.mp4.ffprobe.json", "realworld/mp4ff_4pics.264");
    assertThat(Fixtures.media("realworld/")).contains("realworld/mp4ff_4pics.264");
  }

  @Test
  void rerunFacts() {
    assertThat(RerunFacts.videoStreamSamples("stream_h264")).isNotEmpty();
    assertThat(RerunFacts.of("asset_h264_nobf").has("video")).isTrue();
  }
}
