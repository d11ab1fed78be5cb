package dev.rrdvideo.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.media.bitstream.PictureOrder;
import dev.rrdvideo.media.framing.NalFraming;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import dev.rrdvideo.testdata.TestData;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Defect 8 of issue 7: raw H.264/H.265 streams with B-frames used to become a VideoStream with
 * times in decode order; now they are refused like the same content in an MP4, and the presentation
 * order read from the bitstream agrees with the MP4's composition times.
 */
class RawStreamReorderingTest {
  private static ConvertedVideo convert(String name, VideoCodec codec) throws IOException {
    return ElementaryStreams.toRecording(
        TestData.open(name),
        name.substring(name.lastIndexOf('/') + 1),
        codec == VideoCodec.H264 ? MediaKind.ANNEXB_H264 : MediaKind.ANNEXB_H265,
        OutputStream.nullOutputStream(),
        ConvertOptions.builder().fps(30).build());
  }

  @ParameterizedTest
  @CsvSource({
    "annexb/h264_bf3.h264, H264",
    "annexb/h265_bframes.h265, H265",
    "realworld/mp4parser_count.h264, H264",
    "realworld/mp4ff_hevc.265, H265"
  })
  void bFrameStreamsAreRefusedWithTheWayOut(String name, VideoCodec codec) {
    assertThatThrownBy(() -> convert(name, codec))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageStartingWith("the stream has B-frames: access unit ")
        .hasMessageContaining("mux it into an MP4 first")
        .hasMessageContaining("--mode asset")
        .hasMessageContaining("--transcode")
        .satisfies(e -> assertThat(((UnsupportedFeatureException) e).offset()).isPositive());
  }

  @ParameterizedTest
  @CsvSource({
    "annexb/h264.h264, H264, 30",
    "annexb/h265.h265, H265, 30",
    "realworld/mp4ff_4pics.264, H264, 4",
    "rerun/stream_h264.h264, H264, 30"
  })
  void streamsWithoutBFramesStillConvert(String name, VideoCodec codec, int samples)
      throws IOException {
    assertThat(convert(name, codec).samples()).isEqualTo(samples);
  }

  /**
   * The picture order counts of an MP4's samples (rewritten to Annex B) order the samples of each
   * GOP exactly as the MP4's presentation times do.
   */
  @ParameterizedTest
  @CsvSource({
    "mp4/h264_bframes.mp4",
    "mp4/h265_bframes.mp4",
    "realworld/mp4parser_foreman-hevc-384.mp4"
  })
  void pictureOrderCountsFollowTheMp4PresentationTimes(String name) throws IOException {
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(name))) {
      Mp4Track t = d.videoTrack();
      SampleTable s = t.sampleTable();
      NalFraming framing = NalFraming.forConfig(t.decoderConfig(), name);
      PictureOrder order = new PictureOrder(t.codec());
      byte[] buf = new byte[t.maxSampleSizeBytes()];
      long[] poc = new long[s.size()];
      boolean anyBefore = false;
      for (int i = 0; i < s.size(); i++) {
        int len = t.readSample(i, buf);
        framing.convert(buf, 0, len, s.isKeyframe(i), i, s.offsetBytes(i));
        anyBefore |= order.next(framing.buffer(), 0, framing.size());
        poc[i] = order.lastPictureOrderCount();
      }
      assertThat(anyBefore).isTrue();
      assertThat(order.reordered()).isTrue();
      int compared = 0;
      for (int i = 0; i < s.size(); i++) {
        for (int j = i + 1; j < s.size() && s.gopIndex(j) == s.gopIndex(i); j++) {
          assertThat(Long.signum(poc[j] - poc[i]))
              .as("%s samples %d and %d", name, i, j)
              .isEqualTo(Long.signum(s.ptsTicks(j) - s.ptsTicks(i)));
          compared++;
        }
      }
      assertThat(compared).isGreaterThan(s.size());
    }
  }

  @Test
  void theRefusalNamesTheFirstReorderedUnitAndItsOffset() throws IOException {
    // found independently with ffprobe: packets (decode order) are at 0, 2254, 2953, 3164, ...;
    // frames in presentation order are at 0 (I), 3164 (B), 2953 (B), 3353 (B), 2254 (P): unit 2
    // (at 2953) is the first one shown before a unit decoded earlier (the P at 2254)
    AccessUnitReader r =
        AccessUnitReader.open(TestData.open("annexb/h264_bf3.h264"), VideoCodec.H264, "x");
    long offsetOfUnit2 = -1;
    while (r.next()) {
      if (r.index() == 2) {
        offsetOfUnit2 = r.unitOffset();
      }
    }
    long offset = offsetOfUnit2;
    assertThatThrownBy(() -> convert("annexb/h264_bf3.h264", VideoCodec.H264))
        .hasMessageStartingWith("the stream has B-frames: access unit 2 is presented before")
        .satisfies(e -> assertThat(((UnsupportedFeatureException) e).offset()).isEqualTo(offset));
  }
}
