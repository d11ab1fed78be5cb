package dev.rrdvideo.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MediaKind}: the one detection that replaced three (inspect's {@code InputKind}, the CLI's
 * {@code ConvertCommand.Kind} and convert's {@code ElementaryStreams.Format}). The expectations are
 * the rules those three had, case by case.
 */
class MediaKindTest {
  @ParameterizedTest
  @CsvSource({
    "a.rrd, RECORDING",
    "A.RRD, RECORDING",
    "a.mp4, MP4",
    "a.m4v, MP4",
    "a.MOV, MP4",
    "a.h264, ANNEXB_H264",
    "a.264, ANNEXB_H264",
    "a.avc, ANNEXB_H264",
    "a.h265, ANNEXB_H265",
    "a.265, ANNEXB_H265",
    "a.hevc, ANNEXB_H265",
    "a.ivf, IVF",
    "a.obu, OBU",
    "a.av1, OBU",
    "a.txt, ",
    "rrd, ",
    "a.mp4.gz, "
  })
  void fileNames(String name, MediaKind expected) {
    assertThat(MediaKind.fromFileName(name)).isEqualTo(Optional.ofNullable(expected));
  }

  /** Real files: the first bytes tell, whatever the name says. */
  @ParameterizedTest
  @CsvSource({
    "rerun/asset_h264_nobf.rrd, RECORDING",
    "mp4/h264_base.mp4, MP4",
    "ivf/vp8.ivf, IVF",
    "annexb/h264.h264, ",
    "obu/av1.obu, "
  })
  void magicNumbers(String fixture, MediaKind expected) throws Exception {
    byte[] head = TestData.bytes(fixture);
    assertThat(MediaKind.fromMagic(head, Math.min(head.length, MediaKind.MAGIC_BYTES)))
        .isEqualTo(Optional.ofNullable(expected));
    assertThat(MediaKind.detect(TestData.path(fixture)))
        .isEqualTo(
            Optional.of(expected != null ? expected : MediaKind.fromFileName(fixture).get()));
  }

  /**
   * Inspect's rule, kept: the bytes win over the name, and the name alone only names kinds without
   * a mandatory magic number (raw streams; MP4, which QuickTime files may start without ftyp).
   */
  @ParameterizedTest
  @CsvSource({
    "RRF2xxxxxxxx, clip.mp4, RECORDING",
    "xxxxftypisom, clip.h264, MP4",
    "DKIFxxxx, clip.obu, IVF",
    "garbage bytes, clip.h265, ANNEXB_H265",
    "garbage bytes, clip.mov, MP4",
    "garbage bytes, clip.av1, OBU",
    "garbage bytes, clip.rrd, ",
    "garbage bytes, clip.ivf, ",
    "garbage bytes, clip.bin, ",
    "RRF, short.bin, "
  })
  void bytesThenName(String bytes, String name, MediaKind expected) {
    byte[] head = bytes.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(MediaKind.detect(head, head.length, name)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "ANNEXB_H264, H264",
    "ANNEXB_H265, H265",
    "OBU, AV1",
    "IVF, ",
    "MP4, ",
    "RECORDING, "
  })
  void rawStreamCodecs(MediaKind kind, VideoCodec codec) {
    assertThat(kind.rawStreamCodec()).isEqualTo(Optional.ofNullable(codec));
    assertThat(kind.isElementaryStream())
        .isEqualTo(kind != MediaKind.MP4 && kind != MediaKind.RECORDING);
  }
}
