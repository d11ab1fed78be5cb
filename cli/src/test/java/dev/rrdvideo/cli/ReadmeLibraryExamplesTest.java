package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ConvertResult;
import dev.rrdvideo.convert.Mp4ToRecording;
import dev.rrdvideo.convert.RecordingToMp4;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.inspect.VideoChecker;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Converting and inspecting from Java" code of README.md, run on a real fixture. */
class ReadmeLibraryExamplesTest {
  @TempDir Path dir;

  @Test
  void readmeConvertInspectAndCheckCodeWorks() throws Exception {
    Path mp4 = TestData.path("mp4/h264_base.mp4");
    Path rrd = dir.resolve("clip.rrd");
    Path again = dir.resolve("again.mp4");
    ConvertResult r;
    try (OutputStream out = Files.newOutputStream(rrd)) {
      r = Mp4ToRecording.convert(mp4, out, ConvertOptions.builder().timeline("video").build());
    }
    assertThat(r.samples()).isEqualTo(30);
    assertThat(r.keyframes()).isEqualTo(3);
    try (OutputStream out = Files.newOutputStream(again)) {
      RecordingToMp4.convert(rrd, null, null, 30, out);
    }
    assertThat(CliRunner.run("diff", mp4.toString(), again.toString()).exitCode()).isZero();

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    try (SampleTableWriter csv = new SampleTableWriter(TableFormat.CSV, false, table)) {
      SampleScanner.scan(
          rrd,
          RrdReadOptions.defaults(),
          new ScanOptions(null, null, false, BitstreamAnalyzer::new),
          csv);
    }
    assertThat(table.toString(StandardCharsets.UTF_8).split("\n")).hasSize(31);

    VideoChecker checker = new VideoChecker(CheckOptions.none());
    SampleScanner.scan(
        rrd,
        RrdReadOptions.defaults(),
        new ScanOptions(null, null, false, BitstreamAnalyzer::new),
        checker);
    assertThat(checker.results()).isNotEmpty();
    for (CheckResult c : checker.results()) {
      assertThat(c.status())
          .as(c.rule().id() + ": " + c.message())
          .isNotEqualTo(CheckResult.Status.FAIL);
    }
    assertThat(checker.passed()).isTrue();
  }
}
