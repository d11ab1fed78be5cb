package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --rerun-version} on the commands that write recordings: the header stamp of the output,
 * refusals of codecs the release lacks (exit 4, no output), the way out ({@code --mode asset}), and
 * usage errors for versions outside 0.24 to 0.36.
 */
class RerunVersionCommandTest {
  @TempDir Path dir;

  private static byte[] headerVersion(Path rrd) throws Exception {
    return Arrays.copyOfRange(Files.readAllBytes(rrd), 4, 8);
  }

  private void assertNoOutputLeft(Path out) throws Exception {
    assertThat(out).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".partial"))).isEmpty();
    }
  }

  private static void assertVerifiesStrictly(Path rrd) {
    CliRunner.Result v = CliRunner.run("verify", "--strict", rrd.toString());
    assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.24", "0.26", "0.31", "0.33"})
  void demoWritesForTheRelease(String version) throws Exception {
    Path out = dir.resolve("d.rrd");
    CliRunner.Result r =
        CliRunner.run("demo", "-o", out.toString(), "--seconds", "1", "--rerun-version", version);
    assertThat(r.exitCode()).as(r.err()).isZero();
    int minor = Integer.parseInt(version.substring(2));
    assertThat(headerVersion(out)).containsExactly(0, minor, 0, 0);
    assertVerifiesStrictly(out);
    CliRunner.Result p = CliRunner.run("print", out.toString());
    assertThat(p.out()).contains("Rerun " + version + ".0").contains("version=" + version + ".0");
  }

  @ParameterizedTest(name = "{1} to Rerun {0}")
  @CsvSource({
    "0.24, mp4/h265_hvc1.mp4, H265, 0.25",
    "0.27, mp4/av1.mp4, AV1, 0.28",
    "0.31, mp4/vp9.mp4, VP9, 0.32"
  })
  void aStreamCodecTheReleaseLacksIsRefusedAndAssetModeIsTheWayOut(
      String version, String input, String codec, String first) throws Exception {
    Path out = dir.resolve("v.rrd");
    CliRunner.Result r =
        CliRunner.run(
            "convert", TestData.path(input).toString(), out.toString(), "--rerun-version", version);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(r.err())
        .startsWith("error: a VideoStream of codec " + codec)
        .contains("Rerun " + version)
        .contains("it arrived in Rerun " + first)
        .contains("--mode asset");
    assertNoOutputLeft(out);

    CliRunner.Result a =
        CliRunner.run(
            "convert",
            TestData.path(input).toString(),
            out.toString(),
            "--rerun-version",
            version,
            "--mode",
            "asset");
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(headerVersion(out)).containsExactly(0, Integer.parseInt(version.substring(2)), 0, 0);
    assertVerifiesStrictly(out);
  }

  @Test
  void rewriteRefusesAStreamTheReleaseCannotPlayAndConvertTurnsItIntoAnAsset() throws Exception {
    Path av1 = dir.resolve("av1.rrd");
    assertThat(
            CliRunner.run("convert", TestData.path("mp4/av1.mp4").toString(), av1.toString())
                .exitCode())
        .isZero();
    Path old = dir.resolve("old.rrd");
    CliRunner.Result r =
        CliRunner.run("rewrite", av1.toString(), old.toString(), "--rerun-version", "0.27");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(r.err()).contains("AV1").contains("--mode asset");
    assertNoOutputLeft(old);
    CliRunner.Result c =
        CliRunner.run(
            "convert",
            av1.toString(),
            old.toString(),
            "--mode",
            "asset",
            "--rerun-version",
            "0.27");
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(headerVersion(old)).containsExactly(0, 27, 0, 0);
    assertVerifiesStrictly(old);
  }

  @Test
  void rewriteStampsTheReleaseAndStampVersionIsAnAlias() throws Exception {
    String in = TestData.path("rerun/stream_h264.rrd").toString();
    Path a = dir.resolve("a.rrd");
    Path b = dir.resolve("b.rrd");
    assertThat(CliRunner.run("rewrite", in, a.toString(), "--rerun-version", "0.26.2").exitCode())
        .isZero();
    assertThat(CliRunner.run("rewrite", in, b.toString(), "--stamp-version", "0.26.2").exitCode())
        .isZero();
    assertThat(headerVersion(a)).containsExactly(0, 26, 2, 0);
    assertThat(headerVersion(b)).containsExactly(0, 26, 2, 0);
    assertThat(CliRunner.run("print", a.toString()).out()).contains("version=0.26.2");
    assertVerifiesStrictly(a);
    CliRunner.Result both =
        CliRunner.run(
            "rewrite", in, a.toString(), "--stamp-version", "0.26", "--rerun-version", "0.26");
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRunner.run("rewrite", "--help").out()).doesNotContain("--stamp-version");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.23", "0.37", "1.0", "latest", "0.33.0-rc.1"})
  void versionsOutsideTheRangeAreUsageErrors(String version) throws Exception {
    Path out = dir.resolve("x.rrd");
    for (String[] args :
        new String[][] {
          {"demo", "-o", out.toString(), "--rerun-version", version},
          {
            "convert",
            TestData.path("mp4/h264_base.mp4").toString(),
            out.toString(),
            "--rerun-version",
            version
          },
          {
            "rewrite",
            TestData.path("rerun/stream_h264.rrd").toString(),
            out.toString(),
            "--rerun-version",
            version
          }
        }) {
      CliRunner.Result r = CliRunner.run(args);
      assertThat(r.exitCode()).as(args[0]).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).as(args[0]).contains("--rerun-version").contains("0.24 to 0.36");
      assertNoOutputLeft(out);
    }
  }

  @Test
  void onlyRecordingOutputsTakeAVersion() throws Exception {
    Path out = dir.resolve("x.mp4");
    CliRunner.Result r =
        CliRunner.run(
            "convert",
            TestData.path("rerun/stream_h264.rrd").toString(),
            out.toString(),
            "--rerun-version",
            "0.26");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("--rerun-version does not apply here: it shapes the recording written");
    assertNoOutputLeft(out);
  }
}
