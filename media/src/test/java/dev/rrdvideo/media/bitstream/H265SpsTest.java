package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.Ffprobe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link H265Sps} on spec vectors made by libx265 ({@code headers/h265_*}: conformance windows at
 * odd and even sizes, every chroma format, 10-bit, the range extensions profile), against ffprobe's
 * stream record and FFmpeg's own trace of the SPS (see {@link Ffprobe}).
 */
class H265SpsTest {
  /** ffprobe's profile names and their general_profile_idc. */
  private static final Map<String, Integer> PROFILES = Map.of("Main", 1, "Main 10", 2, "Rext", 4);

  static List<String> vectors() {
    return HeaderVectors.named(".h265");
  }

  static H265Sps sps(String fixture) {
    return HeaderVectors.firstNal(fixture, true, 33, H265Sps::parse);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void everyFieldEqualsWhatFfmpegRead(String fixture) {
    Ffprobe ff = Ffprobe.video(fixture);
    H265Sps s = sps(fixture);
    // -show_streams
    assertThat(s.width()).as("width").isEqualTo(ff.width());
    assertThat(s.height()).as("height").isEqualTo(ff.height());
    assertThat(s.generalProfileIdc()).isEqualTo(PROFILES.get(ff.text("profile")));
    assertThat(s.generalLevelIdc()).isEqualTo(ff.stream().get("level").asInt());
    assertThat(s.chromaFormatIdc()).isEqualTo(ff.chromaFormatIdc());
    assertThat(s.bitDepthLuma()).isEqualTo(ff.bitDepth());
    // FFmpeg's trace of the SPS
    assertThat(s.generalProfileSpace()).isEqualTo(ff.header("general_profile_space"));
    assertThat(s.generalTierFlag()).isEqualTo(ff.header("general_tier_flag") == 1);
    assertThat(s.generalProfileIdc()).isEqualTo(ff.header("general_profile_idc"));
    int compatibility = 0;
    for (int j = 0; j < 32; j++) {
      compatibility |= (int) ff.header("general_profile_compatibility_flag[" + j + "]") << (31 - j);
    }
    assertThat(s.generalProfileCompatibilityFlags()).isEqualTo(compatibility);
    assertThat(s.maxSubLayers()).isEqualTo(1 + ff.header("sps_max_sub_layers_minus1"));
    assertThat(s.temporalIdNesting()).isEqualTo(ff.header("sps_temporal_id_nesting_flag") == 1);
    assertThat(s.spsId()).isEqualTo(ff.header("sps_seq_parameter_set_id"));
    assertThat(s.chromaFormatIdc()).isEqualTo(ff.header("chroma_format_idc"));
    assertThat(s.bitDepthLuma()).isEqualTo(8 + ff.header("bit_depth_luma_minus8"));
    assertThat(s.bitDepthChroma()).isEqualTo(8 + ff.header("bit_depth_chroma_minus8"));
    assertThat(s.log2MaxPicOrderCntLsb())
        .isEqualTo(4 + ff.header("log2_max_pic_order_cnt_lsb_minus4"));
    assertThat(s.separateColourPlane()).isFalse();
  }

  @Test
  void conformanceWindowIsInChromaUnitsFor420() {
    // 66x38 is coded as 80x48; the window takes 7 and 5 units of two pixels off
    String f = "headers/h265_conf_66x38.h265";
    Ffprobe ff = Ffprobe.video(f);
    assertThat(ff.header("conformance_window_flag")).isOne();
    assertThat(ff.header("pic_width_in_luma_samples")).isEqualTo(80);
    assertThat(ff.header("conf_win_right_offset")).isEqualTo(7);
    assertThat(ff.header("conf_win_bottom_offset")).isEqualTo(5);
    assertThat(sps(f)).extracting(H265Sps::width, H265Sps::height).containsExactly(66, 38);
  }

  @Test
  void conformanceWindowIsInLumaUnitsFor444AndMonochrome() {
    Ffprobe ff = Ffprobe.video("headers/h265_main444_65x37.h265");
    assertThat(ff.header("conf_win_right_offset")).isEqualTo(15); // 80 - 65, one pixel a unit
    H265Sps s444 = sps("headers/h265_main444_65x37.h265");
    assertThat(s444.chromaFormatIdc()).isEqualTo(3);
    assertThat(s444).extracting(H265Sps::width, H265Sps::height).containsExactly(65, 37);
    H265Sps grey = sps("headers/h265_gray_63x35.h265");
    assertThat(grey.chromaFormatIdc()).isZero();
    assertThat(grey).extracting(H265Sps::width, H265Sps::height).containsExactly(63, 35);
  }

  @Test
  void main422TenBit() {
    H265Sps s = sps("headers/h265_main422_10bit_64x48.h265");
    assertThat(s.generalProfileIdc()).isEqualTo(4); // format range extensions
    assertThat(s.chromaFormatIdc()).isEqualTo(2);
    assertThat(s.bitDepthLuma()).isEqualTo(10);
    assertThat(s.bitDepthChroma()).isEqualTo(10);
  }
}
