package dev.rrdvideo.inspect.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.inspect.DiffOptions;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.VideoDiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of {@link VideoDiff}: a mutated input against the seed it came from. The
 * first byte picks the seed; the rest is the mutant. Besides the contract of {@link FuzzHarness}:
 * an unmutated input equals its seed, and the result's counts are consistent.
 */
class VideoDiffFuzzTest {
  /**
   * The seeds (resources under {@code diff-seeds/}, cut-down real fixtures of each input kind; the
   * mutant keeps the seed's file name, so it is read as the same kind). The corpus input for seed
   * {@code i} is the byte {@code i} followed by the seed.
   */
  static final String[] SEEDS = {
    "h264_bframes_5.mp4", "h265_3.h265", "av1_3.obu", "vp9_3.ivf", "h264_3.rrd",
  };

  private static final Path[] SEED_PATHS = new Path[SEEDS.length];
  private static final byte[][] SEED_BYTES = new byte[SEEDS.length][];

  static Path seed(int i) throws IOException {
    if (SEED_PATHS[i] == null) {
      try (InputStream in = VideoDiffFuzzTest.class.getResourceAsStream("diff-seeds/" + SEEDS[i])) {
        SEED_BYTES[i] = in.readAllBytes();
      }
      SEED_PATHS[i] = FuzzHarness.file("seed-" + SEEDS[i], SEED_BYTES[i]);
    }
    return SEED_PATHS[i];
  }

  @FuzzTest(maxDuration = "5m")
  void mutantAgainstSeed(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    int i = (data[0] & 0xFF) % SEEDS.length;
    byte[] mutant = Arrays.copyOfRange(data, 1, data.length);
    Path b = seed(i);
    FuzzHarness.contract(
        data,
        () -> {
          Path a = FuzzHarness.file("mutant-" + SEEDS[i], mutant);
          VideoDiff.Result r = VideoDiff.compare(a, b, DiffOptions.defaults());
          FuzzHarness.rows = r.samplesA() + r.samplesB();
          if (Arrays.equals(mutant, SEED_BYTES[i]) && !r.equal()) {
            throw new AssertionError("a file differs from itself: " + r);
          }
          long common = Math.min(r.samplesA(), r.samplesB());
          if (r.samplesA() < 0
              || r.samplesB() < 0
              || r.timeMismatches() > common
              || r.keyframeMismatches() > common
              || r.payloadMismatches() > common
              || r.mismatchedSamples().size() > 20
              || (r.payloadMismatches() > 0) != (r.firstPayloadMismatch() >= 0)
              || (r.timeMismatches() > 0) != (r.firstTimeMismatch() >= 0)) {
            throw new AssertionError("inconsistent result: " + r);
          }
          Writer w = Writer.nullWriter();
          Reports.diffText(r, new PrintWriter(w));
          Reports.diffJson(r, w);
        });
  }
}
