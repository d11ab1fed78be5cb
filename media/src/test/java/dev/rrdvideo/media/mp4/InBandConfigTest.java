package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.media.framing.InBandConfig;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration rebuilt from in-band data ({@link InBandConfig}, used for VideoStream to MP4
 * export) agrees with what the encoders and muxers of real files and fixtures wrote in their
 * configuration boxes. The in-band data is taken from the file itself: the parameter sets of the
 * box as an Annex B keyframe prefix (H.264/H.265), the sequence header OBU (AV1), or the first key
 * frame (VP9). Fields the bitstream does not carry are not compared: for H.265
 * min_spatial_segmentation_idc, parallelismType, frame rates and SEI arrays; for AV1 the initial
 * presentation delay; for VP9 the level, colour description and 4:2:0 chroma siting.
 */
class InBandConfigTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "realworld/mp4ff_prog_8s.mp4",
        "realworld/mp4ff_nallister_h264.mp4",
        "realworld/mp4ff_ed_hevc.mp4",
        "realworld/mp4ff_stereo_spatial.mp4",
        "realworld/mp4parse_hevc_white_frame.mp4",
        "realworld/mp4parse_tiny_av1.mp4",
        "realworld/mp4parse_video_rotation_90.mp4",
        "realworld/mp4parser_BBB_fixedres_B_180x320_80.mp4",
        "realworld/mp4parser_foreman-hevc-384.mp4",
        "realworld/mp4parse_no_timescale.mp4",
        "mp4/h264_base.mp4",
        "mp4/h264_bframes.mp4",
        "mp4/h265_hvc1.mp4",
        "mp4/h265_bframes.mp4",
        "mp4/av1.mp4",
        "mp4/vp9.mp4",
      })
  void rebuiltConfigMatchesTheFile(String name) throws Exception {
    try (Mp4Demuxer d = Mp4Demuxer.open(TestData.path(name))) {
      Mp4Track t = d.videoTrack();
      DecoderConfig file = t.decoderConfig();
      byte[] inBand;
      if (file instanceof AvcConfig a) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        annexB(b, a.sequenceParameterSets());
        annexB(b, a.pictureParameterSets());
        inBand = b.toByteArray();
      } else if (file instanceof HevcConfig h) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        annexB(b, h.nalUnits(HevcConfig.NAL_VPS));
        annexB(b, h.nalUnits(HevcConfig.NAL_SPS));
        annexB(b, h.nalUnits(HevcConfig.NAL_PPS));
        inBand = b.toByteArray();
      } else if (file instanceof Av1Config a) {
        inBand = a.configObus();
      } else {
        assertThat(t.sampleTable().isKeyframe(0)).isTrue();
        inBand = new byte[t.sampleTable().sizeBytes(0)];
        t.readSample(0, inBand);
      }
      InBandConfig r = InBandConfig.fromKeyframe(t.codec(), inBand, 0, inBand.length);
      assertThat(r).as(name).isNotNull();
      assertThat(r.width()).as("width").isEqualTo(t.widthPixels());
      assertThat(r.height()).as("height").isEqualTo(t.heightPixels());
      DecoderConfig rebuilt = r.config();
      assertThat(rebuilt.boxType()).isEqualTo(file.boxType());

      if (file instanceof AvcConfig f) {
        AvcConfig g = (AvcConfig) rebuilt;
        assertThat(g.profileIndication()).isEqualTo(f.profileIndication());
        assertThat(g.profileCompatibility()).isEqualTo(f.profileCompatibility());
        assertThat(g.levelIndication()).isEqualTo(f.levelIndication());
        assertThat(g.sequenceParameterSets())
            .usingElementComparator(java.util.Arrays::compare)
            .containsExactlyElementsOf(f.sequenceParameterSets());
        if (f.highProfileExtension() != null) {
          AvcConfig.HighProfileExtension fe = f.highProfileExtension();
          AvcConfig.HighProfileExtension ge = g.highProfileExtension();
          if (name.endsWith("mp4parse_no_timescale.mp4")) {
            // This file's avcC trailer says chroma_format 0 (monochrome), but the stream is
            // 4:2:0 (ffprobe: yuv420p) as its SPS says: the rebuilt record is the right one.
            assertThat(fe.chromaFormat()).isZero();
            assertThat(ge.chromaFormat()).isEqualTo(1);
            assertThat(Ffprobe.video(name).text("pix_fmt")).isEqualTo("yuv420p");
          } else {
            assertThat(ge.chromaFormat()).as("chroma_format").isEqualTo(fe.chromaFormat());
          }
          assertThat(ge.bitDepthLumaMinus8()).isEqualTo(fe.bitDepthLumaMinus8());
          assertThat(ge.bitDepthChromaMinus8()).isEqualTo(fe.bitDepthChromaMinus8());
        }
      } else if (file instanceof HevcConfig f) {
        HevcConfig g = (HevcConfig) rebuilt;
        assertThat(g.generalProfileSpace()).isEqualTo(f.generalProfileSpace());
        assertThat(g.generalTierFlag()).isEqualTo(f.generalTierFlag());
        assertThat(g.generalProfileIdc()).isEqualTo(f.generalProfileIdc());
        assertThat(g.generalProfileCompatibilityFlags())
            .isEqualTo(f.generalProfileCompatibilityFlags());
        assertThat(g.generalConstraintIndicatorFlags())
            .isEqualTo(f.generalConstraintIndicatorFlags());
        assertThat(g.generalLevelIdc()).isEqualTo(f.generalLevelIdc());
        assertThat(g.chromaFormatIdc()).isEqualTo(f.chromaFormatIdc());
        assertThat(g.bitDepthLumaMinus8()).isEqualTo(f.bitDepthLumaMinus8());
        assertThat(g.bitDepthChromaMinus8()).isEqualTo(f.bitDepthChromaMinus8());
        assertThat(g.numTemporalLayers()).as("numTemporalLayers").isEqualTo(f.numTemporalLayers());
        // temporalIdNested 1 asserts sps_temporal_id_nesting_flag for every SPS; a writer may
        // leave it 0 (not asserted) even when it holds, as the MV-HEVC spatial video does.
        if (!name.endsWith("mp4ff_stereo_spatial.mp4")) {
          assertThat(g.temporalIdNested()).isEqualTo(f.temporalIdNested());
        }
      } else if (file instanceof Av1Config f) {
        Av1Config g = (Av1Config) rebuilt;
        assertThat(g.seqProfile()).isEqualTo(f.seqProfile());
        assertThat(g.seqLevelIdx0()).isEqualTo(f.seqLevelIdx0());
        assertThat(g.seqTier0()).isEqualTo(f.seqTier0());
        assertThat(g.highBitdepth()).isEqualTo(f.highBitdepth());
        assertThat(g.twelveBit()).isEqualTo(f.twelveBit());
        assertThat(g.monochrome()).isEqualTo(f.monochrome());
        assertThat(g.chromaSubsamplingX()).isEqualTo(f.chromaSubsamplingX());
        assertThat(g.chromaSubsamplingY()).isEqualTo(f.chromaSubsamplingY());
        assertThat(g.chromaSamplePosition()).isEqualTo(f.chromaSamplePosition());
        assertThat(g.configObus()).isEqualTo(f.configObus());
      } else {
        VpConfig f = (VpConfig) file;
        VpConfig g = (VpConfig) rebuilt;
        assertThat(g.profile()).isEqualTo(f.profile());
        assertThat(g.bitDepth()).isEqualTo(f.bitDepth());
        assertThat(g.videoFullRangeFlag()).isEqualTo(f.videoFullRangeFlag());
        assertThat(g.chromaSubsampling() <= 1).isEqualTo(f.chromaSubsampling() <= 1);
      }
    }
  }

  private static void annexB(ByteArrayOutputStream b, List<byte[]> nals) {
    for (byte[] n : nals) {
      b.writeBytes(new byte[] {0, 0, 0, 1});
      b.writeBytes(n);
    }
  }

  /**
   * A keyframe with 32 distinct SPS NAL units cannot be described by an avcC record (5-bit count):
   * no configuration (the exporter then refuses with a typed error) instead of the record's
   * IllegalArgumentException.
   */
  @org.junit.jupiter.api.Test
  void parameterSetsNoRecordCanHoldGiveNoConfiguration() throws Exception {
    byte[] clean = TestData.bytes("annexb/h264.h264");
    // the first access unit's SPS and PPS (found by type, independently of the code under test)
    java.util.List<byte[]> nals = new java.util.ArrayList<>();
    int i = 0;
    while ((i = indexOf(clean, i)) >= 0 && nals.size() < 4) {
      int start = i + 3;
      int next = indexOf(clean, start);
      int end = next < 0 ? clean.length : next;
      while (end > start && clean[end - 1] == 0) {
        end--;
      }
      nals.add(java.util.Arrays.copyOfRange(clean, start, end));
      i = start;
    }
    byte[] sps = nals.stream().filter(n -> (n[0] & 0x1F) == 7).findFirst().orElseThrow();
    byte[] pps = nals.stream().filter(n -> (n[0] & 0x1F) == 8).findFirst().orElseThrow();
    ByteArrayOutputStream k = new ByteArrayOutputStream();
    for (int n = 0; n < 32; n++) {
      k.writeBytes(new byte[] {0, 0, 0, 1});
      k.writeBytes(sps);
      k.writeBytes(new byte[n + 1]); // distinct trailing zero-bit bytes: 32 different units
      k.write(0x80);
    }
    k.writeBytes(new byte[] {0, 0, 0, 1});
    k.writeBytes(pps);
    byte[] b = k.toByteArray();
    assertThat(InBandConfig.fromKeyframe(dev.rrdvideo.format.video.VideoCodec.H264, b, 0, b.length))
        .isNull();
    // with one SPS the same keyframe gives a configuration
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    one.writeBytes(new byte[] {0, 0, 0, 1});
    one.writeBytes(sps);
    one.writeBytes(new byte[] {0, 0, 0, 1});
    one.writeBytes(pps);
    byte[] o = one.toByteArray();
    assertThat(InBandConfig.fromKeyframe(dev.rrdvideo.format.video.VideoCodec.H264, o, 0, o.length))
        .isNotNull();
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i + 2 < b.length; i++) {
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }
}
