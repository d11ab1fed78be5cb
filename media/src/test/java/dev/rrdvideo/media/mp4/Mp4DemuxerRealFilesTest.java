package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.testing.FfmpegTimes;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demuxed sample table of the default video track equals ffprobe's packet table for every
 * real-world MP4 that FFmpeg reads completely.
 *
 * <p>ffprobe reports times after FFmpeg's MP4 reader applied the edit list and its DTS fix-up, so
 * the comparison undoes both explicitly instead of comparing raw numbers:
 *
 * <ul>
 *   <li>presentation: FFmpeg shifts every pts by {@code A = (total duration of leading empty edits,
 *       converted to the media timescale) - (media_time of the first non-empty edit)}, so {@code
 *       ffprobe.pts = our.pts + A}. When the file has no movie timescale ({@code mvhd} missing)
 *       FFmpeg cannot interpret the edit list and ignores it: {@code A = 0}.
 *   <li>decode: FFmpeg additionally moves dts down by the largest negative composition offset so
 *       that dts never exceeds pts: {@code ffprobe.dts = our.dts + A - max(0, -min(pts - dts))}.
 * </ul>
 *
 * <p>Sizes, file positions, durations and key flags are compared unchanged.
 */
class Mp4DemuxerRealFilesTest {

  @ParameterizedTest
  @CsvSource({
    // file, track id, codec, sample entry, width, height, timescale, samples
    "mp4ff_prog_8s.mp4, 2, H264, avc1, 640, 360, 90000, 240",
    "mp4ff_nallister_h264.mp4, 1, H264, avc1, 1920, 1080, 12800, 50",
    "mp4ff_ed_hevc.mp4, 1, H265, hvc1, 640, 360, 90000, 27",
    "mp4ff_stereo_spatial.mp4, 1, H265, hvc1, 160, 120, 600, 10",
    "mp4parse_hevc_white_frame.mp4, 1, H265, hev1, 640, 480, 12800, 1",
    "mp4parse_tiny_av1.mp4, 1, AV1, av01, 64, 64, 12288, 1",
    "mp4parse_video_rotation_90.mp4, 1, H264, avc1, 100, 60, 12288, 1",
    "mp4parser_BBB_fixedres_B_180x320_80.mp4, 1, H264, avc1, 180, 102, 8, 80",
    "mp4parser_foreman-hevc-384.mp4, 1, H265, hev1, 1280, 720, 24000, 248",
    "mp4parse_no_timescale.mp4, 1, H264, avc1, 320, 240, 2500, 182",
  })
  void videoTrackMatchesFfprobe(
      String file,
      long trackId,
      VideoCodec codec,
      String entry,
      int width,
      int height,
      long timescale,
      int samples)
      throws Exception {
    String name = "realworld/" + file;
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(name))) {
      Mp4Track track = d.videoTrack();
      assertThat(track.trackId()).isEqualTo(trackId);
      assertThat(track.codec()).isEqualTo(codec);
      assertThat(track.sampleEntryType()).isEqualTo(entry);
      assertThat(track.widthPixels()).isEqualTo(width);
      assertThat(track.heightPixels()).isEqualTo(height);
      assertThat(track.timescale().ticksPerSecond()).isEqualTo(timescale);
      assertThat(track.decoderConfig()).isNotNull();
      SampleTable t = track.sampleTable();
      assertThat(t.codec()).isEqualTo(codec);
      assertThat(t.size()).isEqualTo(samples);

      Ffprobe ff = Ffprobe.track(name, trackId);
      assertThat(ff.ticksPerSecond()).isEqualTo(timescale);
      assertThat(ff.packets()).hasSize(samples);

      long a = FfmpegTimes.presentationShift(d, track);
      long minOffset = 0;
      for (int i = 0; i < t.size(); i++) {
        minOffset = Math.min(minOffset, t.ptsTicks(i) - t.dtsTicks(i));
      }
      long b = a + minOffset;
      for (int i = 0; i < t.size(); i++) {
        Ffprobe.Packet p = ff.packets().get(i);
        String at = file + " sample " + i;
        assertThat(t.sizeBytes(i)).as(at + " size").isEqualTo(p.sizeBytes());
        assertThat(t.offsetBytes(i)).as(at + " pos").isEqualTo(p.positionBytes());
        assertThat(t.isKeyframe(i)).as(at + " key").isEqualTo(p.key());
        assertThat(t.durationTicks(i)).as(at + " duration").isEqualTo(p.durationTicks());
        assertThat(t.ptsTicks(i) + a).as(at + " pts").isEqualTo(p.ptsTicks());
        assertThat(t.dtsTicks(i) + b).as(at + " dts").isEqualTo(p.dtsTicks());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4ff_prog_8s.mp4",
        "mp4ff_nallister_h264.mp4",
        "mp4ff_ed_hevc.mp4",
        "mp4ff_stereo_spatial.mp4",
        "mp4parse_hevc_white_frame.mp4",
        "mp4parse_tiny_av1.mp4",
        "mp4parse_video_rotation_90.mp4",
        "mp4parser_BBB_fixedres_B_180x320_80.mp4",
        "mp4parser_foreman-hevc-384.mp4",
        "mp4parse_no_timescale.mp4",
      })
  void everyTrackMatchesFfprobe(String file) throws Exception {
    String name = "realworld/" + file;
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(name))) {
      for (Mp4Track track : d.tracks()) {
        Ffprobe ff = Ffprobe.track(name, track.trackId());
        SampleTable t = track.sampleTable();
        assertThat(ff.packets()).as(file + " track " + track.trackId()).hasSize(t.size());
        for (int i = 0; i < t.size(); i++) {
          Ffprobe.Packet p = ff.packets().get(i);
          assertThat(t.sizeBytes(i)).isEqualTo(p.sizeBytes());
          assertThat(t.offsetBytes(i)).isEqualTo(p.positionBytes());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4ff_prog_8s.mp4", "mp4ff_ed_hevc.mp4", "mp4parse_no_timescale.mp4"})
  void readSampleReturnsTheBytesAtTheTableOffsets(String file) throws Exception {
    byte[] all = TestData.bytes("realworld/" + file);
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("realworld/" + file))) {
      Mp4Track track = d.videoTrack();
      SampleTable t = track.sampleTable();
      byte[] buf = new byte[track.maxSampleSizeBytes()];
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocateDirect(track.maxSampleSizeBytes() + 3);
      for (int i = 0; i < t.size(); i++) {
        int n = track.readSample(i, buf);
        int off = (int) t.offsetBytes(i);
        assertThat(java.util.Arrays.equals(buf, 0, n, all, off, off + n)).isTrue();
        bb.clear().position(3);
        assertThat(track.readSample(i, bb)).isEqualTo(n);
        assertThat(bb.position()).isEqualTo(3 + n);
        for (int k = 0; k < n; k++) {
          assertThat(bb.get(3 + k)).isEqualTo(all[off + k]);
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void displayMatrixOfARotatedTrackEqualsFfprobe() throws Exception {
    // ffprobe reports the tkhd matrix as "Display Matrix" side data (rotation -90): three rows
    // of three numbers after an address column.
    String name = "realworld/mp4parse_video_rotation_90.mp4";
    String matrix =
        Ffprobe.video(name).stream().get("side_data_list").get(0).get("displaymatrix").asText();
    int[] expected = new int[9];
    int k = 0;
    for (String line : matrix.trim().split("\n")) {
      String[] cols = line.trim().split("\\s+");
      for (int c = 1; c < cols.length; c++) {
        expected[k++] = Integer.parseInt(cols[c]);
      }
    }
    assertThat(k).isEqualTo(9);
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(name))) {
      assertThat(d.videoTrack().displayMatrix()).containsExactly(expected);
      assertThat(expected[1]).isEqualTo(0x10000); // b = 1: a 90-degree rotation
    }
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("realworld/mp4ff_prog_8s.mp4"))) {
      assertThat(d.videoTrack().displayMatrix())
          .containsExactly(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);
    }
  }

  @org.junit.jupiter.api.Test
  void listsAllTracksWithHandlers() throws Exception {
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("realworld/mp4ff_prog_8s.mp4"))) {
      List<Mp4Track> tracks = d.tracks();
      assertThat(tracks).hasSize(2);
      assertThat(tracks.get(0).handlerType()).isEqualTo("soun");
      assertThat(tracks.get(0).sampleEntryType()).isEqualTo("mp4a");
      assertThat(tracks.get(0).codec()).isNull();
      assertThat(tracks.get(0).isSupportedVideo()).isFalse();
      assertThat(tracks.get(1).handlerType()).isEqualTo("vide");
      assertThat(d.track(2)).containsSame(tracks.get(1));
      assertThat(d.track(3)).isEmpty();
      assertThat(d.majorBrand()).isEqualTo("isom");
      assertThat(d.isFragmented()).isFalse();
    }
  }
}
