package dev.rrdvideo.convert.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.convert.ConvertInput;
import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ConvertOutput;
import dev.rrdvideo.convert.Converter;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.media.MediaKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs of the mutation-fuzzing findings (../shared/fuzz-findings) whose cause was in convert
 * (those in the MP4 and IVF readers are in media's FuzzFindingsTest): each made an unchecked
 * exception escape; each now ends in the typed error named here. The files are the regression
 * corpus of the Jazzer targets (…FuzzTestInputs/…), replayed there as well.
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
    Converter.convert(
        ConvertInput.stream(new ByteArrayInputStream(ivf), MediaKind.IVF, "fuzz.ivf"),
        ConvertOutput.stream(OutputStream.nullOutputStream(), MediaKind.RECORDING),
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

  private void switchToAsset(byte[] rrd) throws IOException {
    Path p = dir.resolve("in.rrd");
    Files.write(p, rrd);
    Converter.convert(
        ConvertInput.file(p, MediaKind.RECORDING),
        ConvertOutput.stream(OutputStream.nullOutputStream(), MediaKind.RECORDING),
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
                Converter.convert(
                    ConvertInput.file(p, MediaKind.RECORDING),
                    ConvertOutput.stream(OutputStream.nullOutputStream(), MediaKind.IVF),
                    ConvertOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageMatching("sample 29 of /\\S+ on timeline '.+': time 9223372036854775807 ns .*");
    assertThatThrownBy(
            () ->
                Converter.convert(
                    ConvertInput.file(p, MediaKind.RECORDING),
                    ConvertOutput.stream(OutputStream.nullOutputStream(), MediaKind.MP4),
                    ConvertOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageMatching("sample 29 of /\\S+ on timeline '.+': time 9223372036854775807 ns .*");
  }
}
