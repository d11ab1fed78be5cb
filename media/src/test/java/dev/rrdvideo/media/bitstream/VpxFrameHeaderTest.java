package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.Fixtures;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VpxFrameHeader} on spec vectors made by libvpx ({@code headers/vp9_*}: profiles 1 to 3,
 * 4:4:4, 4:4:0, 4:2:0 at 10 and 12 bits, odd sizes; {@code headers/vp8_*}: an odd size) and on the
 * generated IVF streams, against ffprobe's stream record and packet table.
 */
class VpxFrameHeaderTest {
  static List<String> vectors() {
    return HeaderVectors.named(".ivf");
  }

  static List<String> allIvf() {
    return java.util.stream.Stream.concat(vectors().stream(), Fixtures.media("ivf/").stream())
        .filter(n -> !n.contains("av1"))
        .toList();
  }

  /** The headers of every frame of an IVF fixture. */
  static List<VpxFrameHeader> headers(String fixture) throws Exception {
    IvfReader r = IvfReader.open(new ByteArrayInputStream(TestData.bytes(fixture)), fixture);
    java.util.ArrayList<VpxFrameHeader> out = new java.util.ArrayList<>();
    while (r.next()) {
      out.add(
          r.codec() == VideoCodec.VP9
              ? VpxFrameHeader.vp9(r.frame(), 0, r.frameSize())
              : VpxFrameHeader.vp8(r.frame(), 0, r.frameSize()));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void theKeyFrameEqualsWhatFfmpegRead(String fixture) throws Exception {
    Ffprobe ff = Ffprobe.video(fixture);
    VpxFrameHeader h = headers(fixture).get(0);
    assertThat(h.keyframe()).isTrue();
    assertThat(h.shown()).isTrue();
    assertThat(h.width()).isEqualTo(ff.width());
    assertThat(h.height()).isEqualTo(ff.height());
    // ffprobe: "Profile 2" for VP9, "0" for VP8
    String profile = ff.text("profile");
    assertThat(h.profile()).isEqualTo(Integer.parseInt(profile.substring(profile.length() - 1)));
    assertThat(h.bitDepth()).isEqualTo(ff.bitDepth());
    assertThat(new int[] {h.subsamplingX(), h.subsamplingY()}).isEqualTo(ff.chromaSubsampling());
  }

  @ParameterizedTest
  @MethodSource("allIvf")
  void keyframesAreTheOnesFfprobeFlags(String fixture) throws Exception {
    List<VpxFrameHeader> hs = headers(fixture);
    List<Ffprobe.Packet> packets = Ffprobe.video(fixture).packets();
    assertThat(hs).hasSameSizeAs(packets);
    for (int i = 0; i < hs.size(); i++) {
      assertThat(hs.get(i).keyframe())
          .as("%s frame %d", fixture, i)
          .isEqualTo(packets.get(i).key());
    }
  }

  @Test
  void vp9ProfilesOneToThree() throws Exception {
    VpxFrameHeader p1 = headers("headers/vp9_p1_444_65x37.ivf").get(0);
    assertThat(p1.profile()).isEqualTo(1);
    assertThat(p1.subsamplingX()).isZero();
    assertThat(p1.subsamplingY()).isZero();
    assertThat(p1.width()).isEqualTo(65);
    VpxFrameHeader p1v = headers("headers/vp9_p1_440_64x48.ivf").get(0);
    assertThat(p1v.subsamplingX()).isZero();
    assertThat(p1v.subsamplingY()).isOne();
    VpxFrameHeader p2 = headers("headers/vp9_p2_420_10bit_66x38.ivf").get(0);
    assertThat(p2.profile()).isEqualTo(2);
    assertThat(p2.bitDepth()).isEqualTo(10);
    VpxFrameHeader p3 = headers("headers/vp9_p3_444_12bit_65x37.ivf").get(0);
    assertThat(p3.profile()).isEqualTo(3);
    assertThat(p3.bitDepth()).isEqualTo(12);
    assertThat(p3.subsamplingX()).isZero();
    assertThat(p3.height()).isEqualTo(37);
  }
}
