package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.testdata.TestData;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The VUI of {@link H264Sps}: the colour facts ffprobe reports, and the limits of E.2.1. */
class H264SpsVuiTest {
  @Test
  void aGoProSpsSaysFullRangeBt709AsFfprobeReportsIt() throws Exception {
    // ffprobe -show_entries stream=color_range,color_space: pc, bt709
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("realworld/gopro_karma_cut4.mp4"))) {
      byte[] nal = ((AvcConfig) d.videoTrack().decoderConfig()).sequenceParameterSets().get(0);
      H264Sps sps = H264Sps.parse(nal, 0, nal.length);
      assertThat(sps.vui()).isEqualTo(new H264Sps.Vui(true, true, 1));
    }
  }

  @Test
  void withoutVuiOrWithABrokenOneTheRestOfTheSpsStands() throws Exception {
    // testdata mp4/h264_base.mp4 (x264): VUI with timing and bitstream restriction, no colours
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path("mp4/h264_base.mp4"))) {
      byte[] nal = ((AvcConfig) d.videoTrack().decoderConfig()).sequenceParameterSets().get(0);
      H264Sps sps = H264Sps.parse(nal, 0, nal.length);
      assertThat(sps.vui()).isEqualTo(new H264Sps.Vui(true, false, 2));
      // cut inside the VUI: the SPS is still 160x120, its VUI unknown
      H264Sps cut = H264Sps.parse(nal, 0, nal.length - 4);
      assertThat(cut.width()).isEqualTo(160);
      assertThat(cut.vui()).isNull();
    }
    // Baseline 16x16, no VUI (vui_parameters_present_flag 0): 67 42 00 0a f8 41 a2
    byte[] none = HexFormat.of().parseHex("674200" + "0af841a2");
    assertThat(H264Sps.parse(none, 0, none.length).vui()).isEqualTo(H264Sps.Vui.ABSENT);
  }
}
