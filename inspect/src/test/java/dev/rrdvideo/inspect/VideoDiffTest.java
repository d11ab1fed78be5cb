package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoDiffTest {
  @TempDir Path dir;

  @Test
  void anMp4AndItsRecordingAreEqualAcrossFraming() throws Exception {
    Path mp4 = TestData.path("mp4/h265_hvc1.mp4");
    Path rrd = dir.resolve("h265.rrd");
    TestRecordings.fromMp4(mp4, rrd);
    VideoDiff.Result r = VideoDiff.compare(mp4, rrd, DiffOptions.defaults());
    assertThat(r.equal()).as(r.toString()).isTrue();
    assertThat(r.timesCompared()).isTrue();
    assertThat(r.samplesA()).isEqualTo(r.samplesB()).isEqualTo(30);
    assertThat(r.codecA()).isEqualTo("h265");
  }

  @Test
  void aRawStreamHasNoTimesSoOnlyPayloadsAndKeyframesAreCompared() throws Exception {
    VideoDiff.Result r =
        VideoDiff.compare(
            TestData.path("obu/av1.obu"), TestData.path("mp4/av1.mp4"), DiffOptions.defaults());
    assertThat(r.timesCompared()).isFalse();
    assertThat(r.timeMismatches()).isZero();
    assertThat(r.payloadMismatches()).isZero();
    assertThat(r.equal()).isTrue();
  }

  @Test
  void oneChangedByteIsFoundInItsSample() throws Exception {
    Path mp4 = TestData.path("mp4/h264_base.mp4");
    byte[] bytes = Files.readAllBytes(mp4);
    long at;
    try (Mp4Demuxer d = Mp4Demuxer.open(mp4)) {
      at = d.videoTrack().sampleTable().offsetBytes(5) + 10; // inside the slice data
    }
    bytes[(int) at] ^= 0x40;
    Path changed = dir.resolve("changed.mp4");
    Files.write(changed, bytes);
    VideoDiff.Result r = VideoDiff.compare(mp4, changed, DiffOptions.defaults());
    assertThat(r.payloadMismatches()).isEqualTo(1);
    assertThat(r.firstPayloadMismatch()).isEqualTo(5);
    assertThat(r.mismatchedSamples()).containsExactly(5L);
    assertThat(r.timeMismatches()).isZero();
    assertThat(r.equal()).isFalse();
  }

  @Test
  void differentFrameRatesAreTimeMismatches() throws Exception {
    List<byte[]> units = TestRecordings.units("annexb/h264.h264", VideoCodec.H264);
    Path at25 = dir.resolve("25.rrd");
    Path at30 = dir.resolve("30.rrd");
    TestRecordings.write(
        at25,
        List.of(
            new TestRecordings.Entity(
                "/video", VideoCodec.H264, List.of(TestRecordings.atFps(units, 25)))));
    TestRecordings.write(
        at30,
        List.of(
            new TestRecordings.Entity(
                "/video", VideoCodec.H264, List.of(TestRecordings.atFps(units, 30)))));
    // 30 access units: ffprobe's packet table of the fixture has 30 rows
    assertThat(units).hasSize(30).hasSameSizeAs(Ffprobe.video("annexb/h264.h264").packets());
    VideoDiff.Result r = VideoDiff.compare(at25, at30, DiffOptions.defaults());
    assertThat(r.timesCompared()).isTrue();
    assertThat(r.samplesA()).isEqualTo(30);
    assertThat(r.samplesB()).isEqualTo(30);
    assertThat(r.payloadMismatches()).isZero();
    assertThat(r.timeMismatches()).isEqualTo(29); // all but the aligned first
    assertThat(r.firstTimeMismatch()).isEqualTo(1);
    // the last sample, by hand: 29/25 s = 1 160 000 000 ns, 29/30 s = 966 666 666.7 ns, written
    // rounded to 966 666 667 ns; 1 160 000 000 - 966 666 667 = 193 333 333 ns
    assertThat(r.maxTimeDifferenceNanos()).isEqualTo(193_333_333L);
  }

  /**
   * Times anywhere in the long range: the difference after aligning the first samples is exact (a
   * wrapping subtraction made 2^64 - 4 ns look like 4 ns).
   */
  @Test
  void timesFarApartAreNotWrappedIntoSmallDifferences() throws Exception {
    List<byte[]> u = TestRecordings.units("annexb/h264.h264", VideoCodec.H264);
    Path a = twoSamples("a.rrd", u, Long.MIN_VALUE + 1, Long.MIN_VALUE + 2);
    Path b = twoSamples("b.rrd", u, Long.MIN_VALUE + 1, Long.MAX_VALUE);
    VideoDiff.Result r = VideoDiff.compare(a, b, DiffOptions.defaults());
    assertThat(r.timesCompared()).isTrue();
    assertThat(r.payloadMismatches()).isZero();
    assertThat(r.timeMismatches()).isEqualTo(1);
    assertThat(r.firstTimeMismatch()).isEqualTo(1);
    assertThat(r.maxTimeDifferenceNanos()).isEqualTo(Long.MAX_VALUE);
    // and near the ends of the range a 1 ns difference is still 1 ns
    Path c = twoSamples("c.rrd", u, Long.MAX_VALUE - 3, Long.MAX_VALUE);
    VideoDiff.Result near = VideoDiff.compare(a, c, DiffOptions.defaults());
    assertThat(near.timeMismatches()).isEqualTo(1);
    assertThat(near.maxTimeDifferenceNanos()).isEqualTo(2);
    assertThat(VideoDiff.compare(c, c, DiffOptions.defaults()).equal()).isTrue();
  }

  Path twoSamples(String name, List<byte[]> u, long t0, long t1) throws Exception {
    return TestRecordings.write(
        dir.resolve(name),
        List.of(
            new TestRecordings.Entity(
                "/cam",
                VideoCodec.H264,
                List.of(
                    List.of(
                        new TestRecordings.S(t0, u.get(0), true, null),
                        new TestRecordings.S(t1, u.get(1), false, null))))));
  }
}
