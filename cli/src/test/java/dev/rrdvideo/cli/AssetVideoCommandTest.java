package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recordings with {@code AssetVideo} (what Rerun's own MP4 import writes) through inspect, check,
 * diff and verify. Before issue 8: {@code inspect --summary} said "no video streams", {@code check}
 * exited 6 and {@code diff} said "samples 30 vs 0 ... DIFFERENT".
 */
class AssetVideoCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "rerun/asset_h264_nobf.rrd, rerun/asset_h264_nobf.mp4, /asset_h264_nobf.mp4, 2.000000 s",
    "rerun/older/v0.26.2_asset_h264_nobf.rrd, rerun/asset_h264_nobf.mp4, /asset_h264_nobf.mp4,"
        + " 2.000000 s",
    "rerun/resaved-0.24.1/asset_h264.rrd, mp4/h264_base.mp4, /h264_base.mp4, 1.000000 s"
  })
  void rerunWrittenAssetsAreInspectedCheckedAndEqualToTheirSource(
      String rrd, String mp4, String entity, String duration) {
    String file = TestData.path(rrd).toString();
    CliRunner.Result summary = CliRunner.run("inspect", file, "--summary");
    assertThat(summary.exitCode()).as(summary.err()).isZero();
    assertThat(summary.err()).doesNotContain("no video streams");
    assertThat(summary.out())
        .contains(entity + " (timeline AssetVideo track 1)")
        .contains("codec        h264")
        .contains("resolution   160x120")
        .contains("frames       30")
        .contains("duration     " + duration)
        .contains("references   30 VideoFrameReference rows from " + entity + ", timeline video")
        .contains("; 30 resolve to a frame");

    CliRunner.Result check = CliRunner.run("check", file);
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(check.out())
        .containsPattern("ok +frame-references-resolve +" + entity + ": ok")
        .contains("all checks passed");

    CliRunner.Result diff = CliRunner.run("diff", TestData.path(mp4).toString(), file);
    assertThat(diff.exitCode()).as(diff.out()).isZero();
    assertThat(diff.out()).contains("samples      30 vs 30").contains("payloads     0 differ");
    assertThat(diff.out().strip()).endsWith("equal");

    CliRunner.Result verify = CliRunner.run("verify", file);
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("0 video samples, 1 AssetVideo blob, 30 frame references");

    CliRunner.Result refs = CliRunner.run("inspect", file, "--references", "--format", "csv");
    assertThat(refs.exitCode()).as(refs.err()).isZero();
    List<String> lines = refs.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "entity,video,timeline,time,video_timestamp_ns,video_ticks,status,frame,sample_index,"
                + "frame_pts_ticks,chunk_id");
    assertThat(lines).hasSize(31);
    assertThat(lines.subList(1, 31))
        .allMatch(l -> l.startsWith(entity + "," + entity + ",video,") && l.contains(",frame,"));
  }

  @Test
  void bFramesInAnAssetAreFine() {
    Path asset = dir.resolve("bf.rrd");
    String mp4 = TestData.path("mp4/h264_bframes.mp4").toString();
    CliRunner.Result c = CliRunner.run("convert", mp4, asset.toString(), "--mode", "asset");
    assertThat(c.exitCode()).as(c.err()).isZero();
    CliRunner.Result check = CliRunner.run("check", asset.toString(), "--format", "json");
    assertThat(check.exitCode()).as(check.out()).isZero();
    assertThat(check.out()).contains("\"rule\" : \"frame-references-resolve\"");
    CliRunner.Result noB = CliRunner.run("check", asset.toString(), "--no-bframes");
    assertThat(noB.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    assertThat(noB.out()).containsPattern("FAIL +no-bframes");
    CliRunner.Result diff = CliRunner.run("diff", mp4, asset.toString());
    assertThat(diff.exitCode()).as(diff.out()).isZero();
    CliRunner.Result json =
        CliRunner.run("inspect", asset.toString(), "--summary", "--format", "json");
    assertThat(json.out())
        .contains("\"b_frames\" : true")
        .contains("\"frame_references\" : {")
        .contains("\"resolved\" : 30")
        .contains("\"dangling_frame_references\" : null");
  }

  @Test
  void referencesOffTheFramesFailTheCheck() throws Exception {
    byte[] blob = TestData.bytes("rerun/asset_h264_nobf.mp4");
    // the MP4's frames are 1/15 s apart; the third reference is half a frame late, the fourth
    // half a second past the last frame (1.933 s)
    long[] times = {0, 66_666_667, 166_666_667, 2_433_333_333L};
    Path p = Files.write(dir.resolve("off.rrd"), Recordings.assetVideo("/camera", blob, times));
    CliRunner.Result check = CliRunner.run("check", p.toString());
    assertThat(check.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    assertThat(check.out())
        .containsPattern("FAIL +frame-references-resolve +/camera: VideoFrameReference /camera")
        .contains("between frames: the viewer shows frame 2")
        .contains("(and 1 more of 4 references)");
    CliRunner.Result refs =
        CliRunner.run("inspect", p.toString(), "--references", "--format", "csv");
    assertThat(refs.out().lines().skip(1).map(l -> l.split(",")[6]).toList())
        .containsExactly("frame", "frame", "between-frames", "past-last-frame");
    CliRunner.Result summary = CliRunner.run("inspect", p.toString(), "--summary");
    assertThat(summary.out())
        .contains("2 resolve to a frame, 1 between frames, 1 past the last frame");
  }

  @Test
  void summaryGopsAndReferencesAreAlternatives() {
    String file = TestData.path("rerun/asset_h264_nobf.rrd").toString();
    CliRunner.Result r = CliRunner.run("inspect", file, "--summary", "--references");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--summary, --gops and --references are alternatives");
  }
}
