package dev.rrdvideo.convert.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.convert.BitstreamException;
import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ElementaryStreams;
import dev.rrdvideo.convert.Mp4FormatException;
import dev.rrdvideo.convert.RecordingVideoConverter;
import dev.rrdvideo.convert.bitstream.IvfReader;
import dev.rrdvideo.convert.mp4.Mp4Demuxer;
import dev.rrdvideo.format.UnsupportedFeatureException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs of the mutation-fuzzing findings (../shared/fuzz-findings) whose cause was in convert:
 * each made an unchecked exception escape; each now ends in the typed error named here. The files
 * are the regression corpus of the Jazzer targets (…FuzzTestInputs/…), replayed there as well.
 */
class FuzzFindingsTest {
  @TempDir Path dir;

  static byte[] input(String path) throws IOException {
    try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    }
  }

  private static void ivfToRecording(byte[] ivf) throws IOException {
    ElementaryStreams.toRecording(
        new ByteArrayInputStream(ivf),
        "fuzz.ivf",
        ElementaryStreams.Format.IVF,
        null,
        null,
        OutputStream.nullOutputStream(),
        ConvertOptions.defaults());
  }

  /** Was: ArithmeticException (long overflow) in ElementaryStreams.fromIvf (timestamp × num). */
  @Test
  void ivfTimestampTimesNumeratorOverflowIsABitstreamError() throws IOException {
    byte[] b =
        input("ConverterFuzzTestInputs/ivfToRecording/ivf-timestamp-times-numerator-overflows.ivf");
    assertThatThrownBy(() -> ivfToRecording(b))
        .isInstanceOf(BitstreamException.class)
        .hasMessageContaining("IVF frame ")
        .hasMessageContaining("is outside the supported range of +-4e18 ns");
  }

  /** Was: IllegalArgumentException from VideoStreamWriter.prepare (times not increasing). */
  @Test
  void ivfTimestampGoingBackwardsIsABitstreamErrorWithOffset() throws IOException {
    byte[] b = input("ConverterFuzzTestInputs/ivfToRecording/ivf-timestamp-goes-backwards.ivf");
    assertThatThrownBy(() -> ivfToRecording(b))
        .isInstanceOf(BitstreamException.class)
        .hasMessageMatching(
            "IVF frame \\d+ at offset \\d+: timestamp \\d+ is not after the previous \\d+.*")
        .satisfies(e -> assertThat(((BitstreamException) e).offset()).isPositive());
  }

  /** Was: IllegalArgumentException "Long.MIN_VALUE is reserved for static data". */
  @Test
  void ivfTimestampLongMinValueIsABitstreamError() throws IOException {
    byte[] b = input("ConverterFuzzTestInputs/ivfToRecording/ivf-timestamp-long-min-value.ivf");
    assertThatThrownBy(() -> ivfToRecording(b))
        .isInstanceOf(BitstreamException.class)
        .hasMessageContaining("timestamp -9223372036854775808")
        .hasMessageContaining("outside the supported range");
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

  private void switchToAsset(byte[] rrd) throws IOException {
    Path p = dir.resolve("in.rrd");
    Files.write(p, rrd);
    RecordingVideoConverter.convert(
        p,
        OutputStream.nullOutputStream(),
        ConvertOptions.builder().mode(ConvertOptions.Mode.ASSET).build());
  }

  /** Was: ArithmeticException in Timescale.toNanos from RecordingToMp4.chooseTimescale. */
  @Test
  void recordingTimeBeyondTheRangeIsRefusedNamingTheSample() throws IOException {
    byte[] b = input("ConverterFuzzTestInputs/switchRecording/stream-time-overflows-timescale.rrd");
    assertThatThrownBy(() -> switchToAsset(b))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageMatching("sample \\d+ of /\\S+ on timeline '.+': time .*");
  }

  /** Was: IllegalArgumentException "decode times decrease" from Mp4Muxer.plan (span overflow). */
  @Test
  void recordingTimesWhoseSpanOverflowsAreRefusedNamingTheSample() throws IOException {
    byte[] b =
        input("ConverterFuzzTestInputs/switchRecording/stream-times-span-overflows-muxer.rrd");
    assertThatThrownBy(() -> switchToAsset(b))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageMatching("sample \\d+ of /\\S+ on timeline '.+': time .*");
  }

  /** The same recording exported to IVF and to MP4 directly: the same typed refusal. */
  @Test
  void recordingTimeBeyondTheRangeIsRefusedByEveryExport() throws IOException {
    Path p = dir.resolve("in.rrd");
    Files.write(
        p, input("ConverterFuzzTestInputs/switchRecording/stream-time-overflows-timescale.rrd"));
    assertThatThrownBy(
            () ->
                ElementaryStreams.fromRecording(
                    p,
                    null,
                    null,
                    ElementaryStreams.Format.IVF,
                    OutputStream.nullOutputStream(),
                    null))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageMatching("sample 29 of /\\S+ on timeline '.+': time 9223372036854775807 ns .*");
    assertThatThrownBy(
            () ->
                dev.rrdvideo.convert.RecordingToMp4.convert(
                    p, null, null, 30, OutputStream.nullOutputStream()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageMatching("sample 29 of /\\S+ on timeline '.+': time 9223372036854775807 ns .*");
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
