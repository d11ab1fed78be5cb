package dev.rrdvideo.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoFrameReferenceChunk;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.Fixtures;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** B-frame policy, asset mode, damaged input, parity with Rerun, switching asset/stream. */
class ConvertPoliciesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4/h264_bframes.mp4",
        "mp4/h265_bframes.mp4",
        "realworld/mp4parser_foreman-hevc-384.mp4",
        "realworld/mp4ff_prog_8s.mp4",
        "realworld/mp4parser_BBB_fixedres_B_180x320_80.mp4"
      })
  void bFramesAreRefusedWithTheWayOut(String name) {
    assertThatThrownBy(
            () ->
                Mp4ToRecording.convert(
                    TestData.path(name),
                    OutputStream.nullOutputStream(),
                    ConvertOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("B-frames")
        .hasMessageContaining("--mode asset")
        .hasMessageContaining("--transcode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264_bframes.mp4", "mp4/h265_bframes.mp4", "mp4/h264_base.mp4"})
  void assetModeKeepsTheFileAndReferencesEveryFrame(String name) throws Exception {
    Path rrd = dir.resolve("asset.rrd");
    try (OutputStream out = Files.newOutputStream(rrd)) {
      Mp4ToRecording.convert(
          TestData.path(name),
          out,
          ConvertOptions.builder().mode(ConvertOptions.Mode.ASSET).build());
    }
    List<Long> ptsTicks = new ArrayList<>();
    for (Ffprobe.Packet p : Ffprobe.video(name).packets()) {
      ptsTicks.add(p.ptsTicks());
    }
    ptsTicks.sort(null);
    List<Long> refs = new ArrayList<>();
    byte[] blob = null;
    try (RrdReader r = RrdReader.open(rrd)) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          try (Chunk c = a.decode()) {
            AssetVideoChunk av = AssetVideoChunk.of(c);
            if (av != null) {
              assertThat(c.isStatic()).isTrue();
              assertThat(av.mediaType(0)).isEqualTo("video/mp4");
              ByteBuffer b = av.blob(0);
              blob = new byte[b.remaining()];
              b.get(blob);
            }
            VideoFrameReferenceChunk f = VideoFrameReferenceChunk.of(c);
            if (f != null) {
              for (int i = 0; i < c.rowCount(); i++) {
                refs.add(f.timestampNanos(i));
                assertThat(c.timeColumn("video").value(i)).isEqualTo(f.timestampNanos(i));
              }
            }
          }
        }
      }
    }
    assertThat(blob).isEqualTo(TestData.bytes(name));
    assertThat(refs).hasSize(ptsTicks.size()).isSorted();
    // Rerun's zero point: smallest presentation time is 0, edit list ignored
    assertThat(refs.get(0)).isZero();
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(name))) {
      var ts = d.videoTrack().timescale();
      for (int i = 0; i < refs.size(); i++) {
        assertThat(refs.get(i)).isEqualTo(ts.toNanos(ptsTicks.get(i) - ptsTicks.get(0)));
      }
    }
  }

  /** Every damaged fixture, and the real-world MP4s the converter must refuse. */
  static List<String> refusedMp4s() {
    List<String> out = new ArrayList<>(Fixtures.damagedMp4());
    out.add("realworld/mp4parse_chunk_out_of_range.mp4");
    out.add("realworld/mp4parse_no_timescale.mp4");
    out.add("realworld/mp4parse_bipbop_nonfragment_header.mp4");
    return out;
  }

  @ParameterizedTest
  @MethodSource("refusedMp4s")
  void damagedMp4sGetTypedErrorsWithAPosition(String name) {
    assertThatThrownBy(
            () ->
                Mp4ToRecording.convert(
                    TestData.path(name),
                    OutputStream.nullOutputStream(),
                    ConvertOptions.defaults()))
        .isInstanceOf(RrdVideoException.class)
        .satisfies(
            e -> {
              RrdVideoException x = (RrdVideoException) e;
              assertThat(x.getMessage()).isNotBlank();
              if (x instanceof Mp4FormatException m) {
                assertThat(m.offset()).isGreaterThanOrEqualTo(0);
                assertThat(m.getMessage()).contains("(");
              }
            });
  }

  /**
   * The recording our converter makes from asset_h264_nobf.mp4 carries the same stream Rerun stored
   * in stream_h264.rrd (same source encode): same codec value, same NAL units per sample, the same
   * parameter sets on the same keyframes; only start-code lengths may differ.
   */
  @Test
  void convertedStreamMatchesWhatRerunWrote() throws Exception {
    Path ours = dir.resolve("ours.rrd");
    try (OutputStream out = Files.newOutputStream(ours)) {
      Mp4ToRecording.convert(
          TestData.path("rerun/asset_h264_nobf.mp4"), out, ConvertOptions.defaults());
    }
    List<List<String>> a = nalsOf(ours);
    List<List<String>> b = nalsOf(TestData.path("rerun/stream_h264.rrd"));
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("sample %d", i).containsExactlyElementsOf(b.get(i));
    }
  }

  private static List<List<String>> nalsOf(Path rrd) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (RrdFile f = RrdFile.open(rrd);
        VideoStreamReader r =
            VideoStreamReader.open(f, VideoStreamReader.videoStreamEntities(f).get(0), null)) {
      assertThat(r.codec()).isEqualTo(VideoCodec.H264);
      AnnexB.Cursor c = new AnnexB.Cursor();
      while (r.next()) {
        byte[] s = new byte[r.sampleSize()];
        r.sample().get(s);
        List<String> nals = new ArrayList<>();
        c.reset(s, 0, s.length);
        while (c.next()) {
          nals.add(HexFormat.of().formatHex(s, c.start(), c.start() + c.length()));
        }
        out.add(nals);
      }
    }
    return out;
  }

  @Test
  void assetAndStreamSwitchInsideARecording() throws Exception {
    Path streamed = dir.resolve("streamed.rrd");
    try (OutputStream out = Files.newOutputStream(streamed)) {
      RecordingVideoConverter.convert(
          TestData.path("rerun/asset_h264_nobf.rrd"), out, ConvertOptions.defaults());
    }
    assertThat(RrdVerifier.verify(Files.newInputStream(streamed), "s").ok()).isTrue();
    Path asset = dir.resolve("asset.rrd");
    try (OutputStream out = Files.newOutputStream(asset)) {
      RecordingVideoConverter.convert(
          streamed, out, ConvertOptions.builder().mode(ConvertOptions.Mode.ASSET).build());
    }
    assertThat(RrdVerifier.verify(Files.newInputStream(asset), "a").ok()).isTrue();
    // the asset made from the stream plays the same samples as the original MP4
    ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
    RecordingToMp4.convert(asset, mp4, ConvertOptions.defaults());
    try (Mp4Demuxer a = Mp4Demuxer.open(mp4.toByteArray(), "exported");
        Mp4Demuxer b = Mp4Demuxer.open(TestData.path("rerun/asset_h264_nobf.mp4"))) {
      var sa = a.videoTrack().sampleTable();
      var sb = b.videoTrack().sampleTable();
      assertThat(sa.size()).isEqualTo(sb.size());
      for (int i = 0; i < sa.size(); i++) {
        assertThat(sa.ptsNanos(i)).isEqualTo(sb.ptsNanos(i));
        assertThat(sa.isKeyframe(i)).isEqualTo(sb.isKeyframe(i));
        byte[] x = new byte[sa.sizeBytes(i)];
        byte[] y = new byte[sb.sizeBytes(i)];
        a.videoTrack().readSample(i, x);
        b.videoTrack().readSample(i, y);
        assertThat(ConvertRoundTripTest.nonParameterNals(VideoCodec.H264, x, x.length, 4))
            .isEqualTo(ConvertRoundTripTest.nonParameterNals(VideoCodec.H264, y, y.length, 4));
      }
    }
    try (RrdFile f = RrdFile.open(asset)) {
      assertThat(f.chunks(EntityPath.parse("/asset_h264_nobf.mp4"))).hasSize(2);
    }
  }
}
