package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Av1SequenceHeader} on spec vectors made by libaom ({@code headers/av1_*}: a still picture
 * with the reduced header, the three profiles, 10- and 12-bit, monochrome, odd sizes), against
 * ffprobe's stream record and FFmpeg's own trace of the sequence header OBU.
 */
class Av1SequenceHeaderTest {
  /** ffprobe's profile names and their seq_profile. */
  private static final Map<String, Integer> PROFILES =
      Map.of("Main", 0, "High", 1, "Professional", 2);

  static List<String> vectors() {
    return HeaderVectors.named(".obu");
  }

  /** The first sequence header of a low-overhead OBU stream. */
  static Av1SequenceHeader header(String fixture) {
    byte[] b = TestData.bytes(fixture);
    ObuCursor c = new ObuCursor().reset(b, 0, b.length);
    while (c.next()) {
      if (c.type() == ObuCursor.SEQUENCE_HEADER) {
        Av1SequenceHeader h = Av1SequenceHeader.parse(b, c.payloadStart(), c.payloadSize());
        assertThat(h).as("sequence header of %s", fixture).isNotNull();
        return h;
      }
    }
    throw new AssertionError("no sequence header in " + fixture);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void everyFieldEqualsWhatFfmpegRead(String fixture) {
    Ffprobe ff = Ffprobe.video(fixture);
    Av1SequenceHeader h = header(fixture);
    // -show_streams (each vector's frames are as large as its maximum)
    assertThat(h.maxFrameWidth()).isEqualTo(ff.width());
    assertThat(h.maxFrameHeight()).isEqualTo(ff.height());
    assertThat(h.seqProfile()).isEqualTo(PROFILES.get(ff.text("profile")));
    assertThat(h.bitDepth()).isEqualTo(ff.bitDepth());
    assertThat(h.monochrome()).isEqualTo(ff.text("pix_fmt").startsWith("gray"));
    assertThat(new int[] {h.subsamplingX(), h.subsamplingY()}).isEqualTo(ff.chromaSubsampling());
    // FFmpeg's trace of the sequence header
    assertThat(h.seqProfile()).isEqualTo(ff.header("seq_profile"));
    assertThat(h.stillPicture()).isEqualTo(ff.header("still_picture") == 1);
    assertThat(h.reducedStillPictureHeader())
        .isEqualTo(ff.header("reduced_still_picture_header") == 1);
    assertThat(h.seqLevelIdx0()).isEqualTo(ff.header("seq_level_idx[0]"));
    assertThat(h.maxFrameWidth()).isEqualTo(1 + ff.header("max_frame_width_minus_1"));
    assertThat(h.maxFrameHeight()).isEqualTo(1 + ff.header("max_frame_height_minus_1"));
    assertThat(h.highBitdepth()).isEqualTo(ff.header("high_bitdepth") == 1);
    assertThat(h.colorRange()).isEqualTo(ff.header("color_range"));
    if (!h.reducedStillPictureHeader()) {
      assertThat(h.frameIdNumbersPresent())
          .isEqualTo(ff.header("frame_id_numbers_present_flag") == 1);
    }
  }

  @Test
  void reducedStillPictureHeader() {
    String f = "headers/av1_still_63x35.obu";
    Ffprobe ff = Ffprobe.video(f);
    assertThat(ff.header("reduced_still_picture_header")).isOne();
    Av1SequenceHeader h = header(f);
    assertThat(h.stillPicture()).isTrue();
    assertThat(h.reducedStillPictureHeader()).isTrue();
    // the fields after the shortened operating-point syntax are read from the right bit
    assertThat(h)
        .extracting(Av1SequenceHeader::maxFrameWidth, Av1SequenceHeader::maxFrameHeight)
        .containsExactly(63, 35);
    assertThat(h.seqTier0()).isZero();
    assertThat(h.decoderModelInfoPresent()).isFalse();
    assertThat(h.frameIdNumbersPresent()).isFalse();
  }

  @Test
  void profilesAndBitDepths() {
    Av1SequenceHeader high = header("headers/av1_high444_65x37.obu");
    assertThat(high.seqProfile()).isEqualTo(1);
    assertThat(high.subsamplingX()).isZero();
    assertThat(high.subsamplingY()).isZero();
    Av1SequenceHeader pro = header("headers/av1_pro422_12bit_64x48.obu");
    assertThat(pro.seqProfile()).isEqualTo(2);
    assertThat(pro.twelveBit()).isTrue();
    assertThat(pro.bitDepth()).isEqualTo(12);
    assertThat(pro.subsamplingX()).isOne();
    assertThat(pro.subsamplingY()).isZero();
    Av1SequenceHeader grey = header("headers/av1_gray10_64x48.obu");
    assertThat(grey.monochrome()).isTrue();
    assertThat(grey.bitDepth()).isEqualTo(10);
  }
}
