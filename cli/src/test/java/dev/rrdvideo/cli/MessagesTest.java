package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages say what to do: wrong inputs named for what they are, a file named once, counts in the
 * right number, no warning for a normal export, the real reason a rule is skipped.
 */
class MessagesTest {
  @TempDir Path dir;

  @Test
  void aRecordingNamedMp4SaysWhatItIsAndWhatToDo() throws Exception {
    Path rec = dir.resolve("recording.mp4");
    Files.copy(TestData.path("rerun/stream_h264.rrd"), rec);
    CliRunner.Result r = CliRunner.run("convert", rec.toString(), dir.resolve("o.rrd").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.err())
        .isEqualTo(
            "error: not an MP4 (no ftyp or moov box at the start): it is an .rrd recording (it"
                + " starts with RRF2); say so with --from rrd (at offset 0 (0x0) in"
                + " recording.mp4)\n");
    // and doing what it says works
    CliRunner.Result ok =
        CliRunner.run("convert", rec.toString(), dir.resolve("o.mp4").toString(), "--from", "rrd");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
  }

  @Test
  void aRawStreamNamedMp4SaysWhichFromToGive() throws Exception {
    Path raw = dir.resolve("camera.mp4");
    Files.copy(TestData.path("annexb/h264.h264"), raw);
    CliRunner.Result r = CliRunner.run("inspect", raw.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.err()).contains("it is a raw H.264 or H.265 stream").contains("--from h264");
    assertThat(CliRunner.run("inspect", raw.toString(), "--from", "h264").exitCode()).isZero();
  }

  @Test
  void aTrackThatIsNotThereNamesTheFileOnce() {
    CliRunner.Result r =
        CliRunner.run(
            "convert",
            TestData.path("mp4/h264_base.mp4").toString(),
            dir.resolve("o.rrd").toString(),
            "--track",
            "5");
    assertThat(r.exitCode()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(r.err()).isEqualTo("error: no track 5 in h264_base.mp4 (tracks: 1 vide/avc1)\n");
  }

  @Test
  void namedOnceDropsOnlyTheRepeatedFileName() {
    assertThat(Main.namedOnce("no track 5 in a.mp4 (in a.mp4)", "no track 5 in a.mp4", "a.mp4"))
        .isEqualTo("no track 5 in a.mp4");
    assertThat(
            Main.namedOnce(
                "bad a.rrd thing (at offset 3 (0x3) in a.rrd)", "bad a.rrd thing", "a.rrd"))
        .isEqualTo("bad a.rrd thing (at offset 3 (0x3))");
    assertThat(Main.namedOnce("bad thing (at offset 3 (0x3) in a.rrd)", "bad thing", "a.rrd"))
        .isEqualTo("bad thing (at offset 3 (0x3) in a.rrd)");
  }

  @Test
  void oneOfAThingIsSingular() {
    CliRunner.Result demo =
        CliRunner.run(
            "demo", "-o", dir.resolve("d.rrd").toString(), "--seconds", "1", "--fps", "1");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.err()).contains(": 1 frame (480 x 320, 1 fps, H.264, 1 keyframe), ");
    CliRunner.Result verify = CliRunner.run("verify", dir.resolve("d.rrd").toString());
    assertThat(verify.out())
        .contains("1 video sample, ")
        .contains("0 errors, 0 warnings, ")
        .doesNotContain("(s)");
    CliRunner.Result convert =
        CliRunner.run("convert", dir.resolve("d.rrd").toString(), dir.resolve("d.h264").toString());
    assertThat(convert.err()).contains("converted 1 h264 sample (1 keyframe) to ");
  }

  @Test
  void exportingAnAssetVideoPrintsNoWarning() throws Exception {
    Path asset = dir.resolve("asset.rrd");
    CliRunner.Result in =
        CliRunner.run(
            "convert",
            TestData.path("mp4/h264_base.mp4").toString(),
            asset.toString(),
            "--mode",
            "asset");
    assertThat(in.exitCode()).as(in.err()).isZero();
    Path back = dir.resolve("back.mp4");
    CliRunner.Result out = CliRunner.run("convert", asset.toString(), back.toString());
    assertThat(out.exitCode()).as(out.err()).isZero();
    assertThat(out.err())
        .isEqualTo("wrote the AssetVideo blob of /h264_base.mp4 to " + back + " byte for byte\n");
    assertThat(Files.readAllBytes(back)).isEqualTo(TestData.bytes("mp4/h264_base.mp4"));
  }

  @Test
  void annexbFramingOnAnMp4SaysTheRealReason() {
    CliRunner.Result r = CliRunner.run("check", TestData.path("mp4/h264_base.mp4").toString());
    assertThat(r.out())
        .contains(
            "skip annexb-framing                     h264_base.mp4: not evaluated: the samples"
                + " are length-prefixed (AVCC/HVCC), as MP4 stores them; the rule is about"
                + " VideoStream samples, which must be Annex B")
        .doesNotContain("only applies to H.264/H.265");
    CliRunner.Result av1 = CliRunner.run("check", TestData.path("mp4/av1.mp4").toString());
    assertThat(av1.out())
        .contains("not evaluated: only applies to H.264/H.265 (the stream is av1)");
  }
}
