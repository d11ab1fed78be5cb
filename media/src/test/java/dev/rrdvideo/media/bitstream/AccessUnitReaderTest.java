package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import dev.rrdvideo.testdata.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Splitting raw streams into samples gives exactly ffprobe's packets (count, sizes, positions,
 * keyframes by the viewer's rules), and the units concatenate back to the input byte for byte.
 */
class AccessUnitReaderTest {
  @ParameterizedTest
  @CsvSource({
    "annexb/h264.h264, H264",
    "annexb/h265.h265, H265",
    "obu/av1.obu, AV1",
    "realworld/mp4ff_4pics.264, H264",
    "realworld/mp4parser_count.h264, H264",
    "realworld/mp4ff_hevc.265, H265"
  })
  void unitsEqualFfprobePackets(String name, VideoCodec codec) throws Exception {
    byte[] input = TestData.bytes(name);
    List<Ffprobe.Packet> expected = Ffprobe.video(name).packets();
    for (int chunk : new int[] {Integer.MAX_VALUE, 1, 1000}) {
      AccessUnitReader r =
          AccessUnitReader.open(
              new ThrottledInputStream(new ByteArrayInputStream(input), chunk), codec, name);
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      SampleInspector inspector = new SampleInspector();
      int i = 0;
      while (r.next()) {
        Ffprobe.Packet p = expected.get(i);
        assertThat(r.unitSize()).as("%s unit %d size", name, i).isEqualTo(p.sizeBytes());
        if (p.positionBytes() >= 0) {
          assertThat(r.unitOffset()).as("%s unit %d offset", name, i).isEqualTo(p.positionBytes());
        }
        inspector.inspect(codec, r.unit(), 0, r.unitSize());
        assertThat(inspector.keyframe()).as("%s unit %d keyframe", name, i).isEqualTo(p.key());
        assertThat(inspector.frameCount()).as("%s unit %d frames", name, i).isEqualTo(1);
        joined.write(r.unit(), 0, r.unitSize());
        i++;
      }
      assertThat(i).isEqualTo(expected.size());
      assertThat(joined.toByteArray()).isEqualTo(input);
    }
  }

  @ParameterizedTest
  @CsvSource({"obu/av1.obu, 40", "obu/av1.obu, 5"})
  void truncatedObuStreamIsATypedError(String name, int cut) throws Exception {
    byte[] input = TestData.bytes(name);
    byte[] cutInput = java.util.Arrays.copyOf(input, input.length - cut);
    AccessUnitReader r =
        AccessUnitReader.open(new ByteArrayInputStream(cutInput), VideoCodec.AV1, name);
    assertThatThrownBy(
            () -> {
              while (r.next()) {
                assertThat(r.unitSize()).isPositive();
              }
            })
        .isInstanceOf(BitstreamException.class)
        .hasMessageContaining("runs past the end");
  }
}
