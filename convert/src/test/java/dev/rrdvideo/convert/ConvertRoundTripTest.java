package dev.rrdvideo.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import dev.rrdvideo.media.testing.FfmpegTimes;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lossless round trips: MP4 to recording to MP4 keeps every sample, in order, with identical NAL
 * unit / OBU / frame payloads (apart from Annex B vs length-prefixed framing and where parameter
 * sets sit), identical timestamps in the original timescale, identical keyframes; and the exported
 * MP4's packet table equals the one ffprobe recorded for the source when the fixture was made.
 */
class ConvertRoundTripTest {
  @TempDir Path dir;

  private Path roundTrip(String name) throws Exception {
    Path rrd = dir.resolve("x.rrd");
    try (OutputStream out = Files.newOutputStream(rrd)) {
      Mp4ToRecording.convert(TestData.path(name), out, ConvertOptions.defaults());
    }
    RrdVerifier.Report report = RrdVerifier.verify(Files.newInputStream(rrd), name);
    assertThat(report.ok()).as(report.findings().toString()).isTrue();
    Path mp4 = dir.resolve("back.mp4");
    try (OutputStream out = Files.newOutputStream(mp4)) {
      RecordingToMp4.convert(rrd, out, ConvertOptions.defaults());
    }
    return mp4;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4/h264_base.mp4",
        "mp4/h264_fragmented.mp4",
        "mp4/h264_edit_delay.mp4",
        "mp4/h264_ts90000.mp4",
        "mp4/h264_ts1000.mp4",
        "mp4/h264_ts600.mp4",
        "mp4/h264_ntsc.mp4",
        "mp4/h264_vfr.mp4",
        "mp4/h264_audio_first.mp4",
        "mp4/h265_hvc1.mp4",
        "mp4/av1.mp4",
        "mp4/vp9.mp4",
        "rerun/asset_h264_nobf.mp4",
        "realworld/mp4parse_tiny_av1.mp4",
        "realworld/mp4parse_hevc_white_frame.mp4",
        "realworld/mp4parse_video_rotation_90.mp4"
      })
  void mp4ToRecordingToMp4IsLossless(String name) throws Exception {
    Path back = roundTrip(name);
    try (Mp4Demuxer a = Mp4Demuxer.open(TestData.path(name));
        Mp4Demuxer b = Mp4Demuxer.open(back)) {
      Mp4Track ta = a.videoTrack();
      Mp4Track tb = b.videoTrack();
      SampleTable sa = ta.sampleTable();
      SampleTable sb = tb.sampleTable();
      assertThat(tb.codec()).isEqualTo(ta.codec());
      assertThat(sb.size()).isEqualTo(sa.size());
      assertThat(sb.timescale()).isEqualTo(sa.timescale());
      long shiftA = FfmpegTimes.presentationShift(a, ta);
      long shiftB = FfmpegTimes.presentationShift(b, tb);
      byte[] bufA = new byte[ta.maxSampleSizeBytes()];
      byte[] bufB = new byte[tb.maxSampleSizeBytes()];
      for (int i = 0; i < sa.size(); i++) {
        assertThat(sb.ptsTicks(i) + shiftB)
            .as("%s sample %d pts", name, i)
            .isEqualTo(sa.ptsTicks(i) + shiftA);
        assertThat(sb.durationTicks(i))
            .as("%s sample %d duration", name, i)
            .isEqualTo(sa.durationTicks(i));
        assertThat(sb.isKeyframe(i)).as("%s sample %d key", name, i).isEqualTo(sa.isKeyframe(i));
        int la = ta.readSample(i, bufA);
        int lb = tb.readSample(i, bufB);
        if (ta.codec() == VideoCodec.H264 || ta.codec() == VideoCodec.H265) {
          assertThat(nonParameterNals(ta.codec(), bufB, lb, 4))
              .as("%s sample %d NAL units", name, i)
              .containsExactlyElementsOf(nonParameterNals(ta.codec(), bufA, la, lengthSize(ta)));
        } else {
          assertThat(Arrays.copyOf(bufB, lb))
              .as("%s sample %d", name, i)
              .isEqualTo(Arrays.copyOf(bufA, la));
        }
      }
    }
  }

  /**
   * The packet table of our export equals ffprobe's table of the source (recorded at generation).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "h264_base.mp4",
        "h264_fragmented.mp4",
        "h264_edit_delay.mp4",
        "h264_ts90000.mp4",
        "h264_ts1000.mp4",
        "h264_ts600.mp4",
        "h264_ntsc.mp4",
        "h264_vfr.mp4",
        "h264_audio_first.mp4",
        "h265_hvc1.mp4",
        "av1.mp4",
        "vp9.mp4"
      })
  void exportedPacketsEqualFfprobeOfTheSource(String file) throws Exception {
    Path back = roundTrip("mp4/" + file);
    List<Ffprobe.Packet> expected = Ffprobe.video("mp4/" + file).packets();
    try (Mp4Demuxer d = Mp4Demuxer.open(back)) {
      Mp4Track t = d.videoTrack();
      SampleTable s = t.sampleTable();
      assertThat(s.size()).isEqualTo(expected.size());
      // ffprobe shows times with the edit list applied
      long shift = FfmpegTimes.presentationShift(d, t);
      for (int i = 0; i < s.size(); i++) {
        Ffprobe.Packet p = expected.get(i);
        assertThat(s.ptsTicks(i) + shift).as("%s pts %d", file, i).isEqualTo(p.ptsTicks());
        assertThat(s.dtsTicks(i) + shift).as("%s dts %d", file, i).isEqualTo(p.dtsTicks());
        assertThat(s.durationTicks(i)).as("%s duration %d", file, i).isEqualTo(p.durationTicks());
        assertThat(s.sizeBytes(i)).as("%s size %d", file, i).isEqualTo(p.sizeBytes());
        assertThat(s.isKeyframe(i)).as("%s key %d", file, i).isEqualTo(p.key());
      }
    }
  }

  static int lengthSize(Mp4Track t) {
    if (t.decoderConfig() instanceof dev.rrdvideo.media.mp4.AvcConfig c) {
      return c.nalLengthSizeBytes();
    }
    return ((dev.rrdvideo.media.mp4.HevcConfig) t.decoderConfig()).nalLengthSizeBytes();
  }

  /** The NAL units of a length-prefixed sample, without parameter sets, as hex strings. */
  static List<String> nonParameterNals(VideoCodec codec, byte[] b, int len, int lengthSize) {
    List<String> out = new ArrayList<>();
    int p = 0;
    while (p < len) {
      int n = 0;
      for (int k = 0; k < lengthSize; k++) {
        n = (n << 8) | (b[p + k] & 0xFF);
      }
      p += lengthSize;
      int type = codec == VideoCodec.H264 ? b[p] & 0x1F : (b[p] >> 1) & 0x3F;
      boolean ps = codec == VideoCodec.H264 ? type == 7 || type == 8 : type >= 32 && type <= 34;
      if (!ps) {
        out.add(java.util.HexFormat.of().formatHex(b, p, p + n));
      }
      p += n;
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "annexb/h264.h264",
        "annexb/h265.h265",
        "obu/av1.obu",
        "ivf/vp8.ivf",
        "ivf/vp9.ivf",
        "ivf/av1.ivf",
        "realworld/mp4ff_4pics.264",
        // (mp4parser_count.h264 and mp4ff_hevc.265 have B-frames: refused, RawStreamReorderingTest)
        "realworld/mp4ff_av1.ivf",
        "realworld/mp4ff_vp9.ivf"
      })
  void elementaryStreamsRoundTripByteForByte(String name) throws Exception {
    byte[] input = TestData.bytes(name);
    MediaKind format = MediaKind.fromFileName(name).orElseThrow();
    Path rrd = dir.resolve("es.rrd");
    try (OutputStream out = Files.newOutputStream(rrd)) {
      ElementaryStreams.toRecording(
          new ByteArrayInputStream(input),
          "stream",
          format,
          out,
          ConvertOptions.builder().fps(25).build());
    }
    RrdVerifier.Report report = RrdVerifier.verify(Files.newInputStream(rrd), name);
    assertThat(report.ok()).as(report.findings().toString()).isTrue();
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    ByteArrayOutputStream times = new ByteArrayOutputStream();
    ConvertedVideo r =
        ElementaryStreams.fromRecording(rrd, format, back, times, ConvertOptions.defaults());
    assertThat(back.toByteArray()).isEqualTo(input);
    String[] lines = times.toString().split("\n");
    assertThat(lines).hasSize((int) r.samples());
    if (format != MediaKind.IVF) {
      // raw streams have no times: --fps 25 gives 40 ms steps
      assertThat(Long.parseLong(lines[lines.length - 1]))
          .isEqualTo((lines.length - 1) * 40_000_000L);
    }
  }

  /**
   * VP8 in MP4: ffmpeg 5.1 cannot mux one, so the fixture is VP8 in IVF. IVF -> .rrd -> MP4 gives a
   * vp08 track whose samples and times equal the IVF frames; that MP4 -> .rrd -> MP4 again is the
   * same file apart from nothing (ffmpeg decodes it to the IVF's frame checksums; checked by hand).
   */
  @org.junit.jupiter.api.Test
  void vp8ThroughMp4KeepsEveryFrameAndTime() throws Exception {
    byte[] ivf = TestData.bytes("ivf/vp8.ivf");
    Path rrd = dir.resolve("vp8.rrd");
    try (OutputStream out = Files.newOutputStream(rrd)) {
      ElementaryStreams.toRecording(
          new ByteArrayInputStream(ivf),
          "vp8.ivf",
          MediaKind.IVF,
          out,
          ConvertOptions.builder().fps(30).build());
    }
    Path mp4 = dir.resolve("vp8.mp4");
    try (OutputStream out = Files.newOutputStream(mp4)) {
      RecordingToMp4.convert(rrd, out, ConvertOptions.defaults());
    }
    dev.rrdvideo.media.bitstream.IvfReader frames =
        dev.rrdvideo.media.bitstream.IvfReader.open(new ByteArrayInputStream(ivf), "vp8.ivf");
    try (Mp4Demuxer d = Mp4Demuxer.open(mp4)) {
      Mp4Track t = d.videoTrack();
      assertThat(t.sampleEntryType()).isEqualTo("vp08");
      assertThat(t.codec()).isEqualTo(VideoCodec.VP8);
      SampleTable st = t.sampleTable();
      byte[] buf = new byte[t.maxSampleSizeBytes()];
      int i = 0;
      while (frames.next()) {
        int n = t.readSample(i, buf);
        assertThat(Arrays.copyOf(buf, n))
            .as("sample %d", i)
            .isEqualTo(Arrays.copyOf(frames.frame(), frames.frameSize()));
        long twiceNanos = 2 * frames.timestamp() * 1_000_000_000L * frames.timebaseNumerator();
        long ivfNanos = // to the nearest nanosecond
            (twiceNanos + frames.timebaseDenominator()) / (2 * frames.timebaseDenominator());
        assertThat(st.ptsNanos(i)).as("time %d", i).isEqualTo(ivfNanos);
        i++;
      }
      assertThat(st.size()).isEqualTo(i).isEqualTo(30);
    }
    Path rrd2 = dir.resolve("vp8-again.rrd");
    try (OutputStream out = Files.newOutputStream(rrd2)) {
      Mp4ToRecording.convert(mp4, out, ConvertOptions.defaults());
    }
    ByteArrayOutputStream mp4Again = new ByteArrayOutputStream();
    RecordingToMp4.convert(rrd2, mp4Again, ConvertOptions.defaults());
    assertThat(mp4Again.toByteArray()).isEqualTo(Files.readAllBytes(mp4));
  }
}
