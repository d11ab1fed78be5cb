package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way out the B-frame refusal recommends, end to end through the real launcher: {@code convert
 * bf.mp4 a.rrd --mode asset}, then {@code inspect --summary}, {@code check} and {@code diff} on the
 * result. The expected numbers are ffprobe's (testdata {@code expected/h264_bframes.mp4.*}): 30
 * packets, 2 keyframes, 160x120, 30 fps.
 */
class AssetVideoIT {
  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() throws Exception {
    rrdvideo = new Launcher(dir, tmp);
    Files.copy(TestData.path("mp4/h264_bframes.mp4"), dir.resolve("bf.mp4"));
  }

  @Test
  void anAssetMadeFromABFrameMp4IsInspectedCheckedAndEqualToIt() throws Exception {
    Launcher.Result refused = rrdvideo.run("convert", "bf.mp4", "s.rrd");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(refused.stderr()).contains("--mode asset");

    Launcher.Result convert = rrdvideo.run("convert", "bf.mp4", "a.rrd", "--mode", "asset");
    assertThat(convert.exitCode()).as(convert.stderr()).isZero();

    Launcher.Result summary = rrdvideo.run("inspect", "a.rrd", "--summary");
    assertThat(summary.exitCode()).as(summary.stderr()).isZero();
    assertThat(summary.stderr()).doesNotContain("no video streams");
    assertThat(summary.out())
        .contains("/bf.mp4 (timeline AssetVideo track 1)")
        .contains("codec        h264")
        .contains("resolution   160x120")
        .contains("frames       30")
        .contains("frame rate   30.000 mean, interval 0.033333 s .. 0.033333 s")
        .contains("keyframes    2 declared, 2 by bitstream")
        .contains("B-frames     yes")
        .contains("references   30 VideoFrameReference rows from /bf.mp4, timeline video")
        .contains("; 30 resolve to a frame");

    Launcher.Result check = rrdvideo.run("check", "a.rrd");
    assertThat(check.exitCode()).as(check.out() + check.stderr()).isZero();
    assertThat(check.out())
        .containsPattern("ok +frame-references-resolve +/bf.mp4: ok")
        .contains("a.rrd: all checks passed");

    Launcher.Result diff = rrdvideo.run("diff", "bf.mp4", "a.rrd");
    assertThat(diff.exitCode()).as(diff.out() + diff.stderr()).isZero();
    assertThat(diff.out())
        .isEqualTo(
            "samples      30 vs 30\n"
                + "codec        h264 vs h264\n"
                + "times        0 differ (B starts 0 ns after A)\n"
                + "keyframes    0 differ\n"
                + "payloads     0 differ\n"
                + "equal\n");

    Launcher.Result verify = rrdvideo.run("verify", "a.rrd", "--strict");
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("1 AssetVideo blob, 30 frame references");

    // and the MP4 comes back out byte for byte
    Launcher.Result back = rrdvideo.run("convert", "a.rrd", "back.mp4");
    assertThat(back.exitCode()).as(back.stderr()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("back.mp4")))
        .isEqualTo(Files.readAllBytes(dir.resolve("bf.mp4")));
  }
}
