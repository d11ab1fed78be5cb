package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs as users give them, through the real launcher: stdin with {@code --from}, names that never
 * leak temporary files, damaged recordings (exit 3, or {@code --salvage}), bad options (exit 2) and
 * bad side files (exit 3 with file and line).
 */
class InputHandlingIT {
  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() throws Exception {
    rrdvideo = new Launcher(dir, tmp);
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("clip.mp4"));
    Files.copy(TestData.path("annexb/h264.h264"), dir.resolve("clip.h264"));
  }

  @Test
  void stdinInputsAreNamedStablyAndNeedNoTemporaryNames() throws Exception {
    Launcher.Result c = rrdvideo.sh("\"$RRDVIDEO\" convert - a.rrd --from mp4 < clip.mp4");
    assertThat(c.exitCode()).as(c.stderr()).isZero();
    assertThat(c.stderr()).contains("to /video in a.rrd");
    Launcher.Result p = rrdvideo.run("print", "a.rrd");
    assertThat(p.out()).contains(" /video ").doesNotContain("rrdvideo-stdin");
    Launcher.Result raw = rrdvideo.sh("\"$RRDVIDEO\" convert - b.rrd --from h264 < clip.h264");
    assertThat(raw.exitCode()).as(raw.stderr()).isZero();
    assertThat(raw.stderr()).contains("to /video in b.rrd");
    Launcher.Result i =
        rrdvideo.sh(
            "\"$RRDVIDEO\" inspect - --from mp4 --format csv < clip.mp4 | cut -d, -f1 | sort -u");
    assertThat(i.out()).isEqualTo("<stdin>\nentity\n");
    assertThat(Launcher.list(tmp)).isEmpty();
  }

  @Test
  void checkReadsARawStreamFromStdin() throws Exception {
    Launcher.Result r =
        rrdvideo.sh("cat clip.h264 | \"$RRDVIDEO\" check - --from h264 --max-gop 10");
    assertThat(r.exitCode()).as(r.out() + r.stderr()).isZero();
    assertThat(r.out()).contains("<stdin>: all checks passed");
    Launcher.Result bad = rrdvideo.sh("\"$RRDVIDEO\" check - --from mkv < clip.h264");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.stderr()).startsWith("error: --from must be");
  }

  @Test
  void aTruncatedRecordingFailsUnlessSalvaged() throws Exception {
    assertThat(rrdvideo.run("demo", "-o", "whole.rrd").exitCode()).isZero();
    byte[] whole = Files.readAllBytes(dir.resolve("whole.rrd"));
    Files.write(dir.resolve("half.rrd"), Arrays.copyOf(whole, whole.length / 2));

    Launcher.Result check = rrdvideo.run("check", "half.rrd");
    assertThat(check.exitCode()).as(check.out()).isEqualTo(ExitCode.MALFORMED);
    assertThat(check.out()).doesNotContain("passed");
    assertThat(check.stderr())
        .startsWith("error: truncated")
        .contains("at offset")
        .contains("half.rrd");

    Launcher.Result inspect = rrdvideo.run("inspect", "half.rrd", "--format", "csv");
    assertThat(inspect.exitCode()).isEqualTo(ExitCode.MALFORMED);

    Launcher.Result print = rrdvideo.run("print", "half.rrd");
    assertThat(print.exitCode()).isEqualTo(ExitCode.MALFORMED);

    for (String out : new String[] {"half.mp4", "half.h264", "copy.rrd"}) {
      Launcher.Result convert =
          out.endsWith(".rrd")
              ? rrdvideo.run("convert", "half.rrd", out, "--mode", "stream")
              : rrdvideo.run("convert", "half.rrd", out);
      assertThat(convert.exitCode())
          .as(out + ": " + convert.stderr())
          .isEqualTo(ExitCode.MALFORMED);
      assertThat(convert.stderr()).startsWith("error: truncated");
      assertThat(Launcher.list(dir)).doesNotContain(out);
    }
    Launcher.Result salvaged = rrdvideo.run("convert", "half.rrd", "half.mp4", "--salvage");
    assertThat(salvaged.exitCode()).as(salvaged.stderr()).isZero();
    assertThat(salvaged.stderr())
        .containsPattern("converted \\d+ h264 sample")
        .contains("salvaged half.rrd");
    assertThat(rrdvideo.run("inspect", "half.mp4", "--summary").exitCode()).isZero();

    Launcher.Result salvage = rrdvideo.run("inspect", "half.rrd", "--format", "csv", "--salvage");
    assertThat(salvage.exitCode()).as(salvage.stderr()).isZero();
    long rows = salvage.out().lines().count() - 1;
    assertThat(rows).isPositive().isLessThan(120);
    assertThat(salvage.stderr())
        .contains("warning: truncated")
        .containsPattern("salvaged half.rrd: 1 problem; data from offset \\d+ on");
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    for (String fps : new String[] {"0", "-5", "NaN", "1e9"}) {
      Launcher.Result r = rrdvideo.run("convert", "clip.h264", "o.rrd", "--fps", fps);
      assertThat(r.exitCode()).as(fps + ": " + r.stderr()).isEqualTo(ExitCode.USAGE);
      assertThat(r.stderr()).startsWith("error: --fps must be").doesNotContain("internal");
    }
    Launcher.Result t = rrdvideo.run("convert", "clip.h264", "o.rrd", "--transcode");
    assertThat(t.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(t.stderr())
        .startsWith("error: --transcode does not apply here: it applies to MP4 inputs only");
    assertThat(Launcher.list(dir)).containsExactly("clip.h264", "clip.mp4");
  }

  @Test
  void aBadTimestampsFileIsMalformedInputNamedWithItsLine() throws Exception {
    Files.writeString(dir.resolve("back.txt"), "# times\n0\n33ms\n20ms\n");
    Launcher.Result back =
        rrdvideo.run("convert", "clip.h264", "o.rrd", "--timestamps", "back.txt");
    assertThat(back.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(back.stderr())
        .isEqualTo(
            "error: back.txt line 4: time 20000000 ns is not after 33000000 ns on line 3 (times"
                + " must increase)\n");
    Files.writeString(dir.resolve("junk.txt"), "0\n1s\nsoon\n");
    Launcher.Result junk =
        rrdvideo.run("convert", "clip.h264", "o.rrd", "--timestamps", "junk.txt");
    assertThat(junk.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(junk.stderr()).startsWith("error: junk.txt line 3: not a time: 'soon'");
    assertThat(Launcher.list(dir)).doesNotContain("o.rrd");
  }

  @Test
  void aReportDirectoryIsCreated() throws Exception {
    Launcher.Result r =
        rrdvideo.run("check", "clip.mp4", "--max-gop", "10", "--junit", "reports/video.xml");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(Files.readString(dir.resolve("reports/video.xml"))).contains("<testsuite");
  }

  @Test
  void anAssetVideoWithBFramesGetsAdviceThatFitsARecording() throws Exception {
    Files.copy(TestData.path("mp4/h264_bframes.mp4"), dir.resolve("bf.mp4"));
    assertThat(rrdvideo.run("convert", "bf.mp4", "asset.rrd", "--mode", "asset").exitCode())
        .isZero();
    Launcher.Result stream = rrdvideo.run("convert", "asset.rrd", "stream.rrd", "--mode", "stream");
    assertThat(stream.exitCode()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(stream.stderr())
        .contains("is an AssetVideo whose MP4 has B-frames")
        .contains("rrdvideo convert IN.rrd video.mp4 --entity /bf.mp4")
        .doesNotContain("use --mode asset");
    Launcher.Result transcode =
        rrdvideo.run("convert", "asset.rrd", "stream.rrd", "--mode", "stream", "--transcode");
    assertThat(transcode.exitCode()).isEqualTo(ExitCode.USAGE);
    // the advice works: the exported MP4 is the original, sample for sample
    assertThat(rrdvideo.run("convert", "asset.rrd", "video.mp4", "--entity", "/bf.mp4").exitCode())
        .isZero();
    Launcher.Result d = rrdvideo.run("diff", "bf.mp4", "video.mp4");
    assertThat(d.exitCode()).as(d.out()).isZero();
    assertThat(Launcher.list(dir)).doesNotContain("stream.rrd");
  }

  @Test
  void aRawStreamWithBFramesIsRefusedLikeAnMp4WithBFrames() throws Exception {
    Files.copy(TestData.path("annexb/h264_bf3.h264"), dir.resolve("bf.h264"));
    Launcher.Result r = rrdvideo.run("convert", "bf.h264", "bf.rrd");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(r.stderr()).startsWith("error: the stream has B-frames").contains("at offset");
    assertThat(Launcher.list(dir)).doesNotContain("bf.rrd");
  }

  @Test
  void damagedAnnexBIsSkippedWithAWarningOrRefused() throws Exception {
    byte[] clean = Files.readAllBytes(dir.resolve("clip.h264"));
    byte[] garbage = new byte[1024];
    new java.util.Random(7).nextBytes(garbage);
    for (int i = 0; i + 2 < garbage.length; i++) { // no accidental start code in the garbage
      if (garbage[i] == 0 && garbage[i + 1] == 0) {
        garbage[i + 1] = 1;
        garbage[i] = 7;
      }
    }
    byte[] dirty = new byte[garbage.length + clean.length];
    System.arraycopy(garbage, 0, dirty, 0, garbage.length);
    System.arraycopy(clean, 0, dirty, garbage.length, clean.length);
    Files.write(dir.resolve("dirty.h264"), dirty);
    Launcher.Result c = rrdvideo.run("convert", "dirty.h264", "dirty.rrd");
    assertThat(c.exitCode()).as(c.stderr()).isZero();
    assertThat(c.stderr()).contains("warning: skipped 1024 bytes before the first start code");
    Launcher.Result check = rrdvideo.run("check", "dirty.rrd");
    assertThat(check.exitCode()).as(check.out()).isZero();
    // the samples are those of the clean stream
    assertThat(rrdvideo.run("diff", "clip.h264", "dirty.rrd").exitCode()).isZero();

    Files.write(dir.resolve("none.h264"), garbage);
    Launcher.Result none = rrdvideo.run("convert", "none.h264", "none.rrd");
    assertThat(none.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(none.stderr()).startsWith("error: not an Annex B stream: no start code");
    Launcher.Result summary = rrdvideo.run("inspect", "none.h264", "--summary");
    assertThat(summary.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(summary.out()).doesNotContain("-1");
  }
}
