package dev.rrdvideo.convert.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ElementaryStreams;
import dev.rrdvideo.convert.Mp4ToRecording;
import dev.rrdvideo.convert.RecordingToMp4;
import dev.rrdvideo.convert.RecordingVideoConverter;
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

  private static final ConvertOptions STREAM = ConvertOptions.defaults();
  private static final ConvertOptions ASSET =
      ConvertOptions.builder().mode(ConvertOptions.Mode.ASSET).build();

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void mp4ToRecording(byte[] data) throws Exception {
    Path p = file(data);
    FuzzContract.check(() -> Mp4ToRecording.convert(p, OutputStream.nullOutputStream(), STREAM));
    FuzzContract.check(() -> Mp4ToRecording.convert(p, OutputStream.nullOutputStream(), ASSET));
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
            ElementaryStreams.toRecording(
                new ByteArrayInputStream(stream),
                "fuzz",
                format,
                new ElementaryStreams.Timing(30, null),
                OutputStream.nullOutputStream(),
                STREAM));
  }

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void ivfToRecording(byte[] data) throws Exception {
    FuzzContract.check(
        () ->
            ElementaryStreams.toRecording(
                new ByteArrayInputStream(data),
                "fuzz.ivf",
                MediaKind.IVF,
                null,
                OutputStream.nullOutputStream(),
                STREAM));
  }

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void recordingToMedia(byte[] data) throws Exception {
    Path p = file(data);
    FuzzContract.check(
        () -> RecordingToMp4.convert(p, null, null, 30, OutputStream.nullOutputStream()));
    for (MediaKind f : List.of(MediaKind.ANNEXB_H264, MediaKind.OBU, MediaKind.IVF)) {
      FuzzContract.check(
          () ->
              ElementaryStreams.fromRecording(
                  p,
                  null,
                  null,
                  f,
                  OutputStream.nullOutputStream(),
                  OutputStream.nullOutputStream()));
    }
  }

  @FuzzTest(maxDuration = "4m", maxExecutions = 1_000_000)
  void switchRecording(byte[] data) throws Exception {
    Path p = file(data);
    FuzzContract.check(
        () -> RecordingVideoConverter.convert(p, OutputStream.nullOutputStream(), ASSET));
    FuzzContract.check(
        () -> RecordingVideoConverter.convert(p, OutputStream.nullOutputStream(), STREAM));
  }
}
