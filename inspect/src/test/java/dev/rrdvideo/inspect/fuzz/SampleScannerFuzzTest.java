package dev.rrdvideo.inspect.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of {@link dev.rrdvideo.inspect.SampleScanner} over every input kind, with
 * bitstream analysis, feeding every consumer of sample rows (see {@link FuzzHarness}). {@code mvn
 * test} replays the committed inputs under {@code SampleScannerFuzzTestInputs/<method>/}; {@code
 * JAZZER_FUZZ=1} fuzzes one target.
 */
class SampleScannerFuzzTest {
  /** A recording ({@code .rrd}): framing, chunks, the video view and the rows of every entity. */
  @FuzzTest(maxDuration = "5m")
  void recording(byte[] data) throws IOException {
    FuzzHarness.contract(data, () -> FuzzHarness.scanEverything(FuzzHarness.file("in.rrd", data)));
  }

  /** An MP4: boxes, sample tables, decoder configurations, NAL framing, the bitstream. */
  @FuzzTest(maxDuration = "5m")
  void mp4(byte[] data) throws IOException {
    FuzzHarness.contract(data, () -> FuzzHarness.scanEverything(FuzzHarness.file("in.mp4", data)));
  }

  /** The kinds of elementary stream, chosen by the first byte of the input. */
  static final String[] ELEMENTARY = {"in.h264", "in.h265", "in.obu", "in.ivf"};

  /**
   * An elementary stream: the first byte picks the kind (H.264 or H.265 Annex B, AV1 OBUs, IVF with
   * VP8/VP9/AV1), the rest is the stream.
   */
  @FuzzTest(maxDuration = "5m")
  void elementary(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    String name = ELEMENTARY[(data[0] & 0xFF) % ELEMENTARY.length];
    byte[] stream = Arrays.copyOfRange(data, 1, data.length);
    FuzzHarness.contract(data, () -> FuzzHarness.scanEverything(FuzzHarness.file(name, stream)));
  }
}
