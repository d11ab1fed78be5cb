package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/cli.md promises a user at the terminal, through the real launcher: options never lie
 * (exit 2 saying why), no arguments and unknown commands are usage errors with help on stderr,
 * every MP4 track can be inspected.
 */
class UsabilityIT {
  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() throws Exception {
    rrdvideo = new Launcher(dir, tmp);
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("clip.mp4"));
    Files.copy(TestData.path("mp4/h264_three_tracks.mp4"), dir.resolve("three.mp4"));
  }

  @Test
  void noArgumentsIsAUsageErrorWithTheHelpOnStderr() throws Exception {
    Launcher.Result r = rrdvideo.run();
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.stderr()).startsWith("Usage: rrdvideo").contains("Commands:");
    assertThat(r.stderr()).isEqualTo(rrdvideo.run("--help").out());
  }

  @Test
  void anUnknownCommandSaysSoWithTheClosestOne() throws Exception {
    Launcher.Result r = rrdvideo.run("inspct", "clip.mp4");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.stderr())
        .isEqualTo(
            "error: unknown command 'inspct' (did you mean 'inspect'?)\nTry 'rrdvideo --help'.\n");
  }

  @Test
  void conflictingOrInapplicableOptionsAreUsageErrorsThatSayWhy() throws Exception {
    Launcher.Result both = rrdvideo.run("inspect", "clip.mp4", "--gops", "--summary");
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(both.out()).isEmpty();
    assertThat(both.stderr())
        .startsWith("error: --summary, --gops and --references are alternatives");
    Launcher.Result entity = rrdvideo.run("inspect", "clip.mp4", "--entity", "/clip");
    assertThat(entity.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(entity.stderr())
        .isEqualTo(
            "error: --entity does not apply here: it chooses an entity of a .rrd recording (the"
                + " input is an MP4)\n");
  }

  @Test
  void everyTrackOfAThreeTrackMp4() throws Exception {
    for (int t = 1; t <= 3; t++) {
      Launcher.Result r =
          rrdvideo.run("inspect", "three.mp4", "--track", Integer.toString(t), "--format", "csv");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.out()).contains(",track " + t + ",");
    }
  }

  @Test
  void aWrongInputIsNamedForWhatItIs() throws Exception {
    Files.copy(TestData.path("rerun/stream_h264.rrd"), dir.resolve("recording.mp4"));
    Launcher.Result r = rrdvideo.run("convert", "recording.mp4", "out.rrd");
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.stderr())
        .isEqualTo(
            "error: not an MP4 (no ftyp or moov box at the start): it is an .rrd recording (it"
                + " starts with RRF2); say so with --from rrd (at offset 0 (0x0) in"
                + " recording.mp4)\n");
    assertThat(dir.resolve("out.rrd")).doesNotExist();
  }

  @Test
  void columnsChooseTheColumnsOfEveryFormat() throws Exception {
    Launcher.Result csv =
        rrdvideo.run("inspect", "clip.mp4", "--columns", "pts,size_bytes", "--format", "csv");
    assertThat(csv.exitCode()).as(csv.stderr()).isZero();
    assertThat(csv.out()).startsWith("pts,size_bytes\n0,2219\n512,355\n");
    Launcher.Result bad = rrdvideo.run("inspect", "clip.mp4", "--columns", "pts,bytes");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.stderr())
        .startsWith("error: --columns: unknown column 'bytes'; the columns are");
  }

  /** Runs a shell command on a pseudo-terminal of the given width with util-linux script(1). */
  private Launcher.Result onTerminal(int columns, String command) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new java.io.File("/usr/bin/script").canExecute(), "script(1) is not installed");
    // script copies the terminal's output (stdout and stderr together) to its own stdout
    return rrdvideo.sh(
        "script -qec 'stty cols "
            + columns
            + " rows 50; unset COLUMNS; "
            + command.replace("'", "'\\''")
            + "' /dev/null");
  }

  @Test
  void aPrettyTableOnATerminalFitsItsWidth() throws Exception {
    Launcher.Result r = onTerminal(80, "\"$RRDVIDEO\" inspect clip.mp4");
    assertThat(r.exitCode()).as(r.out() + r.stderr()).isZero();
    List<String> lines = r.out().lines().map(l -> l.replace("\r", "")).toList();
    assertThat(lines.get(0).split(" +"))
        .containsExactly(
            "sample_index", "pts", "duration_ns", "size_bytes", "keyframe_declared", "frame_type");
    for (String line : lines) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("(12 columns hidden to fit 80 characters; --wide shows all)");
    Launcher.Result wide = onTerminal(80, "\"$RRDVIDEO\" inspect clip.mp4 --wide");
    assertThat(wide.out().lines().findFirst().orElseThrow().split(" +")).hasSize(18);
    // not a terminal: every column, no note, as before
    Launcher.Result piped = rrdvideo.run("inspect", "clip.mp4");
    assertThat(piped.out().lines().findFirst().orElseThrow().split(" +")).hasSize(18);
    assertThat(piped.stderr()).isEmpty();
  }

  /** JVM options that make the progress line appear at once instead of after a second. */
  private static final String NO_DELAY =
      "RRDVIDEO_JAVA_OPTS=\"$RRDVIDEO_JAVA_OPTS -Drrdvideo.progress.delay=0\" ";

  @Test
  void noProgressLineWhenStderrIsNotATerminal() throws Exception {
    assertThat(rrdvideo.run("demo", "-o", "d.rrd").exitCode()).isZero();
    for (String command :
        new String[] {
          "convert d.rrd out.mp4", "inspect d.rrd --format csv -o rows.csv", "check d.rrd"
        }) {
      Launcher.Result r = rrdvideo.sh(NO_DELAY + "\"$RRDVIDEO\" " + command);
      assertThat(r.exitCode()).as(command + ": " + r.stderr()).isZero();
      assertThat(r.stderr())
          .as(command)
          .doesNotContain("\r")
          .doesNotContain("\033")
          .doesNotContain("%");
    }
    Launcher.Result c = rrdvideo.sh(NO_DELAY + "\"$RRDVIDEO\" convert d.rrd again.mp4");
    assertThat(c.stderr())
        .isEqualTo("converted 120 h264 samples (4 keyframes) to /video_stream in again.mp4\n");
  }

  @Test
  void aProgressLineOnATerminalIsRedrawnAndClearedAtTheEnd() throws Exception {
    Launcher.Result r = onTerminal(80, "COLUMNS=80 " + NO_DELAY + "\"$RRDVIDEO\" demo -o d.rrd");
    assertThat(r.exitCode()).as(r.out()).isZero();
    String tty = r.out();
    // redrawn in place: carriage return, the line, erase to the end of the line
    assertThat(tty).containsPattern("\r(\r\n)?encoding the demo +\\d+%  \\d+ of 120 frames");
    assertThat(tty).contains("\033[K");
    // cleared before the summary line, which starts at the left margin
    assertThat(tty).containsPattern("\r\033\\[K(\r\n)?wrote d.rrd: 120 frames");
    for (String line : tty.split("\r")) {
      if (line.contains("encoding the demo")) {
        assertThat(line.replace("\033[K", "").strip().length()).as(line).isLessThan(80);
      }
    }
    Launcher.Result quiet =
        onTerminal(
            80, "COLUMNS=80 " + NO_DELAY + "\"$RRDVIDEO\" inspect d.rrd --format csv -o r.csv -q");
    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.out()).isEmpty();
  }
}
