package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated fixtures ({@code mp4/*.mp4}, made by {@code testdata/tools/make-fixtures.sh} with
 * ffmpeg) against the ffprobe tables recorded with them ({@code expected/NAME.packets.csv}: {@code
 * dts,pts,duration,size,pos,flags} of the video stream in its time base, and {@code
 * expected/NAME.stream.json}).
 *
 * <p>As in {@link Mp4DemuxerRealFilesTest}, ffprobe's times are FFmpeg's after its edit-list shift
 * {@code A} (empty edits minus the first media_time) and dts fix-up (minus the largest negative
 * composition offset): {@code ffprobe.pts = pts + A}, {@code ffprobe.dts = dts + A + min(0, min(pts
 * - dts))}. Sizes, positions, durations and key flags compare unchanged.
 */
class Mp4FixturesTest {

  @ParameterizedTest
  @CsvSource({
    // fixture, track id, sample entry, samples
    "h264_base.mp4, 1, avc1, 30",
    "h264_bframes.mp4, 1, avc1, 30",
    "h264_fragmented.mp4, 1, avc1, 30",
    "h264_edit_delay.mp4, 1, avc1, 30",
    "h264_ts90000.mp4, 1, avc1, 30",
    "h264_ts1000.mp4, 1, avc1, 30",
    "h264_ts600.mp4, 1, avc1, 30",
    "h264_ntsc.mp4, 1, avc1, 30",
    "h264_vfr.mp4, 1, avc1, 18",
    "h264_audio_first.mp4, 2, avc1, 30",
    "h265_hvc1.mp4, 1, hvc1, 30",
    "h265_bframes.mp4, 1, hev1, 30",
    "av1.mp4, 1, av01, 30",
    "vp9.mp4, 1, vp09, 30",
  })
  @SuppressWarnings("unchecked")
  void videoTrackEqualsTheRecordedPacketTable(
      String fixture, long trackId, String entry, int samples) throws Exception {
    List<long[]> expected = packets(fixture);
    Map<String, Object> stream =
        (Map<String, Object>)
            ((List<Object>)
                    ((Map<String, Object>)
                            Json.parse(TestData.text("expected/" + fixture + ".stream.json")))
                        .get("streams"))
                .get(0);
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("mp4/" + fixture))) {
      Mp4Track t = d.videoTrack();
      assertThat(t.trackId()).isEqualTo(trackId);
      assertThat(Long.decode((String) stream.get("id"))).isEqualTo(trackId);
      assertThat(t.sampleEntryType()).isEqualTo(entry).isEqualTo(stream.get("codec_tag_string"));
      assertThat((long) t.widthPixels()).isEqualTo(stream.get("width"));
      assertThat((long) t.heightPixels()).isEqualTo(stream.get("height"));
      assertThat("1/" + t.timescale().ticksPerSecond()).isEqualTo(stream.get("time_base"));
      if (stream.containsKey("extradata_size")) { // FFmpeg exposes no extradata for vp09
        assertThat((long) t.decoderConfig().toBytes().length)
            .isEqualTo(stream.get("extradata_size"));
      }
      assertThat(d.isFragmented()).isEqualTo(fixture.contains("fragmented"));

      SampleTable s = t.sampleTable();
      assertThat(s.size()).isEqualTo(samples).isEqualTo(expected.size());
      long a = Mp4DemuxerRealFilesTest.presentationShift(d, t);
      long minOffset = 0;
      for (int i = 0; i < s.size(); i++) {
        minOffset = Math.min(minOffset, s.ptsTicks(i) - s.dtsTicks(i));
      }
      for (int i = 0; i < s.size(); i++) {
        long[] p = expected.get(i);
        String at = fixture + " sample " + i;
        assertThat(s.dtsTicks(i) + a + minOffset).as(at + " dts").isEqualTo(p[0]);
        assertThat(s.ptsTicks(i) + a).as(at + " pts").isEqualTo(p[1]);
        assertThat(s.durationTicks(i)).as(at + " duration").isEqualTo(p[2]);
        assertThat(s.sizeBytes(i)).as(at + " size").isEqualTo(p[3]);
        assertThat(s.offsetBytes(i)).as(at + " pos").isEqualTo(p[4]);
        assertThat(s.isKeyframe(i)).as(at + " key").isEqualTo(p[5] == 1);
      }
    }
  }

  /**
   * Rows of {@code expected/NAME.packets.csv} as {dts, pts, duration, size, pos, key}.
   *
   * <p>ffprobe prints packet fields in its own order (pts before dts) whatever {@code
   * -show_entries} lists; the first recorded tables carried the header {@code dts,pts,...} over
   * columns that are really pts, dts. So the header names the columns, and FFmpeg's guarantee that
   * dts never exceeds pts decides: if the named assignment breaks it in some row while the swapped
   * one holds in every row, the columns are swapped (for files without reordering both are equal
   * and nothing changes).
   */
  static List<long[]> packets(String fixture) {
    String[] lines = TestData.text("expected/" + fixture + ".packets.csv").split("\n");
    assertThat(lines[0]).isIn("dts,pts,duration,size,pos,flags", "pts,dts,duration,size,pos,flags");
    boolean dtsFirst = lines[0].startsWith("dts");
    List<long[]> out = new ArrayList<>();
    boolean namedHolds = true;
    boolean swappedHolds = true;
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].trim().split(",");
      long dts = Long.parseLong(f[dtsFirst ? 0 : 1]);
      long pts = Long.parseLong(f[dtsFirst ? 1 : 0]);
      namedHolds &= dts <= pts;
      swappedHolds &= pts <= dts;
      out.add(
          new long[] {
            dts,
            pts,
            Long.parseLong(f[2]),
            Long.parseLong(f[3]),
            Long.parseLong(f[4]),
            f[5].charAt(0) == 'K' ? 1 : 0
          });
    }
    assertThat(namedHolds || swappedHolds).as(fixture + ": a dts column").isTrue();
    if (!namedHolds) {
      for (long[] r : out) {
        long t = r[0];
        r[0] = r[1];
        r[1] = t;
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "h264_base.mp4",
        "h264_bframes.mp4",
        "h264_fragmented.mp4",
        "h264_edit_delay.mp4",
        "h264_ts90000.mp4",
        "h264_ts1000.mp4",
        "h264_ts600.mp4",
        "h264_ntsc.mp4",
        "h264_vfr.mp4",
        "h264_audio_first.mp4",
        "h265_hvc1.mp4",
        "h265_bframes.mp4",
        "av1.mp4",
        "vp9.mp4",
      })
  void muxerRoundTripKeepsEverything(String fixture) throws Exception {
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path("mp4/" + fixture))) {
      Mp4Track in = src.videoTrack();
      Mp4Muxer m =
          Mp4Muxer.builder(in.decoderConfig(), in.widthPixels(), in.heightPixels())
              .sampleEntryType(in.sampleEntryType())
              .displayMatrix(in.displayMatrix())
              .editList(src.movieTimescale().orElseThrow(), in.edits())
              .build();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      m.write(in.sampleTable(), in::readSample, out);
      try (Mp4Demuxer dst = Mp4Demuxer.open(out.toByteArray(), "out.mp4")) {
        Mp4Track o = dst.videoTrack();
        Mp4MuxerRoundTripTest.assertSameSamples(in, o);
        assertThat(o.decoderConfig()).isEqualTo(in.decoderConfig());
        assertThat(o.edits()).isEqualTo(in.edits());
        assertThat(o.sampleEntryType()).isEqualTo(in.sampleEntryType());
        assertThat(dst.isFragmented()).isFalse();
        // The rewritten file satisfies the same recorded packet table.
        List<long[]> expected = packets(fixture);
        long a = Mp4DemuxerRealFilesTest.presentationShift(dst, o);
        for (int i = 0; i < expected.size(); i++) {
          assertThat(o.sampleTable().ptsTicks(i) + a).isEqualTo(expected.get(i)[1]);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    // damaged fixture, expected box path (empty = top level), key phrase
    // cut inside mdat, which precedes moov: no moov left (mdat's size runs past the end: tolerated)
    "truncated.mp4, , moov box: expected one at the top level",
    "no_moov.mp4, , moov box: expected one at the top level",
    "bad_box_size.mp4, , size of box 'moov'",
    "truncated_moov.mp4, , size of box 'moov'",
    "stco_past_end.mp4, moov/trak[0]/mdia/minf/stbl/stco, expected it to end within the file",
  })
  void damagedFixturesAreFormatErrors(String fixture, String path, String phrase) {
    byte[] b = TestData.bytes("mp4-damaged/" + fixture);
    Mp4FormatException e =
        catchThrowableOfType(
            Mp4FormatException.class,
            () -> Mp4Demuxer.open(TestData.path("mp4-damaged/" + fixture)).close());
    assertThat(e).as(fixture).isNotNull();
    assertThat(e.getOriginalMessage()).contains(phrase);
    assertThat(e.boxPath()).isEqualTo(path);
    assertThat(e.offset()).isBetween(0L, (long) b.length);
    assertThat(e.source()).isEqualTo(fixture);
  }
}
