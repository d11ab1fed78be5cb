package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IVF header as a value: read from a file and written again, it is the file's 32 bytes. */
class IvfHeaderTest {
  @ParameterizedTest
  @ValueSource(strings = {"ivf/vp8.ivf", "ivf/vp9.ivf", "ivf/av1.ivf", "realworld/mp4ff_vp9.ivf"})
  void aHeaderReadAndWrittenAgainIsTheFilesHeader(String name) throws Exception {
    IvfHeader h;
    try (InputStream in = TestData.open(name)) {
      h = IvfReader.open(in, name).header();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new IvfWriter(out, h);
    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(TestData.bytes(name), 32));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536})
  void aValueTheHeaderCannotHoldIsACallerMistake(int width) {
    assertThatThrownBy(() -> new IvfHeader(VideoCodec.VP9, width, 0, 1000, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width");
    assertThatThrownBy(() -> new IvfHeader(VideoCodec.H264, 0, 0, 1000, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IvfHeader(VideoCodec.AV1, 0, 0, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
