package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The convert, inspect, check and diff commands end to end, with their exit codes. */
class ConvertInspectCommandTest {
  @TempDir Path dir;

  private void assertNoOutputLeft(Path out) throws Exception {
    assertThat(out).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".partial"))).isEmpty();
    }
  }

  @Test
  void mp4ToRecordingAndBack() throws Exception {
    Path rrd = dir.resolve("v.rrd");
    CliRunner.Result c =
        CliRunner.run(
            "convert",
            TestData.path("mp4/h265_hvc1.mp4").toString(),
            rrd.toString(),
            "--entity",
            "/camera",
            "--timeline",
            "t");
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(c.err()).contains("converted 30 h265 samples").contains("/camera");
    Path mp4 = dir.resolve("back.mp4");
    assertThat(CliRunner.run("convert", rrd.toString(), mp4.toString()).exitCode()).isZero();
    CliRunner.Result d =
        CliRunner.run("diff", TestData.path("mp4/h265_hvc1.mp4").toString(), mp4.toString());
    assertThat(d.exitCode()).as(d.out()).isZero();
    assertThat(d.out()).contains("equal");
    CliRunner.Result d2 = CliRunner.run("diff", rrd.toString(), mp4.toString());
    assertThat(d2.exitCode()).isZero();
  }

  @Test
  void bFramesAreRefusedWithExitFourAndNoOutput() throws Exception {
    Path out = dir.resolve("b.rrd");
    CliRunner.Result r =
        CliRunner.run("convert", TestData.path("mp4/h264_bframes.mp4").toString(), out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(r.err()).startsWith("error: track 1 has B-frames").contains("--mode asset");
    assertNoOutputLeft(out);
    CliRunner.Result a =
        CliRunner.run(
            "convert",
            TestData.path("mp4/h264_bframes.mp4").toString(),
            out.toString(),
            "--mode",
            "asset");
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(CliRunner.run("verify", out.toString()).exitCode()).isZero();
  }

  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#damagedMp4")
  void damagedMp4IsExitThreeWithBoxPathAndNoOutput(String name) throws Exception {
    Path out = dir.resolve("d.rrd");
    CliRunner.Result r = CliRunner.run("convert", TestData.path(name).toString(), out.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.err()).startsWith("error: ").contains("offset").doesNotContain("\tat ");
    assertNoOutputLeft(out);
  }

  /** A sample whose NAL length prefix runs past its end (a Firefox regression file). */
  @Test
  void brokenSampleInsideAnMp4IsAMalformedInputErrorNamingFileAndSample() throws Exception {
    Path out = dir.resolve("t.csv");
    CliRunner.Result r =
        CliRunner.run(
            "inspect",
            TestData.path("realworld/mp4parse_no_timescale.mp4").toString(),
            "--format",
            "csv",
            "-o",
            out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.err())
        .contains("sample 43")
        .contains("at offset 22027 (0x560b) in mp4parse_no_timescale.mp4");
    assertNoOutputLeft(out);
  }

  @Test
  void rawStreamsImportAndExport() throws Exception {
    Path rrd = dir.resolve("s.rrd");
    assertThat(
            CliRunner.run(
                    "convert",
                    TestData.path("annexb/h264.h264").toString(),
                    rrd.toString(),
                    "--fps",
                    "25")
                .exitCode())
        .isZero();
    Path back = dir.resolve("back.h264");
    Path times = dir.resolve("times.txt");
    assertThat(
            CliRunner.run(
                    "convert",
                    rrd.toString(),
                    back.toString(),
                    "--timestamps-out",
                    times.toString())
                .exitCode())
        .isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(TestData.bytes("annexb/h264.h264"));
    assertThat(Files.readAllLines(times)).hasSize(30).element(1).isEqualTo("40000000");
    // the same times fed back in
    Path again = dir.resolve("again.rrd");
    assertThat(
            CliRunner.run(
                    "convert", back.toString(), again.toString(), "--timestamps", times.toString())
                .exitCode())
        .isZero();
    assertThat(CliRunner.run("diff", rrd.toString(), again.toString()).exitCode()).isZero();
    // an H.264 recording cannot become IVF
    CliRunner.Result ivf =
        CliRunner.run("convert", rrd.toString(), dir.resolve("x.ivf").toString());
    assertThat(ivf.exitCode()).isEqualTo(ExitCode.UNSUPPORTED);
  }

  @Test
  void pipesThroughStdinAndStdoutWithFromAndTo() throws Exception {
    byte[] mp4 = TestData.bytes("mp4/h264_base.mp4");
    CliRunner.Result toRrd = CliRunner.runWithStdin(mp4, "convert", "-", "-", "--from", "mp4");
    assertThat(toRrd.exitCode()).as(toRrd.err()).isEqualTo(ExitCode.USAGE);
    assertThat(toRrd.err()).contains("--to");
    toRrd = CliRunner.runWithStdin(mp4, "convert", "-", "-", "--from", "mp4", "--to", "rrd");
    assertThat(toRrd.exitCode()).as(toRrd.err()).isZero();
    CliRunner.Result back =
        CliRunner.runWithStdin(
            toRrd.stdoutBytes(), "convert", "-", "-", "--from", "rrd", "--to", "mp4");
    assertThat(back.exitCode()).as(back.err()).isZero();
    Path roundTrip = dir.resolve("piped.mp4");
    Files.write(roundTrip, back.stdoutBytes());
    CliRunner.Result diff =
        CliRunner.run("diff", TestData.path("mp4/h264_base.mp4").toString(), roundTrip.toString());
    assertThat(diff.exitCode()).as(diff.out()).isZero();
    assertThat(CliRunner.run("convert", "-", "x.rrd", "--from", "mkv").exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void inspectFormatsAndCheckJunit() throws Exception {
    String mp4 = TestData.path("mp4/h264_base.mp4").toString();
    CliRunner.Result csv = CliRunner.run("inspect", mp4, "--format", "csv");
    assertThat(csv.exitCode()).isZero();
    assertThat(csv.out().split("\n")).hasSize(31);
    CliRunner.Result json = CliRunner.run("inspect", mp4, "--summary", "--format", "json");
    JsonNode s = new ObjectMapper().readTree(json.out()).get("streams").get(0);
    assertThat(s.get("frames").asInt()).isEqualTo(30);
    assertThat(s.get("gops").asInt()).isEqualTo(3);
    assertThat(s.get("fps_mean").asDouble()).isEqualTo(30.0);
    assertThat(s.get("width").asInt()).isEqualTo(160);
    CliRunner.Result gops = CliRunner.run("inspect", mp4, "--gops", "--format", "csv");
    assertThat(gops.out().split("\n")).hasSize(4);
    assertThat(gops.out()).contains(",idr\n");
    Path junit = dir.resolve("check.xml");
    CliRunner.Result ok =
        CliRunner.run("check", mp4, "--max-gop", "10", "--junit", junit.toString());
    assertThat(ok.exitCode()).as(ok.out()).isZero();
    assertThat(Files.readString(junit)).contains("<testsuites").contains("failures=\"0\"");
    // a report file's missing parent directories are created (CI: --junit reports/video.xml)
    Path nested = dir.resolve("reports/ci/r.xml");
    assertThat(CliRunner.run("check", mp4, "--junit", nested.toString()).exitCode()).isZero();
    assertThat(Files.readString(nested)).contains("<testsuites").contains("failures=\"0\"");
    CliRunner.Result bad = CliRunner.run("check", mp4, "--max-gop", "5", "--format", "json");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    JsonNode j = new ObjectMapper().readTree(bad.out());
    assertThat(j.get("passed").asBoolean()).isFalse();
    assertThat(j.toString())
        .contains("\"rule\":\"max-gop\",\"stream\":\"h264_base.mp4\",\"status\":\"fail\"");
    CliRunner.Result malformed =
        CliRunner.run("check", TestData.path("mp4-damaged/no_moov.mp4").toString());
    assertThat(malformed.exitCode()).isEqualTo(ExitCode.MALFORMED);
  }

  @Test
  void arrowOutputIsAnArrowFile() throws Exception {
    Path out = dir.resolve("t.arrow");
    CliRunner.Result r =
        CliRunner.run(
            "inspect",
            TestData.path("rerun/stream_av1.rrd").toString(),
            "--format",
            "arrow",
            "-o",
            out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    byte[] b = Files.readAllBytes(out);
    assertThat(new String(b, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ARROW1");
    assertThat(new String(b, b.length - 6, 6, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("ARROW1");
  }
}
