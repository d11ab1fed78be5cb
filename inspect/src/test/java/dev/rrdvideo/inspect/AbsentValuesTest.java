package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.TestRecordings.Entity;
import dev.rrdvideo.inspect.TestRecordings.S;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import dev.rrdvideo.testdata.Csv;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, defect 13: absent values are absent in every output (empty CSV cell, JSON null, pretty
 * and text "-" or the phrase left out), never a placeholder number; GOP statistics count every GOP
 * the same way for minimum, maximum and mean. All inputs are real encoded samples.
 */
class AbsentValuesTest {
  @TempDir static Path dir;

  /** The 30 access units of annexb/h264.h264 (160x120, keyframes at 0, 10, 20). */
  static List<byte[]> h264;

  @BeforeAll
  static void load() throws IOException {
    h264 = TestRecordings.units("annexb/h264.h264", VideoCodec.H264);
    assertThat(h264).hasSize(30);
  }

  /** Writes access units [from, to) of annexb/h264.h264 as a raw .h264 file. */
  static Path raw(String name, int from, int to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      out.writeBytes(h264.get(i));
    }
    Path p = dir.resolve(name + ".h264");
    Files.write(p, out.toByteArray());
    return p;
  }

  static void scan(Path p, SampleListener l) throws IOException {
    SampleScanner.scan(p, ScanOptions.defaults(), l);
  }

  static VideoSummary.StreamSummary summary(Path p) throws IOException {
    VideoSummary s = new VideoSummary();
    scan(p, s);
    return s.streams().get(0);
  }

  static String summaryText(Path p) throws IOException {
    VideoSummary s = new VideoSummary();
    scan(p, s);
    StringWriter w = new StringWriter();
    Reports.summaryText(s.streams(), new PrintWriter(w));
    return w.toString();
  }

  static JsonNode summaryJson(Path p) throws IOException {
    VideoSummary s = new VideoSummary();
    scan(p, s);
    StringWriter w = new StringWriter();
    Reports.summaryJson(s.streams(), w);
    return new ObjectMapper().readTree(w.toString()).get("streams").get(0);
  }

  static String table(Path p, TableFormat f, boolean gops) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    if (gops) {
      try (GopTableWriter w = new GopTableWriter(f, bos)) {
        scan(p, w);
      }
    } else {
      try (SampleTableWriter w = new SampleTableWriter(f, false, bos)) {
        scan(p, w);
      }
    }
    return bos.toString(StandardCharsets.UTF_8);
  }

  /** GOP lengths 10, 10, 7: the last GOP is short. */
  @Test
  void gopStatisticsCountEveryGopAlike() throws IOException {
    Path p = raw("short-last-gop", 0, 27);
    VideoSummary.StreamSummary s = summary(p);
    // from the GOP table: one row per GOP
    String[] rows = table(p, TableFormat.CSV, true).split("\n");
    String[] h = rows[0].split(",");
    List<Long> lengths = new ArrayList<>();
    for (int i = 1; i < rows.length; i++) {
      lengths.add(Long.parseLong(rows[i].split(",")[InspectMediaTest.col(h, "frames")]));
    }
    assertThat(lengths).containsExactly(10L, 10L, 7L);
    assertThat(s.gops()).isEqualTo(3);
    assertThat(s.minGopFrames()).isEqualTo(7);
    assertThat(s.maxGopFrames()).isEqualTo(10);
    assertThat(s.meanGopFrames()).isEqualTo(27 / 3.0);
    assertThat(summaryText(p)).contains("GOPs         3, length 7 .. 10 (mean 9.000)");
  }

  /** Access units 5..29: five samples before the first keyframe, then GOPs of 10 and 10. */
  @Test
  void samplesBeforeTheFirstKeyframeBelongToNoGop() throws Exception {
    Path p = raw("leading", 5, 30);
    VideoSummary.StreamSummary s = summary(p);
    assertThat(s.gops()).isEqualTo(2);
    assertThat(s.minGopFrames()).isEqualTo(10);
    assertThat(s.maxGopFrames()).isEqualTo(10);
    assertThat(s.meanGopFrames()).isEqualTo(10.0);

    String[] csv = table(p, TableFormat.CSV, false).split("\n");
    int gopCol = InspectMediaTest.col(csv[0].split(",", -1), "gop_index");
    for (int i = 1; i <= 25; i++) {
      String cell = Csv.line(csv[i])[gopCol];
      assertThat(cell).as("row %d", i).isEqualTo(i <= 5 ? "" : i <= 15 ? "0" : "1");
    }
    String[] jsonl = table(p, TableFormat.JSONL, false).split("\n");
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(jsonl[0]).get("gop_index").isNull()).isTrue();
    assertThat(m.readTree(jsonl[5]).get("gop_index").asLong()).isZero();
    String[] pretty = table(p, TableFormat.PRETTY, false).split("\n");
    List<String> header = List.of(pretty[0].trim().split("\\s+"));
    assertThat(List.of(pretty[1].trim().split("\\s+")).get(header.indexOf("gop_index")))
        .isEqualTo("-");

    ByteArrayOutputStream arrow = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.ARROW, false, arrow)) {
      scan(p, w);
    }
    try (RootAllocator a = new RootAllocator();
        ArrowFileReader r =
            new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(arrow.toByteArray()), a)) {
      assertThat(r.loadNextBatch()).isTrue();
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      BigIntVector gop = (BigIntVector) root.getVector("gop_index");
      assertThat(gop.isNull(4)).isTrue();
      assertThat(gop.get(5)).isZero();
    }

    // max-gop on the samples before the first keyframe: no "GOP -1"
    VideoChecker c = new VideoChecker(CheckOptions.builder().maxGopFrames(3).build());
    scan(p, c);
    CheckResult maxGop =
        c.results().stream().filter(r -> r.rule() == CheckRule.MAX_GOP).findFirst().orElseThrow();
    assertThat(maxGop.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(maxGop.message())
        .startsWith("5 samples before the first keyframe, expected at most 3")
        .doesNotContain("-1");
    assertThat(maxGop.firstSample()).isZero();

    String[] gops = table(p, TableFormat.CSV, true).split("\n");
    String[] gh = gops[0].split(",", -1);
    String[] first = Csv.line(gops[1]);
    assertThat(first[InspectMediaTest.col(gh, "gop_index")]).isEmpty();
    assertThat(first[InspectMediaTest.col(gh, "keyframe_kind")]).isEqualTo("none");
    assertThat(first[InspectMediaTest.col(gh, "frames")]).isEqualTo("5");
  }

  /** No keyframe at all: no GOP length, in text and JSON. */
  @Test
  void noGopMeansNoGopLength() throws IOException {
    Path p = raw("no-keyframe", 1, 10);
    String text = summaryText(p);
    assertThat(text).contains("GOPs         0, length - .. - (mean -)");
    assertThat(text).doesNotContain("-1");
    JsonNode j = summaryJson(p);
    assertThat(j.get("gops").asLong()).isZero();
    assertThat(j.get("gop_min_frames").isNull()).isTrue();
    assertThat(j.get("gop_max_frames").isNull()).isTrue();
    assertThat(j.get("gop_mean_frames").isNull()).isTrue();
    // a raw stream has no times
    assertThat(j.get("fps_mean").isNull()).isTrue();
    assertThat(j.get("interval_min_ns").isNull()).isTrue();
    assertThat(j.get("duration_ns").isNull()).isTrue();
  }

  /** The B-frames of h264_bframes.mp4, Annex B, logged as a VideoStream at increasing times. */
  static List<S> bFrameSamples() throws IOException {
    List<S> out = new ArrayList<>();
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("mp4/h264_bframes.mp4"))) {
      Mp4Track t = d.videoTrack();
      AvcConfig c = (AvcConfig) t.decoderConfig();
      int n = c.nalLengthSizeBytes();
      for (int i = 0; i < t.sampleTable().size(); i++) {
        byte[] b = new byte[t.sampleTable().sizeBytes(i)];
        t.readSample(i, b);
        ByteArrayOutputStream au = new ByteArrayOutputStream();
        if (t.sampleTable().isKeyframe(i)) {
          for (byte[] ps : c.sequenceParameterSets()) {
            au.writeBytes(new byte[] {0, 0, 0, 1});
            au.writeBytes(ps);
          }
          for (byte[] ps : c.pictureParameterSets()) {
            au.writeBytes(new byte[] {0, 0, 0, 1});
            au.writeBytes(ps);
          }
        }
        for (int p = 0; p + n <= b.length; ) {
          int len = 0;
          for (int k = 0; k < n; k++) {
            len = len << 8 | (b[p + k] & 0xFF);
          }
          au.writeBytes(new byte[] {0, 0, 0, 1});
          au.write(b, p + n, len);
          p += n + len;
        }
        // decode order at 30 fps: the stream has one time per sample, no decode time
        out.add(new S(Math.round(i * 1e9 / 30), au.toByteArray(), null, null));
      }
    }
    return out;
  }

  @Test
  void checkMessagesAndReportsNameNoPlaceholders() throws IOException {
    Path rec =
        TestRecordings.write(
            dir.resolve("bframes.rrd"),
            List.of(new Entity("/cam", VideoCodec.H264, List.of(bFrameSamples()))));
    VideoChecker c =
        new VideoChecker(CheckOptions.builder().minFps(60).noBFrames(true).frames(31).build());
    scan(rec, c);
    Map<CheckRule, CheckResult> byRule = new java.util.EnumMap<>(CheckRule.class);
    c.results().forEach(r -> byRule.put(r.rule(), r));
    // a VideoStream has no decode time: the B-frame message must not invent one
    CheckResult nb = byRule.get(CheckRule.NO_BFRAMES);
    assertThat(nb.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(nb.message()).contains("B-frame").doesNotContain("dts").doesNotContain("-9223");
    // min-fps and frames are about the whole stream: no first sample
    assertThat(byRule.get(CheckRule.MIN_FPS).status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(byRule.get(CheckRule.FRAMES).status()).isEqualTo(CheckResult.Status.FAIL);

    ByteArrayOutputStream junit = new ByteArrayOutputStream();
    Reports.checkJUnit(c.results(), "bframes.rrd", junit);
    String xml = junit.toString(StandardCharsets.UTF_8);
    assertThat(xml).doesNotContain("sample -1").doesNotContain("-9223372036854775808");
    assertThat(xml).contains("1 violation: mean frame rate");
    assertThat(xml).contains("1 violation: 30 samples, expected 31");
    assertThat(xml).containsPattern("\\d+ violations?; first at sample \\d+: sample \\d+ is");

    StringWriter json = new StringWriter();
    Reports.checkJson(c.results(), "bframes.rrd", json);
    for (JsonNode r : new ObjectMapper().readTree(json.toString()).get("results")) {
      assertThat(r.get("first_sample").isNull() || r.get("first_sample").asLong() >= 0)
          .as(r.toString())
          .isTrue();
    }
    StringWriter text = new StringWriter();
    Reports.checkText(c.results(), "bframes.rrd", new PrintWriter(text));
    assertThat(text.toString()).doesNotContain("-9223372036854775808").doesNotContain("-1 ");
  }

  @Test
  void diffReportsWriteNullForWhatWasNotFoundOrNotCompared() throws IOException {
    Path mp4 = TestData.path("mp4/h264_base.mp4");
    Path rrd = dir.resolve("h264_base.rrd");
    TestRecordings.fromMp4(mp4, rrd);
    VideoDiff.Result equal = VideoDiff.compare(mp4, rrd, DiffOptions.defaults());
    assertThat(equal.equal()).isTrue();
    JsonNode j = diffJson(equal);
    assertThat(j.get("first_time_mismatch").isNull()).isTrue();
    assertThat(j.get("first_payload_mismatch").isNull()).isTrue();
    assertThat(j.get("time_offset_ns").asLong()).isZero();
    assertThat(j.get("max_time_difference_ns").asLong()).isZero();

    VideoDiff.Result untimed =
        VideoDiff.compare(TestData.path("annexb/h264.h264"), mp4, DiffOptions.defaults());
    assertThat(untimed.timesCompared()).isFalse();
    JsonNode u = diffJson(untimed);
    assertThat(u.get("times_compared").asBoolean()).isFalse();
    assertThat(u.get("time_offset_ns").isNull()).isTrue();
    assertThat(u.get("max_time_difference_ns").isNull()).isTrue();
    assertThat(u.get("first_time_mismatch").isNull()).isTrue();
    StringWriter t = new StringWriter();
    Reports.diffText(untimed, new PrintWriter(t));
    assertThat(t.toString()).contains("times        not compared").doesNotContain("-1");
  }

  static JsonNode diffJson(VideoDiff.Result r) throws IOException {
    StringWriter w = new StringWriter();
    Reports.diffJson(r, w);
    return new ObjectMapper().readTree(w.toString());
  }

  /**
   * Every output of every input kind: no Long.MIN_VALUE, NaN or Infinity, and no -1 in a field that
   * is not a time (times may be negative: an MP4's first decode time often is).
   */
  @Test
  void noPlaceholderReachesAnyOutput() throws IOException {
    List<Path> inputs =
        List.of(
            raw("all", 0, 30),
            raw("lead", 5, 30),
            raw("nokey", 1, 10),
            TestData.path("mp4/h264_bframes.mp4"),
            TestData.path("mp4/h265_bframes.mp4"),
            TestData.path("obu/av1.obu"),
            TestData.path("ivf/vp9.ivf"),
            TestData.path("rerun/stream_h264.rrd"),
            TestData.path("rerun/stream_av1.rrd"));
    ObjectMapper m = new ObjectMapper();
    for (Path p : inputs) {
      List<String> outputs = new ArrayList<>();
      for (TableFormat f : List.of(TableFormat.PRETTY, TableFormat.CSV, TableFormat.JSONL)) {
        outputs.add(table(p, f, false));
        outputs.add(table(p, f, true));
      }
      outputs.add(summaryText(p));
      VideoChecker c =
          new VideoChecker(
              CheckOptions.builder()
                  .expectCodec("vp8")
                  .maxGopFrames(3)
                  .minFps(100)
                  .maxFps(1)
                  .noBFrames(true)
                  .maxGapNanos(1)
                  .frames(1)
                  .build());
      scan(p, c);
      StringWriter text = new StringWriter();
      Reports.checkText(c.results(), "x", new PrintWriter(text));
      outputs.add(text.toString());
      ByteArrayOutputStream junit = new ByteArrayOutputStream();
      Reports.checkJUnit(c.results(), "x", junit);
      outputs.add(junit.toString(StandardCharsets.UTF_8));
      StringWriter cj = new StringWriter();
      Reports.checkJson(c.results(), "x", cj);
      outputs.add(cj.toString());
      for (String o : outputs) {
        assertThat(o)
            .as("%s", p.getFileName())
            .doesNotContain("9223372036854775808")
            .doesNotContain("NaN")
            .doesNotContain("Infinity")
            .doesNotContain("sample -1")
            .doesNotContain("length -1");
      }
      for (String line : table(p, TableFormat.JSONL, false).split("\n")) {
        assertNoMinusOne(m.readTree(line), p);
      }
      for (String line : table(p, TableFormat.JSONL, true).split("\n")) {
        assertNoMinusOne(m.readTree(line), p);
      }
      assertNoMinusOne(summaryJson(p), p);
      assertNoMinusOne(m.readTree(cj.toString()), p);
    }
  }

  static void assertNoMinusOne(JsonNode n, Path p) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        String k = e.getKey();
        boolean time = k.endsWith("_ns") || k.equals("pts") || k.equals("start_pts");
        if (!time && e.getValue().isNumber()) {
          assertThat(e.getValue().asLong())
              .as("%s %s in %s", p.getFileName(), k, n)
              .isNotEqualTo(-1);
        }
        assertNoMinusOne(e.getValue(), p);
      }
    } else if (n.isArray()) {
      n.forEach(x -> assertNoMinusOne(x, p));
    }
  }
}
