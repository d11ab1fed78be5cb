package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many files in one run, through the real launcher: a directory, a {@code @LIST}, a broken file in
 * the middle, {@code -j}, and {@code convert DIR DIR} with its skips and {@code --force}, as
 * docs/cli.md promises them.
 */
class BatchIT {
  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() throws Exception {
    rrdvideo = new Launcher(dir, tmp);
    Files.createDirectories(dir.resolve("fleet/a"));
    Files.createDirectories(dir.resolve("fleet/m"));
    Files.copy(TestData.path("rerun/stream_h264.rrd"), dir.resolve("fleet/a/cam.rrd"));
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("fleet/a/clip.mp4"));
    Files.copy(TestData.path("ivf/vp9.ivf"), dir.resolve("fleet/z.ivf"));
    Files.write(
        dir.resolve("fleet/m/broken.rrd"),
        Arrays.copyOf(TestData.bytes("rerun/stream_h264.rrd"), 20_000));
    Files.writeString(dir.resolve("fleet/notes.txt"), "not a video\n");
  }

  /** {@code inspect FILE ARGS} run alone (the expected rows of a batch), through the launcher. */
  private String single(String file, String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "inspect";
    all[1] = file;
    System.arraycopy(args, 0, all, 2, args.length);
    Launcher.Result r = rrdvideo.run(all);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.out();
  }

  @Test
  void inspectADirectoryWithABrokenFileInTheMiddle() throws Exception {
    Launcher.Result r = rrdvideo.run("inspect", "fleet", "--format", "csv", "-j", "2");
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.stderr())
        .isEqualTo(
            "error: m/broken.rrd: truncated ARROW_MSG message: expected 30368 payload bytes,"
                + " found 13799 (message #4 at offset 6185 (0x1829))\n");
    StringBuilder expected = new StringBuilder();
    for (String f : List.of("a/cam.rrd", "a/clip.mp4", "z.ivf")) {
      List<String> lines = single("fleet/" + f, "--format", "csv").lines().toList();
      if (expected.length() == 0) {
        expected.append("path,").append(lines.get(0)).append('\n');
      }
      lines
          .subList(1, lines.size())
          .forEach(l -> expected.append(f).append(',').append(l).append('\n'));
    }
    assertThat(r.out()).isEqualTo(expected.toString());
    assertThat(rrdvideo.run("inspect", "fleet", "--format", "csv", "-j", "1").stdout())
        .isEqualTo(r.stdout());
    // the summary and the GOPs have the path too
    Launcher.Result gops =
        rrdvideo.run("inspect", "fleet", "--gops", "--format", "csv", "--glob", "*.mp4");
    assertThat(gops.exitCode()).isZero();
    assertThat(gops.out())
        .isEqualTo(
            "path,entity,timeline,gop_index,start_sample,start_pts,start_pts_ns,frames,duration_ns,"
                + "size_bytes,keyframe_kind\n"
                + "a/clip.mp4,clip.mp4,track 1,0,0,0,0,10,333333333,5508,idr\n"
                + "a/clip.mp4,clip.mp4,track 1,1,10,5120,333333333,10,333333333,5150,idr\n"
                + "a/clip.mp4,clip.mp4,track 1,2,20,10240,666666667,10,333333333,5567,idr\n");
  }

  @Test
  void aListNamesFilesRelativeToTheWorkingDirectory() throws Exception {
    Files.createDirectories(dir.resolve("lists"));
    Files.writeString(
        dir.resolve("lists/today.txt"),
        "# today's recordings\nfleet/z.ivf\n\nfleet/a/cam.rrd\nfleet/gone.rrd\n");
    Launcher.Result r =
        rrdvideo.run("inspect", "@lists/today.txt", "--summary", "--format", "json");
    assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(r.stderr()).isEqualTo("error: fleet/gone.rrd: no such file: fleet/gone.rrd\n");
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("{\"path\":\"fleet/a/cam.rrd\",\"streams\":[{\"entity\":\"/camera/video\"");
    assertThat(lines.get(1))
        .startsWith("{\"path\":\"fleet/z.ivf\",\"streams\":[{\"entity\":\"z.ivf\"");
    // stdin is one input on its own
    Launcher.Result dash = rrdvideo.run("inspect", "-", "fleet/z.ivf");
    assertThat(dash.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(dash.stderr())
        .isEqualTo("error: - (stdin) is one input on its own, not one of several inputs\n");
  }

  @Test
  void checkAndVerifyADirectory() throws Exception {
    Launcher.Result c =
        rrdvideo.run("check", "fleet", "--junit", "reports/fleet.xml", "--max-gop", "12");
    assertThat(c.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(c.stderr())
        .isEqualTo(
            "a/cam.rrd: checks FAILED (8 passed, 1 failed, 1 skipped)\n"
                + "a/clip.mp4: all checks passed (9 passed, 0 failed, 1 skipped)\n"
                + "error: m/broken.rrd: truncated ARROW_MSG message: expected 30368 payload bytes,"
                + " found 13799 (message #4 at offset 6185 (0x1829))\n"
                + "z.ivf: checks FAILED (6 passed, 1 failed, 3 skipped)\n"
                + "checked 4 files: 1 passed, 2 failed, 1 unreadable\n");
    String xml = Files.readString(dir.resolve("reports/fleet.xml"));
    assertThat(xml)
        .contains(
            "<testsuites name=\"rrdvideo check\" tests=\"31\" failures=\"2\" errors=\"1\" skipped=\"5\">")
        .contains(
            "<testsuite name=\"m/broken.rrd\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">");
    Launcher.Result v = rrdvideo.run("verify", "fleet", "--quiet");
    assertThat(v.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    assertThat(v.out())
        .contains("m/broken.rrd: error [stream] truncated ARROW_MSG message")
        .contains("m/broken.rrd: FAILED: ");
    assertThat(v.stderr()).isEqualTo("verified 2 files: 1 ok, 1 failed, 0 unreadable\n");
  }

  @Test
  void convertADirectoryIntoAnotherSkippingWhatIsUpToDate() throws Exception {
    Launcher.Result first = rrdvideo.run("convert", "fleet", "out");
    assertThat(first.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(first.stderr())
        .contains("converted 30 h264 samples (2 keyframes) to /camera/video in out/a/cam.mp4\n")
        .contains("error: m/broken.rrd: ")
        .endsWith("4 files: 3 converted, 0 skipped, 1 failed\n");
    assertThat(Launcher.list(dir.resolve("out"))).containsExactly("a", "z.rrd");
    assertThat(Launcher.list(dir.resolve("out/a"))).containsExactly("cam.mp4", "clip.rrd");
    Launcher.Result diff = rrdvideo.run("diff", "fleet/a/clip.mp4", "out/a/clip.rrd");
    assertThat(diff.exitCode()).as(diff.out()).isZero();
    // everything is up to date but the broken file
    Launcher.Result again =
        rrdvideo.sh(
            "touch -d '2020-01-01' fleet/a/* fleet/z.ivf && \"$RRDVIDEO\" convert fleet out -j 1");
    assertThat(again.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(again.stderr())
        .endsWith(
            "4 files: 0 converted, 3 skipped, 1 failed (skipped: outputs newer than their input;"
                + " --force converts them)\n");
    Launcher.Result touched =
        rrdvideo.sh("touch fleet/z.ivf && \"$RRDVIDEO\" convert fleet out --glob '*.ivf'");
    assertThat(touched.exitCode()).isZero();
    assertThat(touched.stderr()).endsWith("1 file: 1 converted, 0 skipped, 0 failed\n");
    Launcher.Result forced = rrdvideo.run("convert", "fleet", "out", "--force", "--glob", "c*");
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.stderr()).endsWith("2 files: 2 converted, 0 skipped, 0 failed\n");
    assertThat(Launcher.list(tmp)).isEmpty();
  }
}
