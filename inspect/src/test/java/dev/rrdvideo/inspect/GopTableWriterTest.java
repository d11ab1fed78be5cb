package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.Csv;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GopTableWriter} on every generated MP4: one row per GOP of ffprobe's packet table, with
 * its start sample, start time, frame count, bytes and presentation span ({@link ExpectedGops}),
 * the same in CSV and JSON Lines.
 */
class GopTableWriterTest {
  static byte[] gops(String fixture, TableFormat format) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GopTableWriter w = new GopTableWriter(format, bos)) {
      SampleScanner.scan(TestData.path(fixture), ScanOptions.defaults(), w);
    }
    return bos.toByteArray();
  }

  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedMp4")
  void oneRowPerGopOfTheFfprobeTable(String fixture) throws IOException {
    Ffprobe ff = Ffprobe.video(fixture);
    Timescale tb = Timescale.of(ff.ticksPerSecond());
    List<ExpectedGops> expected = ExpectedGops.of(ff);
    assertThat(expected.get(0).startIndex()).as("the fixture starts with a keyframe").isZero();
    String[] csv = new String(gops(fixture, TableFormat.CSV), StandardCharsets.UTF_8).split("\n");
    String[] jsonl =
        new String(gops(fixture, TableFormat.JSONL), StandardCharsets.UTF_8).split("\n");
    assertThat(csv).hasSize(expected.size() + 1);
    assertThat(jsonl).hasSize(expected.size());
    String[] h = Csv.line(csv[0]);
    assertThat(h)
        .containsExactly(
            "entity",
            "timeline",
            "gop_index",
            "start_sample",
            "start_pts",
            "start_pts_ns",
            "frames",
            "duration_ns",
            "size_bytes",
            "keyframe_kind");
    Set<String> kinds =
        switch (ff.codecName()) {
          case "h264" -> Set.of("idr"); // x264's keyframes are IDR pictures (closed GOPs)
          case "hevc" -> Set.of("idr", "cra"); // x265 opens GOPs with CRA pictures
          default -> Set.of("key");
        };
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < expected.size(); i++) {
      ExpectedGops g = expected.get(i);
      String[] r = Csv.line(csv[i + 1]);
      String at = fixture + " GOP " + i;
      assertThat(r[0]).isEqualTo(fixture.substring(fixture.lastIndexOf('/') + 1));
      assertThat(Long.parseLong(r[2])).as(at).isEqualTo(i);
      assertThat(Long.parseLong(r[3])).as(at + " start").isEqualTo(g.startIndex());
      assertThat(Long.parseLong(r[4])).as(at + " start pts").isEqualTo(g.startPtsTicks());
      assertThat(Long.parseLong(r[5]))
          .as(at + " start ns")
          .isEqualTo(tb.toNanos(g.startPtsTicks()));
      assertThat(Long.parseLong(r[6])).as(at + " frames").isEqualTo(g.frames());
      assertThat(Long.parseLong(r[7])).as(at + " duration").isEqualTo(g.durationNanos());
      assertThat(Long.parseLong(r[8])).as(at + " bytes").isEqualTo(g.sizeBytes());
      assertThat(r[9]).as(at + " kind").isIn(kinds);
      // the same row in JSON Lines
      JsonNode j = json.readTree(jsonl[i]);
      for (int c = 0; c < h.length; c++) {
        assertThat(j.get(h[c]).asText()).as("%s %s", at, h[c]).isEqualTo(r[c]);
      }
    }
  }
}
