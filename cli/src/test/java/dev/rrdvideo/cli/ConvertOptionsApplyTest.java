package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An option that a conversion would ignore is a usage error that says why, never silence. */
class ConvertOptionsApplyTest {
  @TempDir Path dir;

  private String fixture(String name) {
    return TestData.path(name).toString();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--timestamps=t.txt | mp4/h264_base.mp4 | o.rrd | gives the times of a raw",
        "--timestamps=t.txt | ivf/vp9.ivf | o.rrd | which has its own frame times",
        "--fps=25 | mp4/h264_base.mp4 | o.rrd | is the frame rate of raw streams",
        "--fps=25 | ivf/vp9.ivf | o.rrd | which has its own frame times",
        "--track=1 | annexb/h264.h264 | o.rrd | chooses an MP4 track",
        "--edit-list=shift | ivf/vp9.ivf | o.rrd | applies to MP4 edit lists",
        "--transcode | annexb/h264.h264 | o.rrd | applies to MP4 inputs only",
        "--timestamps-out=t.txt | mp4/h264_base.mp4 | o.rrd | writes the times of a raw-stream",
        "--salvage | mp4/h264_base.mp4 | o.rrd | reads damaged recordings",
        "--mode=asset | rerun/stream_h264.rrd | o.mp4 | shapes the recording written",
        "--compression=none | rerun/stream_h264.rrd | o.h264 | shapes the recording written",
        "--no-footer | rerun/stream_h264.rrd | o.mp4 | shapes the recording written",
        "--timeline-type=sequence | rerun/stream_h264.rrd | o.h264 | shapes the recording written",
        "--application-id=x | rerun/stream_h264.rrd | o.mp4 | shapes the recording written",
        "--recording-id=x | rerun/stream_h264.rrd | o.mp4 | shapes the recording written",
        "--rerun-version=0.26 | rerun/stream_h264.rrd | o.mp4 | shapes the recording written",
        "--mode=asset | annexb/h264.h264 | o.rrd | --mode asset needs an MP4",
      })
  void anOptionThatDoesNotApplyIsAUsageError(String option, String in, String out, String why)
      throws Exception {
    Files.writeString(dir.resolve("t.txt"), "0\n");
    String name = option.replaceFirst("=.*", "");
    CliRunner.Result r =
        CliRunner.run("convert", fixture(in), dir.resolve(out.strip()).toString(), option.strip());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("error: " + name.strip()).contains(why.strip());
    assertThat(dir.resolve(out.strip())).doesNotExist();
  }

  @Test
  void fpsAndTimestampsTogetherAreAUsageError() throws Exception {
    Files.writeString(dir.resolve("t.txt"), "0\n");
    CliRunner.Result r =
        CliRunner.run(
            "convert",
            fixture("annexb/h264.h264"),
            dir.resolve("o.rrd").toString(),
            "--fps",
            "25",
            "--timestamps",
            dir.resolve("t.txt").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .isEqualTo("error: --fps and --timestamps both set the sample times: give one of them\n");
  }

  @Test
  void optionsThatApplyStillWork() throws Exception {
    Path rrd = dir.resolve("o.rrd");
    CliRunner.Result raw =
        CliRunner.run("convert", fixture("annexb/h264.h264"), rrd.toString(), "--fps", "25");
    assertThat(raw.exitCode()).as(raw.err()).isZero();
    Path times = dir.resolve("times.txt");
    CliRunner.Result back =
        CliRunner.run(
            "convert",
            rrd.toString(),
            dir.resolve("o.h264").toString(),
            "--timestamps-out",
            times.toString());
    assertThat(back.exitCode()).as(back.err()).isZero();
    // 25 fps: the second sample is 40 ms after the first
    assertThat(Files.readAllLines(times).subList(0, 2)).containsExactly("0", "40000000");
    CliRunner.Result mp4 =
        CliRunner.run(
            "convert",
            fixture("mp4/h264_edit_delay.mp4"),
            dir.resolve("e.rrd").toString(),
            "--edit-list",
            "shift",
            "--track",
            "1",
            "--rerun-version",
            "0.31");
    assertThat(mp4.exitCode()).as(mp4.err()).isZero();
  }

  /** A recording holding only its store info (cut right after the first message). */
  private Path recordingWithoutVideo() throws Exception {
    byte[] whole = TestData.bytes("rerun/stream_h264.rrd");
    long end;
    try (dev.rrdvideo.format.RrdReader r =
        dev.rrdvideo.format.RrdReader.open(new java.io.ByteArrayInputStream(whole))) {
      assertThat(r.next()).isInstanceOf(dev.rrdvideo.format.StoreInfo.class);
      end = r.position();
    }
    Path p = dir.resolve("novideo.rrd");
    Files.write(p, java.util.Arrays.copyOf(whole, (int) end));
    return p;
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"o.mp4", "o.h264", "o.rrd"})
  void aRecordingWithoutVideoIsNamedOnceInTheError(String out) throws Exception {
    Path rrd = recordingWithoutVideo();
    CliRunner.Result r = CliRunner.run("convert", rrd.toString(), dir.resolve(out).toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(r.err().split("novideo.rrd", -1)).as(r.err()).hasSize(2);
  }
}
