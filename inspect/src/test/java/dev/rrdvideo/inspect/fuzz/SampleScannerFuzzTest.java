package dev.rrdvideo.inspect.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.SampleColumns;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.media.MediaKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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

  /** The columns that need no sample byte. */
  static final List<SampleColumns.Column> CONTAINER =
      SampleColumns.parse(
          "entity,timeline,sample_index,pts,pts_ns,dts_ns,duration_ns,size_bytes,"
              + "keyframe_declared,codec,chunk_id,byte_offset");

  /**
   * Differential: a recording's container columns read without the samples' bytes either fail typed
   * or are, byte for byte (CSV), the table of the full read (the same scan with a payload sink,
   * which reads every sample); a full read that fails while the other succeeds is a finding.
   */
  @FuzzTest(maxDuration = "30m", maxExecutions = 1_100_000)
  void containerColumns(byte[] data) throws IOException {
    FuzzHarness.contract(
        data,
        () -> {
          Path file = FuzzHarness.file("in.rrd", data);
          String partial;
          try {
            partial = table(file, false);
          } catch (RrdVideoException typed) {
            return; // allowed; the format target holds chunk errors to the full read's
          }
          String full;
          try {
            full = table(file, true);
          } catch (RrdVideoException typed) {
            throw new AssertionError("only the full read failed: " + typed, typed);
          }
          if (!full.equals(partial)) {
            throw new AssertionError("tables differ:\n" + full + "\n---\n" + partial);
          }
        });
  }

  private static String table(Path file, boolean full) throws IOException {
    ScanOptions.Builder o =
        ScanOptions.builder().kind(MediaKind.RECORDING).analyzers(() -> SampleAnalyzer.NONE);
    if (full) {
      o.payloads((codec, sample) -> {});
    }
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, CONTAINER, bos)) {
      SampleScanner.scan(file, o.build(), w);
    }
    return bos.toString(StandardCharsets.UTF_8);
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
