package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code inspect} and {@code check}: an option that would be ignored, or that contradicts another,
 * is a usage error (exit 2) that says why, given before anything is read or written; {@code
 * --track} reaches every video track of an MP4.
 */
class InspectCheckOptionsTest {
  @TempDir Path dir;

  private static String fixture(String name) {
    return TestData.path(name).toString();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "inspect | mp4/h264_base.mp4 | --gops --summary | --summary, --gops and --references are"
            + " alternatives",
        "inspect | rerun/stream_h264.rrd | --references --gops | --summary, --gops and"
            + " --references are alternatives",
        "inspect | mp4/h264_base.mp4 | --hash --summary | --hash does not apply here: it adds a"
            + " sha256 column to the sample table, which --summary replaces",
        "inspect | mp4/h264_base.mp4 | --hash --gops | which --gops replaces",
        "inspect | mp4/h264_base.mp4 | --summary --format=csv | --summary is text (--format"
            + " pretty) or one JSON document (--format json), not csv",
        "inspect | mp4/h264_base.mp4 | --summary --format=arrow | not arrow",
        "inspect | mp4/h264_base.mp4 | --format=xml | unknown --format 'xml'",
        "inspect | mp4/h264_base.mp4 | --entity=/clip | --entity does not apply here: it chooses"
            + " an entity of a .rrd recording (the input is an MP4)",
        "inspect | annexb/h264.h264 | --entity=/clip | (the input is a raw H.264 stream)",
        "inspect | ivf/vp9.ivf | --timeline=video | --timeline does not apply here",
        "inspect | mp4/h264_base.mp4 | --salvage | --salvage does not apply here: it reads"
            + " damaged recordings (the input is an MP4)",
        "inspect | rerun/stream_h264.rrd | --track=1 | --track does not apply here: it chooses a"
            + " track of an MP4 (the input is an .rrd recording)",
        "inspect | mp4/h264_base.mp4 | --references | --references does not apply here: it lists"
            + " the VideoFrameReference rows of a .rrd recording (the input is an MP4)",
        "inspect | mp4/h264_base.mp4 | --columns=pts,size | --columns: unknown column 'size';"
            + " the columns are entity, timeline, sample_index, pts, pts_ns, dts_ns,",
        "inspect | mp4/h264_base.mp4 | --columns=pts --gops | --columns does not apply here: it"
            + " selects columns of the sample table, which --gops replaces",
        "inspect | mp4/h264_base.mp4 | --wide --format=csv | --wide does not apply here: it shows"
            + " every column of a pretty table (--format csv always has every column)",
        "inspect | mp4/h264_base.mp4 | --wide --columns=pts | --wide shows every column and"
            + " --columns chooses them: give one",
        "inspect | mp4/h264_base.mp4 | --wide --summary | --wide does not apply here",
        "check | mp4/h264_base.mp4 | --entity=/clip | --entity does not apply here",
        "check | annexb/h264.h264 | --track=2 | --track does not apply here",
        "check | mp4/h264_base.mp4 | --format=xml | --format must be text or json, not 'xml'",
        "check | mp4/h264_base.mp4 | --max-gop=0 | --max-gop must be at least 1 sample, not 0",
        "check | mp4/h264_base.mp4 | --frames=-1 | --frames must be 0 or more, not -1",
        "check | mp4/h264_base.mp4 | --min-fps=0 | --min-fps must be a frame rate above 0",
        "check | mp4/h264_base.mp4 | --min-fps=30 --max-fps=25 | --min-fps 30 is above --max-fps"
            + " 25: no stream could pass both",
      })
  void anOptionThatDoesNotApplyIsAUsageErrorSayingWhy(
      String command, String in, String options, String why) {
    Path out = dir.resolve("out.txt");
    java.util.List<String> args = new java.util.ArrayList<>();
    args.add(command.strip());
    args.add(fixture(in.strip()));
    args.addAll(java.util.List.of(options.strip().split(" ")));
    if (command.strip().equals("inspect")) {
      args.add("-o");
      args.add(out.toString());
    }
    CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("error: ").contains(why.strip());
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @ParameterizedTest(name = "{0} --entity {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "convert | a\\ | dangling escape at end of entity path 'a\\'",
        "convert | /a/\\u{zz} | bad \\u{...} escape in entity path '/a/\\u{zz}'",
        "inspect | a\\ | dangling escape",
        "check | a\\ | dangling escape",
        "demo | a\\ | dangling escape",
        "demo-stdout | a\\ | dangling escape",
        "diff | a\\ | dangling escape",
      })
  void anEntityPathThatDoesNotParseIsAUsageError(String command, String entity, String why) {
    Path out = dir.resolve("out.rrd");
    String rrd = fixture("rerun/stream_h264.rrd");
    String[] args =
        switch (command) {
          case "convert" ->
              new String[] {
                "convert", fixture("mp4/h264_base.mp4"), out.toString(), "--entity", entity
              };
          case "demo" -> new String[] {"demo", "-o", out.toString(), "--entity", entity};
          // checked before the recording starts: not a byte on stdout
          case "demo-stdout" -> new String[] {"demo", "-o", "-", "--entity", entity};
          case "diff" -> new String[] {"diff", rrd, rrd, "--entity-a", entity};
          default -> new String[] {command, rrd, "--entity", entity};
        };
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("error: --entity").contains(why).doesNotContain("internal");
    assertThat(out).doesNotExist();
    assertThat(r.stdoutBytes()).isEmpty();
  }

  @Test
  void diffRefusesAnEntityOfAnInputThatIsNoRecording() {
    CliRunner.Result r =
        CliRunner.run(
            "diff",
            fixture("mp4/h264_base.mp4"),
            fixture("rerun/stream_h264.rrd"),
            "--entity-a",
            "/video");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "error: --entity-a does not apply here: it chooses an entity of a .rrd recording"
                + " (h264_base.mp4 is an MP4)\n");
    CliRunner.Result f =
        CliRunner.run(
            "diff", fixture("mp4/h264_base.mp4"), fixture("mp4/h264_base.mp4"), "--format", "xml");
    assertThat(f.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(f.out()).isEmpty();
  }

  @Test
  void theOptionsThatApplyStillWork() {
    String rrd = fixture("rerun/stream_h264.rrd");
    assertThat(CliRunner.run("inspect", rrd, "--gops", "--entity", "/video").exitCode()).isZero();
    assertThat(CliRunner.run("inspect", fixture("mp4/h264_base.mp4"), "--hash").exitCode())
        .isZero();
    assertThat(CliRunner.run("check", fixture("mp4/h264_base.mp4"), "--track", "1").exitCode())
        .isZero();
    assertThat(
            CliRunner.run(
                    "check", fixture("mp4/h264_base.mp4"), "--min-fps", "29", "--max-fps", "31")
                .exitCode())
        .isZero();
  }

  @Test
  void everyTrackOfAThreeTrackMp4IsReachable() {
    String mp4 = fixture("mp4/h264_three_tracks.mp4");
    int[] frames = {5, 8, 3};
    String[] sizes = {"64x48", "48x32", "32x32"};
    for (int track = 1; track <= 3; track++) {
      int t = track;
      CliRunner.Result csv =
          CliRunner.run("inspect", mp4, "--track", Integer.toString(t), "--format", "csv");
      assertThat(csv.exitCode()).as(csv.err()).isZero();
      assertThat(csv.out().lines().skip(1))
          .hasSize(frames[t - 1])
          .allMatch(l -> l.contains(",track " + t + ","));
      CliRunner.Result sum =
          CliRunner.run("inspect", mp4, "--track", Integer.toString(t), "--summary");
      assertThat(sum.out()).contains(sizes[t - 1]);
      CliRunner.Result check =
          CliRunner.run(
              "check",
              mp4,
              "--track",
              Integer.toString(t),
              "--frames",
              Integer.toString(frames[t - 1]));
      assertThat(check.exitCode()).as(check.out()).isZero();
    }
    CliRunner.Result none = CliRunner.run("inspect", mp4, "--track", "4");
    assertThat(none.exitCode()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(none.out()).as("nothing on stdout when the run fails").isEmpty();
    assertThat(none.err())
        .isEqualTo(
            "error: there is no track 4; video tracks: 1, 2, 3 (in h264_three_tracks.mp4)\n");
  }
}
