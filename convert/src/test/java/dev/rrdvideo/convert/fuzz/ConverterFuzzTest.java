package dev.rrdvideo.convert.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.convert.ConvertInput;
import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ConvertOutput;
import dev.rrdvideo.convert.Converter;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.media.MediaKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzz targets for the converters end to end, writing to a null sink: MP4 to a
 * recording (stream and asset mode), raw elementary streams and IVF to a recording, a recording to
 * MP4 and to elementary streams, and the AssetVideo / VideoStream switch. Regression inputs are in
 * {@code ConverterFuzzTestInputs/<method>/}.
 */
class ConverterFuzzTest {
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("rrdvideo-fuzz-", ".bin");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path file(byte[] data) throws IOException {
    Files.write(FILE, data);
    return FILE;
  }

  /** Converts {@code in} into a null sink of kind {@code to}. */
  private static void convert(ConvertInput in, MediaKind to, ConvertOptions o) throws IOException {
    Converter.convert(in, ConvertOutput.stream(OutputStream.nullOutputStream(), to), o);
  }

  private static final ConvertOptions STREAM = ConvertOptions.defaults();
  private static final ConvertOptions ASSET =
      ConvertOptions.builder().mode(ConvertOptions.Mode.ASSET).build();

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void mp4ToRecording(byte[] data) throws Exception {
    Path p = file(data);
    ConvertInput mp4 = ConvertInput.file(p, MediaKind.MP4);
    FuzzContract.check(() -> convert(mp4, MediaKind.RECORDING, STREAM));
    FuzzContract.check(() -> convert(mp4, MediaKind.RECORDING, ASSET));
  }

  /**
   * The first byte picks the format and codec (Annex B H.264/H.265, OBU); the rest is the stream.
   */
  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void rawToRecording(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    int pick = (data[0] & 0xFF) % 3;
    MediaKind format =
        pick == 0 ? MediaKind.ANNEXB_H264 : pick == 1 ? MediaKind.ANNEXB_H265 : MediaKind.OBU;
    byte[] stream = Arrays.copyOfRange(data, 1, data.length);
    FuzzContract.check(
        () ->
            convert(
                ConvertInput.stream(new ByteArrayInputStream(stream), format, "fuzz"),
                MediaKind.RECORDING,
                STREAM));
  }

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void ivfToRecording(byte[] data) throws Exception {
    FuzzContract.check(
        () ->
            convert(
                ConvertInput.stream(new ByteArrayInputStream(data), MediaKind.IVF, "fuzz.ivf"),
                MediaKind.RECORDING,
                STREAM));
  }

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void recordingToMedia(byte[] data) throws Exception {
    Path p = file(data);
    ConvertInput rrd = ConvertInput.file(p, MediaKind.RECORDING);
    FuzzContract.check(() -> convert(rrd, MediaKind.MP4, STREAM));
    for (MediaKind f :
        List.of(MediaKind.ANNEXB_H264, MediaKind.ANNEXB_H265, MediaKind.OBU, MediaKind.IVF)) {
      FuzzContract.check(
          () ->
              Converter.convert(
                  rrd,
                  ConvertOutput.stream(OutputStream.nullOutputStream(), f)
                      .withTimestamps(OutputStream.nullOutputStream()),
                  STREAM));
    }
  }

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void switchRecording(byte[] data) throws Exception {
    Path p = file(data);
    ConvertInput rrd = ConvertInput.file(p, MediaKind.RECORDING);
    FuzzContract.check(() -> convert(rrd, MediaKind.RECORDING, ASSET));
    FuzzContract.check(() -> convert(rrd, MediaKind.RECORDING, STREAM));
  }
}
