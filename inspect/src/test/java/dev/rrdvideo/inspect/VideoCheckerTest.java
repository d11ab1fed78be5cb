package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.TestRecordings.S;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of {@code rrdvideo check} fires, with its id, on a recording built from real encoded
 * samples that breaks exactly that rule; and a clean recording passes them all.
 */
class VideoCheckerTest {
  @TempDir static Path dir;

  /** The 30 access units of annexb/h264.h264 (160x120, GOP 10), Annex B. */
  static List<byte[]> units = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    AccessUnitReader r =
        AccessUnitReader.open(
            new ByteArrayInputStream(TestData.bytes("annexb/h264.h264")), VideoCodec.H264, "h264");
    while (r.next()) {
      units.add(Arrays.copyOf(r.unit(), r.unitSize()));
    }
    assertThat(units).hasSize(30);
  }

  /**
   * Writes a recording with one entity {@code /cam}: a static codec chunk (unless every sample
   * names its own codec), then one chunk per list of samples, in the given order.
   */
  static Path write(String name, VideoCodec staticCodec, List<List<S>> chunks) throws IOException {
    return TestRecordings.write(
        dir.resolve(name + ".rrd"),
        List.of(new TestRecordings.Entity("/cam", staticCodec, chunks)));
  }

  /** The 30 units at 30 fps with correct declared flags. */
  static List<S> clean() {
    List<S> out = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      out.add(new S(Math.round(i * 1e9 / 30), units.get(i), i % 10 == 0, null));
    }
    return out;
  }

  static Map<String, CheckResult> check(Path file, CheckOptions o) throws IOException {
    VideoChecker c = new VideoChecker(o);
    SampleScanner.scan(file, ScanOptions.defaults(), c);
    return c.results().stream()
        .collect(Collectors.toMap(r -> r.rule().id(), Function.identity(), (a, b) -> a));
  }

  static void assertOnlyFails(Map<String, CheckResult> results, String... ids) {
    List<String> failed =
        results.values().stream()
            .filter(r -> r.status() == CheckResult.Status.FAIL)
            .map(r -> r.rule().id())
            .sorted()
            .toList();
    assertThat(failed).as(results.toString()).containsExactlyInAnyOrder(ids);
  }

  @Test
  void cleanRecordingPassesEveryRule() throws IOException {
    Map<String, CheckResult> r =
        check(write("clean", VideoCodec.H264, List.of(clean())), CheckOptions.none());
    assertOnlyFails(r);
    for (CheckRule rule : CheckRule.values()) {
      if (rule == CheckRule.FRAME_REFERENCES_RESOLVE) {
        // only reported for AssetVideo streams
        assertThat(r).doesNotContainKey(rule.id());
      } else if (rule.ordinal() < CheckRule.EXPECT_CODEC.ordinal()) {
        assertThat(r.get(rule.id()).status()).as(rule.id()).isEqualTo(CheckResult.Status.PASS);
      }
    }
    // and with every expectation switched on and met
    Map<String, CheckResult> e =
        check(
            write("clean2", VideoCodec.H264, List.of(clean())),
            CheckOptions.builder()
                .expectCodec("h264")
                .maxGopFrames(10)
                .minFps(29.9)
                .maxFps(30.1)
                .noBFrames(true)
                .maxGapNanos(34_000_000)
                .frames(30)
                .build());
    assertOnlyFails(e);
    assertThat(e.values()).allMatch(x -> x.status() == CheckResult.Status.PASS);
  }

  @Test
  void firstSampleKeyframe() throws IOException {
    List<S> s = clean().subList(1, 30);
    assertOnlyFails(
        check(write("first", VideoCodec.H264, List.of(s)), CheckOptions.none()),
        "first-sample-keyframe");
  }

  @Test
  void keyframeLabelMatchesBitstream() throws IOException {
    List<S> s = new ArrayList<>(clean());
    s.set(5, new S(s.get(5).timeNanos(), s.get(5).bytes(), true, null));
    Map<String, CheckResult> r =
        check(write("label", VideoCodec.H264, List.of(s)), CheckOptions.none());
    assertOnlyFails(r, "keyframe-label-matches-bitstream");
    assertThat(r.get("keyframe-label-matches-bitstream").firstSample()).isEqualTo(5);
  }

  @Test
  void parameterSetsOnKeyframes() throws IOException {
    List<S> s = new ArrayList<>(clean());
    // drop the SPS and PPS from the keyframe at sample 10: the IDR slice stays
    byte[] u = s.get(10).bytes();
    byte[] idrOnly = dropNalTypes(u, 7, 8);
    assertThat(idrOnly.length).isLessThan(u.length);
    s.set(10, new S(s.get(10).timeNanos(), idrOnly, true, null));
    Map<String, CheckResult> r =
        check(write("ps", VideoCodec.H264, List.of(s)), CheckOptions.none());
    assertThat(r.get("parameter-sets-on-keyframes").status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.get("parameter-sets-on-keyframes").firstSample()).isEqualTo(10);
  }

  @Test
  void oneFramePerSample() throws IOException {
    List<S> s = new ArrayList<>(clean());
    byte[] two = new byte[s.get(3).bytes().length + s.get(4).bytes().length];
    System.arraycopy(s.get(3).bytes(), 0, two, 0, s.get(3).bytes().length);
    System.arraycopy(s.get(4).bytes(), 0, two, s.get(3).bytes().length, s.get(4).bytes().length);
    s.set(3, new S(s.get(3).timeNanos(), two, false, null));
    s.remove(4);
    assertOnlyFails(
        check(write("two", VideoCodec.H264, List.of(s)), CheckOptions.none()),
        "one-frame-per-sample");
  }

  @Test
  void timestampsMonotonicAndUnique() throws IOException {
    List<S> s = clean();
    // chunk order puts the second GOP before the first: decode order goes back in time
    Map<String, CheckResult> r =
        check(
            write(
                "order",
                VideoCodec.H264,
                List.of(s.subList(0, 10), s.subList(20, 30), s.subList(10, 20))),
            CheckOptions.none());
    assertOnlyFails(r, "timestamps-monotonic");
    List<S> dup = new ArrayList<>(s);
    dup.set(7, new S(dup.get(6).timeNanos(), dup.get(7).bytes(), false, null));
    assertOnlyFails(
        check(
            write("dup", VideoCodec.H264, List.of(dup.subList(0, 7), dup.subList(7, 30))),
            CheckOptions.none()),
        "timestamps-monotonic",
        "timestamps-unique");
  }

  @Test
  void codecConstant() throws IOException {
    List<S> s = new ArrayList<>();
    for (S x : clean()) {
      s.add(
          new S(
              x.timeNanos(),
              x.bytes(),
              x.declaredKey(),
              x.timeNanos() > 500_000_000 ? VideoCodec.H265 : VideoCodec.H264));
    }
    Map<String, CheckResult> r = check(write("codec", null, List.of(s)), CheckOptions.none());
    assertThat(r.get("codec-constant").status()).isEqualTo(CheckResult.Status.FAIL);
  }

  @Test
  void resolutionConstant() throws IOException {
    List<S> s = new ArrayList<>(clean());
    AccessUnitReader r =
        AccessUnitReader.open(
            new ByteArrayInputStream(TestData.bytes("realworld/mp4ff_4pics.264")),
            VideoCodec.H264,
            "4pics");
    long t = s.get(29).timeNanos();
    while (r.next()) {
      t += 33_333_333;
      s.add(new S(t, Arrays.copyOf(r.unit(), r.unitSize()), r.index() == 0, null));
    }
    Map<String, CheckResult> res =
        check(write("res", VideoCodec.H264, List.of(s)), CheckOptions.none());
    assertOnlyFails(res, "resolution-constant");
    assertThat(res.get("resolution-constant").message()).contains("160x120").contains("1920x1080");
  }

  @Test
  void annexbFraming() throws IOException {
    List<S> s = new ArrayList<>();
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("mp4/h264_base.mp4"))) {
      var t = d.videoTrack();
      for (int i = 0; i < t.sampleTable().size(); i++) {
        byte[] b = new byte[t.sampleTable().sizeBytes(i)];
        t.readSample(i, b);
        s.add(new S(t.sampleTable().ptsNanos(i), b, t.sampleTable().isKeyframe(i), null));
      }
    }
    Map<String, CheckResult> r =
        check(write("avcc", VideoCodec.H264, List.of(s)), CheckOptions.none());
    assertThat(r.get("annexb-framing").status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.get("annexb-framing").violations()).isEqualTo(30);
  }

  @Test
  void expectations() throws IOException {
    Path clean = write("exp", VideoCodec.H264, List.of(clean()));
    assertOnlyFails(
        check(clean, CheckOptions.builder().expectCodec("h265").build()), "expect-codec");
    assertOnlyFails(check(clean, CheckOptions.builder().maxGopFrames(5).build()), "max-gop");
    assertOnlyFails(check(clean, CheckOptions.builder().minFps(60).build()), "min-fps");
    assertOnlyFails(check(clean, CheckOptions.builder().maxFps(10).build()), "max-fps");
    assertOnlyFails(check(clean, CheckOptions.builder().frames(29).build()), "frames");
    assertOnlyFails(
        check(
            TestData.path("mp4/h264_vfr.mp4"),
            CheckOptions.builder().maxGapNanos(40_000_000).build()),
        "max-gap");
    Map<String, CheckResult> b =
        check(
            TestData.path("mp4/h264_bframes.mp4"), CheckOptions.builder().noBFrames(true).build());
    assertOnlyFails(b, "no-bframes");
  }

  /** Removes the NAL units of the given types from an Annex B access unit. */
  static byte[] dropNalTypes(byte[] au, int... types) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    var c = new dev.rrdvideo.media.bitstream.AnnexB.Cursor().reset(au, 0, au.length);
    outer:
    while (c.next()) {
      int t = au[c.start()] & 0x1F;
      for (int x : types) {
        if (t == x) {
          continue outer;
        }
      }
      out.writeBytes(new byte[] {0, 0, 0, 1});
      out.write(au, c.start(), c.length());
    }
    return out.toByteArray();
  }
}
