package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.convert.ConvertInput;
import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ConvertOutput;
import dev.rrdvideo.convert.ConvertResult;
import dev.rrdvideo.convert.Converter;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.DiffOptions;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.inspect.VideoChecker;
import dev.rrdvideo.inspect.VideoDiff;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
    ConvertResult r =
        Converter.convert(
            ConvertInput.file(mp4),
            ConvertOutput.file(rrd),
            ConvertOptions.builder().timeline("video").build());
    assertThat(r.video().samples()).isEqualTo(30);
    assertThat(r.video().keyframes()).isEqualTo(3);
    Converter.convert(ConvertInput.file(rrd), ConvertOutput.file(again), ConvertOptions.defaults());
    assertThat(CliRunner.run("diff", mp4.toString(), again.toString()).exitCode()).isZero();

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    try (SampleTableWriter csv = new SampleTableWriter(TableFormat.CSV, false, table)) {
      SampleScanner.scan(rrd, ScanOptions.defaults(), csv);
    }
    assertThat(table.toString(StandardCharsets.UTF_8).split("\n")).hasSize(31);

    VideoChecker checker = new VideoChecker(CheckOptions.none());
    SampleScanner.scan(
        rrd,
        ScanOptions.builder()
            .entity(EntityPath.parse("/h264_base.mp4"))
            .readOptions(RrdReadOptions.builder().strict(true).build())
            .build(),
        checker);
    assertThat(checker.results()).isNotEmpty();
    for (CheckResult c : checker.results()) {
      assertThat(c.status())
          .as(c.rule().id() + ": " + c.message())
          .isNotEqualTo(CheckResult.Status.FAIL);
    }
    assertThat(checker.passed()).isTrue();

    VideoDiff.Result d = VideoDiff.compare(mp4, rrd, DiffOptions.defaults());
    assertThat(d.equal()).as(d.toString()).isTrue();
  }
}
