package dev.rrdvideo.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every codec configuration box of every real-world MP4 parses and writes back byte for byte. The
 * box is located by the test's own walker, and the bytes are also checked against ffprobe: FFmpeg
 * exposes the configuration box payload as the stream's extradata, whose MD5 and size the recorded
 * {@code .ffprobe.json} holds.
 */
class DecoderConfigRoundTripTest {

  @ParameterizedTest
  @CsvSource({
    // file, path of the configuration box, FFmpeg's level (-99 = no stream: FFmpeg refused)
    "mp4ff_prog_8s.mp4, moov/trak[1]/mdia/minf/stbl/stsd/avc1/avcC, 30",
    "mp4ff_nallister_h264.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, 42",
    "mp4ff_ed_hevc.mp4, moov/trak/mdia/minf/stbl/stsd/hvc1/hvcC, 120",
    "mp4ff_stereo_spatial.mp4, moov/trak/mdia/minf/stbl/stsd/hvc1/hvcC, 60",
    "mp4parse_hevc_white_frame.mp4, moov/trak/mdia/minf/stbl/stsd/hev1/hvcC, 90",
    "mp4parse_tiny_av1.mp4, moov/trak/mdia/minf/stbl/stsd/av01/av1C, 0",
    "mp4parse_video_rotation_90.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, 10",
    "mp4parser_BBB_fixedres_B_180x320_80.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, 31",
    "mp4parser_foreman-hevc-384.mp4, moov/trak/mdia/minf/stbl/stsd/hev1/hvcC, 93",
    "mp4parse_no_timescale.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, 13",
    "mp4parse_bipbop_nonfragment_header.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, -99",
    "mp4parse_zero_empty_stsc.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, -99",
    "mp4parse_test_case_1185230.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, -99",
    "mp4parse_chunk_out_of_range.mp4, moov/trak/mdia/minf/stbl/stsd/avc1/avcC, -99",
  })
  void roundTripsByteForByte(String file, String path, int ffmpegLevel) throws Exception {
    String name = "realworld/" + file;
    byte[] b = TestData.bytes(name);
    int box = BoxLocator.find(b, path);
    int size = (int) BoxLocator.getInt(b, box);
    byte[] payload = java.util.Arrays.copyOfRange(b, box + 8, box + size);
    String type = path.substring(path.length() - 4);

    DecoderConfig c = DecoderConfig.parse(type, payload);
    assertThat(c.boxType()).isEqualTo(type);
    assertThat(c.toBytes()).isEqualTo(payload);
    // the typed parse gives an equal value, and the value survives a second round
    DecoderConfig typed =
        switch (type) {
          case "avcC" -> AvcConfig.parse(payload);
          case "hvcC" -> HevcConfig.parse(payload);
          case "av1C" -> Av1Config.parse(payload);
          default -> VpConfig.parse(payload);
        };
    assertThat(typed).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(DecoderConfig.parse(type, c.toBytes())).isEqualTo(c);

    if (ffmpegLevel == -99) {
      return;
    }
    JsonNode stream = Ffprobe.video(name).stream();
    assertThat(stream.get("extradata_size").asInt()).isEqualTo(payload.length);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(c.toBytes()));
    assertThat(stream.get("extradata_hash").asText()).isEqualTo("MD5:" + md5);
    int level =
        switch (type) {
          case "avcC" -> ((AvcConfig) c).levelIndication();
          case "hvcC" -> ((HevcConfig) c).generalLevelIdc();
          default -> ((Av1Config) c).seqLevelIdx0();
        };
    assertThat(level).isEqualTo(ffmpegLevel);
    if (c instanceof AvcConfig a) {
      assertThat(String.valueOf(a.nalLengthSizeBytes()))
          .isEqualTo(stream.get("nal_length_size").asText());
      assertThat(a.sequenceParameterSets()).isNotEmpty();
      assertThat(a.sequenceParameterSets().get(0)[0] & 0x1F).isEqualTo(7); // SPS NAL type
      assertThat(a.pictureParameterSets().get(0)[0] & 0x1F).isEqualTo(8); // PPS NAL type
      assertThat(a.sequenceParameterSets().get(0)[1] & 0xFF).isEqualTo(a.profileIndication());
    }
    if (c instanceof HevcConfig h) {
      assertThat(h.nalUnits(HevcConfig.NAL_VPS)).isNotEmpty();
      assertThat(h.nalUnits(HevcConfig.NAL_SPS)).isNotEmpty();
      assertThat(h.nalUnits(HevcConfig.NAL_PPS)).isNotEmpty();
      for (HevcConfig.NalArray arr : h.arrays()) {
        for (byte[] nal : arr.nalUnits()) {
          assertThat((nal[0] >> 1) & 0x3F).isEqualTo(arr.nalUnitType());
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void demuxerReturnsTheSameRecords() throws Exception {
    byte[] b = TestData.bytes("realworld/mp4ff_ed_hevc.mp4");
    int box = BoxLocator.find(b, "moov/trak/mdia/minf/stbl/stsd/hvc1/hvcC");
    byte[] payload =
        java.util.Arrays.copyOfRange(b, box + 8, box + (int) BoxLocator.getInt(b, box));
    try (Mp4Demuxer d = Mp4Demuxer.open(b, "ed_hevc")) {
      assertThat(d.videoTrack().decoderConfig()).isEqualTo(HevcConfig.parse(payload));
    }
  }

  @org.junit.jupiter.api.Test
  void vpcCVersion1FieldsRoundTrip() throws Exception {
    // No real vp09-in-MP4 file is among the real-world fixtures; this payload is written field by
    // field from the VP codec ISO binding (section 2.2), as FFmpeg writes it for 8-bit 4:2:0.
    byte[] payload = {
      1,
      0,
      0,
      0, // FullBox version 1, flags 0
      0, // profile 0
      31, // level 3.1
      (byte) 0x82, // bitDepth 8 (1000), chromaSubsampling 1 (001), videoFullRangeFlag 0
      1, // colourPrimaries BT.709
      1, // transferCharacteristics BT.709
      1, // matrixCoefficients BT.709
      0,
      0 // codecInitializationDataSize 0
    };
    VpConfig c = VpConfig.parse(payload);
    assertThat(c.profile()).isZero();
    assertThat(c.level()).isEqualTo(31);
    assertThat(c.bitDepth()).isEqualTo(8);
    assertThat(c.chromaSubsampling()).isEqualTo(1);
    assertThat(c.videoFullRangeFlag()).isFalse();
    assertThat(c.colourPrimaries()).isEqualTo(1);
    assertThat(c.codecInitializationData()).isEmpty();
    assertThat(c.toBytes()).isEqualTo(payload);

    payload[0] = 0; // version 0: the earlier draft layout
    assertThatThrownBy(() -> VpConfig.parse(payload))
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("vpcC version: expected 1, found 0");
  }

  @org.junit.jupiter.api.Test
  void truncatedRecordsAreFormatErrors() throws Exception {
    byte[] b = TestData.bytes("realworld/mp4ff_prog_8s.mp4");
    int box = BoxLocator.find(b, "moov/trak[1]/mdia/minf/stbl/stsd/avc1/avcC");
    byte[] payload =
        java.util.Arrays.copyOfRange(b, box + 8, box + (int) BoxLocator.getInt(b, box));
    // This record ends with the 4-byte high-profile trailer (fd f8 f8 00); without it the record
    // is still complete (many writers omit the trailer), every other cut is truncated.
    AvcConfig full = AvcConfig.parse(payload);
    assertThat(full.highProfileExtension()).isNotNull();
    AvcConfig noTrailer = AvcConfig.parse(java.util.Arrays.copyOf(payload, payload.length - 4));
    assertThat(noTrailer.highProfileExtension()).isNull();
    assertThat(noTrailer.sequenceParameterSets())
        .usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(full.sequenceParameterSets());
    for (int len = 0; len < payload.length; len++) {
      if (len == payload.length - 4) {
        continue;
      }
      byte[] cut = java.util.Arrays.copyOf(payload, len);
      int n = len;
      assertThatThrownBy(() -> AvcConfig.parse(cut))
          .as("length %d", n)
          .isInstanceOf(Mp4FormatException.class);
    }
  }
}
