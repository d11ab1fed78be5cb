package dev.rrdvideo.media.fuzz;

import static dev.rrdvideo.media.fuzz.ContainerFuzzTest.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.media.bitstream.Av1SequenceHeader;
import dev.rrdvideo.media.bitstream.H264Sps;
import dev.rrdvideo.media.bitstream.H265Sps;
import dev.rrdvideo.media.bitstream.ObuCursor;
import dev.rrdvideo.media.bitstream.PictureOrder;
import dev.rrdvideo.media.bitstream.SampleInspector;
import dev.rrdvideo.media.bitstream.VpxFrameHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Coverage-guided fuzz targets for the bitstream parsers: H.264/H.265 SPS, the AV1 OBU walker and
 * sequence header, VP8/VP9 frame headers, and the Annex B and OBU access-unit splitters (with the
 * sample inspector and the picture-order tracker on every unit). These parsers return {@code null}
 * or skip what they cannot read; the splitters throw typed errors. Regression inputs are in {@code
 * BitstreamFuzzTestInputs/<method>/}.
 */
class BitstreamFuzzTest {
  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void h264Sps(byte[] data) throws Exception {
    FuzzContract.check(
        () -> {
          byte[] nal = withHeader((byte) 0x67, data);
          H264Sps s = H264Sps.parse(nal, 0, nal.length);
          if (s != null) {
            check(s.width() >= 1 && s.width() <= 65536, "width");
            check(s.height() >= 1 && s.height() <= 65536, "height");
            check(s.log2MaxFrameNum() >= 4 && s.log2MaxFrameNum() <= 16, "log2_max_frame_num");
          }
          new SampleInspector().inspect(VideoCodec.H264, startCode(nal), 0, nal.length + 4);
        });
  }

  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void h265Sps(byte[] data) throws Exception {
    FuzzContract.check(
        () -> {
          byte[] nal = withHeader((byte) 0x42, concat(new byte[] {0x01}, data));
          H265Sps s = H265Sps.parse(nal, 0, nal.length);
          if (s != null) {
            check(s.width() >= 1 && s.width() <= 65536, "width");
            check(s.height() >= 1 && s.height() <= 65536, "height");
            check(s.log2MaxPicOrderCntLsb() >= 4 && s.log2MaxPicOrderCntLsb() <= 16, "log2 poc");
          }
          new SampleInspector().inspect(VideoCodec.H265, startCode(nal), 0, nal.length + 4);
        });
  }

  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void av1Obus(byte[] data) throws Exception {
    FuzzContract.check(
        () -> {
          ObuCursor c = new ObuCursor().reset(data, 0, data.length);
          while (c.next()) {
            check(c.start() >= 0 && c.payloadEnd() <= data.length, "OBU inside the data");
            if (c.type() == ObuCursor.SEQUENCE_HEADER && c.sized()) {
              Av1SequenceHeader.parse(data, c.payloadStart(), c.payloadSize());
            }
          }
          Av1SequenceHeader.parse(data, 0, data.length);
          SampleInspector i = new SampleInspector();
          i.inspect(VideoCodec.AV1, data, 0, data.length);
          i.inspect(VideoCodec.AV1, data, 0, data.length); // with the remembered sequence header
        });
  }

  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void vpxHeaders(byte[] data) throws Exception {
    FuzzContract.check(
        () -> {
          VpxFrameHeader.vp8(data, 0, data.length);
          VpxFrameHeader.vp9(data, 0, data.length);
          if (data.length > 0) {
            SampleInspector i = new SampleInspector();
            i.inspect(VideoCodec.VP8, data, 0, data.length);
            i.inspect(VideoCodec.VP9, data, 0, data.length);
          }
        });
  }

  /** The first byte picks H.264 or H.265; the splitter must give back the input's bytes. */
  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void annexBSplitter(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    VideoCodec codec = (data[0] & 1) == 0 ? VideoCodec.H264 : VideoCodec.H265;
    byte[] stream = Arrays.copyOfRange(data, 1, data.length);
    FuzzContract.check(() -> split(stream, codec));
  }

  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void obuSplitter(byte[] data) throws Exception {
    FuzzContract.check(() -> split(data, VideoCodec.AV1));
  }

  private static void split(byte[] stream, VideoCodec codec) throws Exception {
    AccessUnitReader r = AccessUnitReader.open(new ByteArrayInputStream(stream), codec, "fuzz");
    SampleInspector inspector = new SampleInspector();
    PictureOrder order = codec == VideoCodec.AV1 ? null : new PictureOrder(codec);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    while (r.next()) {
      check(r.unitSize() > 0, "no empty unit");
      inspector.inspect(codec, r.unit(), 0, r.unitSize());
      if (order != null) {
        order.next(r.unit(), 0, r.unitSize());
      }
      joined.write(r.unit(), 0, r.unitSize());
    }
    byte[] expected = Arrays.copyOfRange(stream, (int) r.skippedLeadingBytes(), stream.length);
    check(Arrays.equals(joined.toByteArray(), expected), "units concatenate to the input");
  }

  private static byte[] withHeader(byte header, byte[] rest) {
    return concat(new byte[] {header}, rest);
  }

  private static byte[] startCode(byte[] nal) {
    return concat(new byte[] {0, 0, 0, 1}, nal);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
