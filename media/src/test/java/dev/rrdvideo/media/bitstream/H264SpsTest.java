package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.Ffprobe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link H264Sps} on spec vectors made by libx264 ({@code headers/h264_*}: cropping at odd and even
 * sizes, every chroma format, 10-bit, High 4:2:2 and 4:4:4, interlace, scaling lists in the SPS),
 * against ffprobe's stream record and FFmpeg's own trace of the SPS (see {@link Ffprobe}).
 */
class H264SpsTest {
  /** ffprobe's profile names (H.264 Annex A) and their profile_idc. */
  private static final Map<String, Integer> PROFILES =
      Map.of(
          "Constrained Baseline", 66,
          "High", 100,
          "High 4:2:2", 122,
          "High 4:2:2 Intra", 122,
          "High 4:4:4 Predictive", 244);

  static List<String> vectors() {
    return HeaderVectors.named(".h264");
  }

  static H264Sps sps(String fixture) {
    return HeaderVectors.firstNal(fixture, false, 7, H264Sps::parse);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void everyFieldEqualsWhatFfmpegRead(String fixture) {
    Ffprobe ff = Ffprobe.video(fixture);
    H264Sps s = sps(fixture);
    // -show_streams
    assertThat(s.width()).as("width").isEqualTo(ff.width());
    assertThat(s.height()).as("height").isEqualTo(ff.height());
    assertThat(s.profileIdc()).isEqualTo(PROFILES.get(ff.text("profile")));
    assertThat(s.levelIdc()).isEqualTo(ff.stream().get("level").asInt());
    assertThat(s.bitDepthLuma()).isEqualTo(ff.bitDepth());
    assertThat(s.bitDepthChroma()).isEqualTo(ff.bitDepth());
    // FFmpeg's trace of the SPS
    assertThat(s.profileIdc()).isEqualTo(ff.header("profile_idc"));
    assertThat(s.levelIdc()).isEqualTo(ff.header("level_idc"));
    assertThat(s.spsId()).isEqualTo(ff.header("seq_parameter_set_id"));
    int constraints = 0;
    for (int i = 0; i <= 5; i++) {
      constraints |= (int) ff.header("constraint_set" + i + "_flag") << (7 - i);
    }
    assertThat(s.constraintFlags()).isEqualTo(constraints | (int) ff.header("reserved_zero_2bits"));
    boolean high = s.profileIdc() >= 100;
    assertThat(s.chromaFormatIdc()).isEqualTo(high ? ff.header("chroma_format_idc") : 1);
    assertThat(s.frameMbsOnly()).isEqualTo(ff.header("frame_mbs_only_flag") == 1);
    assertThat(s.log2MaxFrameNum()).isEqualTo(4 + ff.header("log2_max_frame_num_minus4"));
    assertThat(s.picOrderCntType()).isEqualTo(ff.header("pic_order_cnt_type"));
    if (s.picOrderCntType() == 0) {
      assertThat(s.log2MaxPicOrderCntLsb())
          .isEqualTo(4 + ff.header("log2_max_pic_order_cnt_lsb_minus4"));
    }
    assertThat(s.separateColourPlane()).isFalse();
  }

  @Test
  void croppingIsInChromaUnitsFor420() {
    // 66x38 is coded as 5x3 macroblocks (80x48) and cropped by 7 and 5 units of two pixels
    String f = "headers/h264_crop_66x38.h264";
    Ffprobe ff = Ffprobe.video(f);
    assertThat(ff.header("frame_cropping_flag")).isOne();
    assertThat(ff.header("frame_crop_right_offset")).isEqualTo(7);
    assertThat(ff.header("frame_crop_bottom_offset")).isEqualTo(5);
    assertThat(sps(f)).extracting(H264Sps::width, H264Sps::height).containsExactly(66, 38);
  }

  @Test
  void croppingIsInLumaUnitsFor444AndMonochrome() {
    H264Sps high444 = sps("headers/h264_high444_65x37.h264");
    assertThat(high444.chromaFormatIdc()).isEqualTo(3);
    assertThat(high444).extracting(H264Sps::width, H264Sps::height).containsExactly(65, 37);
    // grey: ffprobe prints yuvj420p (FFmpeg 5.1 decodes 4:0:0 as 4:2:0), the SPS says 0
    Ffprobe grey = Ffprobe.video("headers/h264_gray_61x29.h264");
    assertThat(grey.header("chroma_format_idc")).isZero();
    H264Sps mono = sps("headers/h264_gray_61x29.h264");
    assertThat(mono.chromaFormatIdc()).isZero();
    assertThat(mono).extracting(H264Sps::width, H264Sps::height).containsExactly(61, 29);
  }

  @Test
  void high422TenBit() {
    H264Sps s = sps("headers/h264_high422_10bit_64x48.h264");
    assertThat(s.profileIdc()).isEqualTo(122);
    assertThat(s.chromaFormatIdc()).isEqualTo(2);
    assertThat(s.bitDepthLuma()).isEqualTo(10);
    assertThat(s.bitDepthChroma()).isEqualTo(10);
  }

  @Test
  void interlacedFramesAreTwoFieldsOfMapUnits() {
    // frame_mbs_only_flag 0: 2 map units of 32 lines = 64 coded lines, cropped by 6 units of 4
    String f = "headers/h264_interlaced_64x40.h264";
    Ffprobe ff = Ffprobe.video(f);
    assertThat(ff.text("field_order")).isEqualTo("tt");
    assertThat(ff.header("pic_height_in_map_units_minus1")).isEqualTo(1);
    assertThat(ff.header("frame_crop_bottom_offset")).isEqualTo(6);
    H264Sps s = sps(f);
    assertThat(s.frameMbsOnly()).isFalse();
    assertThat(s.height()).isEqualTo(40);
  }

  @Test
  void scalingListsInTheSpsAreSkippedExactly() {
    // AVC-Intra 100 1080i: 4x4 and 8x8 scaling lists in the SPS, then the fields that need them
    // read right: the size (1088 coded lines as 34 map units of 32, cropped by 4 units of 2 lines
    // for 4:2:2 fields) and the interlace flag, which come after the lists
    String f = "headers/h264_avcintra100_1080i.h264";
    Ffprobe ff = Ffprobe.video(f);
    assertThat(ff.header("seq_scaling_matrix_present_flag")).isOne();
    assertThat(ff.header("seq_scaling_list_present_flag[1]")).isOne();
    assertThat(ff.header("seq_scaling_list_present_flag[6]")).isOne(); // an 8x8 list
    H264Sps s = sps(f);
    assertThat(s.profileIdc()).isEqualTo(122);
    assertThat(s.chromaFormatIdc()).isEqualTo(2);
    assertThat(s.bitDepthLuma()).isEqualTo(10);
    assertThat(s.frameMbsOnly()).isFalse();
    assertThat(s).extracting(H264Sps::width, H264Sps::height).containsExactly(1920, 1080);
    assertThat(s.log2MaxFrameNum()).isEqualTo(4 + ff.header("log2_max_frame_num_minus4"));
  }
}
