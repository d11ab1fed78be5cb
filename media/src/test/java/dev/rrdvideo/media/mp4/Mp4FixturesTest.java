package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.testing.FfmpegTimes;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated fixtures (every {@code mp4/*.mp4}, made by {@code testdata/tools/make-fixtures.sh}
 * with ffmpeg) against the ffprobe tables recorded with them ({@link Ffprobe}: the video stream's
 * packets in its time base, and its stream properties).
 *
 * <p>As in {@link Mp4DemuxerRealFilesTest}, ffprobe's times are FFmpeg's after its edit-list shift
 * {@code A} (empty edits minus the first media_time) and dts fix-up (minus the largest negative
 * composition offset): {@code ffprobe.pts = pts + A}, {@code ffprobe.dts = dts + A + min(0, min(pts
 * - dts))}. Sizes, positions, durations and key flags compare unchanged.
 */
class Mp4FixturesTest {

  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedMp4")
  void videoTrackEqualsTheRecordedPacketTable(String fixture) throws Exception {
    Ffprobe ff = Ffprobe.video(fixture);
    JsonNode stream = ff.stream();
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(fixture))) {
      Mp4Track t = d.videoTrack();
      assertThat(t.trackId()).isEqualTo(Long.decode(stream.get("id").asText()));
      assertThat(t.sampleEntryType()).isEqualTo(stream.get("codec_tag_string").asText());
      assertThat(t.widthPixels()).isEqualTo(ff.width());
      assertThat(t.heightPixels()).isEqualTo(ff.height());
      assertThat(t.timescale().ticksPerSecond()).isEqualTo(ff.ticksPerSecond());
      if (stream.has("extradata_size")) { // FFmpeg exposes no extradata for vp09
        assertThat(t.decoderConfig().toBytes().length)
            .isEqualTo(stream.get("extradata_size").asInt());
      }
      assertThat(d.isFragmented()).isEqualTo(fixture.contains("fragmented"));

      SampleTable s = t.sampleTable();
      List<Ffprobe.Packet> expected = ff.packets();
      assertThat(s.size()).isEqualTo(expected.size());
      long a = FfmpegTimes.presentationShift(d, t);
      long minOffset = 0;
      for (int i = 0; i < s.size(); i++) {
        minOffset = Math.min(minOffset, s.ptsTicks(i) - s.dtsTicks(i));
      }
      for (int i = 0; i < s.size(); i++) {
        Ffprobe.Packet p = expected.get(i);
        String at = fixture + " sample " + i;
        assertThat(s.dtsTicks(i) + a + minOffset).as(at + " dts").isEqualTo(p.dtsTicks());
        assertThat(s.ptsTicks(i) + a).as(at + " pts").isEqualTo(p.ptsTicks());
        assertThat(s.durationTicks(i)).as(at + " duration").isEqualTo(p.durationTicks());
        assertThat(s.sizeBytes(i)).as(at + " size").isEqualTo(p.sizeBytes());
        assertThat(s.offsetBytes(i)).as(at + " pos").isEqualTo(p.positionBytes());
        assertThat(s.isKeyframe(i)).as(at + " key").isEqualTo(p.key());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedMp4")
  void muxerRoundTripKeepsEverything(String fixture) throws Exception {
    try (Mp4Demuxer src = Mp4Demuxer.open(TestData.path(fixture))) {
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
        List<Ffprobe.Packet> expected = Ffprobe.video(fixture).packets();
        long a = FfmpegTimes.presentationShift(dst, o);
        for (int i = 0; i < expected.size(); i++) {
          assertThat(o.sampleTable().ptsTicks(i) + a).isEqualTo(expected.get(i).ptsTicks());
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
