package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file is when it is not what its name says, from its first bytes (real fixtures). */
class InputSnifferTest {
  @TempDir Path dir;

  private static InputSniffer.Content sniff(byte[] b) {
    byte[] head = Arrays.copyOf(b, Math.min(b.length, InputSniffer.HEAD_BYTES));
    return InputSniffer.sniff(head, head.length);
  }

  @Test
  void theFixturesAreRecognized() {
    assertThat(sniff(TestData.bytes("rerun/stream_h264.rrd")))
        .isEqualTo(InputSniffer.Content.RECORDING);
    assertThat(sniff(TestData.bytes("mp4/h264_base.mp4"))).isEqualTo(InputSniffer.Content.MP4);
    assertThat(sniff(TestData.bytes("mp4/h264_fragmented.mp4")))
        .isEqualTo(InputSniffer.Content.MP4);
    assertThat(sniff(TestData.bytes("ivf/vp9.ivf"))).isEqualTo(InputSniffer.Content.IVF);
    assertThat(sniff(TestData.bytes("annexb/h264.h264"))).isEqualTo(InputSniffer.Content.ANNEXB);
    assertThat(sniff(TestData.bytes("annexb/h265.h265"))).isEqualTo(InputSniffer.Content.ANNEXB);
    assertThat(sniff(new byte[0])).isEqualTo(InputSniffer.Content.EMPTY);
    assertThat(sniff("hello\nworld".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(InputSniffer.Content.TEXT);
    assertThat(sniff(new byte[] {(byte) 0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 1}))
        .isEqualTo(InputSniffer.Content.MATROSKA);
    assertThat(sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}))
        .isEqualTo(InputSniffer.Content.IMAGE);
    byte[] ts = new byte[376];
    ts[0] = 0x47;
    ts[188] = 0x47;
    assertThat(sniff(ts)).isEqualTo(InputSniffer.Content.MPEG_TS);
    // a text that starts with 'G' (0x47) is text, not a transport stream
    assertThat(sniff("Good morning".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(InputSniffer.Content.TEXT);
  }

  @Test
  void textAndUnknownBytesAreQuoted() {
    byte[] t = "hello world, not a video\nsecond line".getBytes(StandardCharsets.UTF_8);
    assertThat(InputSniffer.describe(t, t.length)).isEqualTo("text (\"hello world, not a video\")");
    byte[] u = {(byte) 0x8f, 0x2a, 0x11, 0x09, 0x00, 0x01};
    assertThat(InputSniffer.describe(u, u.length))
        .isEqualTo("in no format rrdvideo knows (it starts with 8f 2a 11 09)");
  }

  @Test
  void anRrdNamedMp4IsNamedForWhatItIs() throws Exception {
    Path p = dir.resolve("rec.mp4");
    Files.copy(TestData.path("rerun/stream_h264.rrd"), p);
    assertThatThrownBy(() -> InputSniffer.requireMp4(p, "rec.mp4", true))
        .isInstanceOf(Mp4FormatException.class)
        .hasMessage(
            "not an MP4 (no ftyp or moov box at the start): it is an .rrd recording (it starts"
                + " with RRF2); say so with --from rrd (at offset 0 (0x0) in rec.mp4)");
  }

  @Test
  void anMp4CutBeforeItsMoovIsAnUnfinishedRecording() throws Exception {
    // h264_base.mp4 is ftyp, free, mdat, moov (ffmpeg writes moov last): cut inside the mdat
    byte[] whole = TestData.bytes("mp4/h264_base.mp4");
    Path p = dir.resolve("cut.mp4");
    Files.write(p, Arrays.copyOf(whole, 3000));
    assertThatThrownBy(() -> InputSniffer.requireMp4(p, "cut.mp4", true))
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageStartingWith(
            "not a complete MP4: no moov box (the index of the samples) among its top-level boxes"
                + " ftyp, free, mdat; a recording that was stopped before its index was written");
    // the whole file passes; a fragmented one too
    InputSniffer.requireMp4(TestData.path("mp4/h264_base.mp4"), "x", true);
    InputSniffer.requireMp4(TestData.path("mp4/h264_fragmented.mp4"), "x", true);
  }

  @Test
  void anMp4NamedRrdIsNamedForWhatItIs() throws Exception {
    Path p = dir.resolve("clip.rrd");
    Files.copy(TestData.path("mp4/h264_base.mp4"), p);
    assertThatThrownBy(() -> InputSniffer.requireRecording(p, "clip.rrd", false))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageStartingWith(
            "not an .rrd recording (it does not start with RRF2): it is an MP4; try rrdvideo"
                + " inspect clip.rrd --summary");
    InputSniffer.requireRecording(TestData.path("rerun/stream_h264.rrd"), "x", false);
  }
}
