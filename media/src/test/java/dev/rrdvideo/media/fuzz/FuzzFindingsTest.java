package dev.rrdvideo.media.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.bitstream.IvfReader;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The fuzzing findings whose cause was in the MP4 and IVF readers (moved here from convert with
 * those readers): each made an unchecked exception escape; each now ends in the typed error named
 * here. The files are the regression corpus of the Jazzer targets, replayed there as well.
 */
class FuzzFindingsTest {
  static byte[] input(String path) throws IOException {
    try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    }
  }

  /**
   * Was: ArithmeticException in Timescale.toNanos from inspect's IVF scan: the reader handed out
   * timestamps whose nanosecond value does not fit; now the reader refuses them where it reads
   * them.
   */
  @Test
  void ivfReaderRefusesATimestampWhoseNanosDoNotFit() throws IOException {
    byte[] b = input("ContainerFuzzTestInputs/ivfReader/ivf-timestamp-nanos-overflow.ivf");
    IvfReader r = IvfReader.open(new ByteArrayInputStream(b), "fuzz.ivf");
    assertThatThrownBy(
            () -> {
              while (r.next()) {
                assertThat(Math.abs(r.timestampNanos()))
                    .isLessThanOrEqualTo(4_000_000_000_000_000_000L);
              }
            })
        .isInstanceOf(BitstreamException.class)
        .hasMessageContaining("outside the supported range");
  }

  /** Was: IllegalArgumentException from NalFraming.<init> (avcC lengthSizeMinusOne = 2). */
  @Test
  void avcCWithThreeByteLengthsIsAnMp4FormatErrorAtTheField() throws IOException {
    byte[] b = input("ContainerFuzzTestInputs/mp4Demuxer/avcc-nal-length-size-3.mp4");
    assertThatThrownBy(() -> Mp4Demuxer.open(b, "fuzz.mp4").close())
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("avcC lengthSizeMinusOne: expected 0, 1 or 3")
        .satisfies(
            e -> {
              Mp4FormatException m = (Mp4FormatException) e;
              assertThat(m.boxPath()).endsWith("avcC");
              assertThat(b[(int) m.offset()] & 3).isEqualTo(2);
            });
  }

  /** Found by ContainerFuzzTest#mp4Demuxer: empty trun samples at an offset 2 TiB past the end. */
  @Test
  void emptySamplesPositionedPastTheEndAreAnMp4FormatError() throws IOException {
    byte[] b =
        input("ContainerFuzzTestInputs/mp4Demuxer/trun-empty-samples-positioned-past-the-end.mp4");
    assertThatThrownBy(() -> Mp4Demuxer.open(b, "fuzz.mp4").close())
        .isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("with 0 bytes: expected it to end within the file of 1300 bytes");
  }
}
