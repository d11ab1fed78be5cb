package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line's text, and that it shows nothing where it must not. */
class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void percentageBytesRateAndTimeLeft() {
    // 170.1 MB of 403 MB in 2 s: 85.05 MB/s (rounded half up), 232.9 MB left: 2.7 s -> 0:03
    assertThat(
            Progress.format(
                "converting big.mp4",
                170_100_000,
                403_000_000,
                2 * SECOND,
                Progress.Unit.BYTES,
                80))
        .isEqualTo("converting big.mp4  42%  170.1 MB of 403.0 MB  85.1 MB/s  ETA 0:03");
  }

  @Test
  void beforeAnyWorkNoRateAndNoEta() {
    assertThat(Progress.format("inspecting a.rrd", 0, 5_000, SECOND, Progress.Unit.BYTES, 80))
        .isEqualTo("inspecting a.rrd   0%  0 B of 5.0 kB");
  }

  @Test
  void withoutATotalOnlyTheAmountAndTheRate() {
    assertThat(
            Progress.format("converting <stdin>", 3_000_000, -1, SECOND, Progress.Unit.BYTES, 80))
        .isEqualTo("converting <stdin>  3.0 MB  3.0 MB/s");
  }

  @Test
  void thePercentageStaysBelowOneHundredUntilTheEnd() {
    // the total is the input's size, an estimate of the work: the output can be larger
    assertThat(Progress.format("c", 1_200, 1_000, SECOND, Progress.Unit.BYTES, 80))
        .startsWith("c  99%  1.2 kB of 1.0 kB")
        .endsWith("ETA 0:00");
  }

  @Test
  void aBatchCountsFiles() {
    // 420 of 1000 files in 10 s: 42 files/s, 580 left: 13.8 s -> 0:14
    assertThat(
            Progress.format(
                "inspecting 1000 files", 420, 1000, 10 * SECOND, Progress.Unit.FILES, 80))
        .isEqualTo("inspecting 1000 files  42%  420 of 1000 files  42 files/s  ETA 0:14");
  }

  @Test
  void framesAndLongRuns() {
    assertThat(
            Progress.format("encoding the demo", 1, 120_000, 3 * SECOND, Progress.Unit.FRAMES, 80))
        .isEqualTo("encoding the demo   0%  1 of 120000 frames  0 frames/s  ETA 99:59:57");
    assertThat(Progress.clock(59)).isEqualTo("0:59");
    assertThat(Progress.clock(3600 + 61)).isEqualTo("1:01:01");
    assertThat(Progress.amount(999, Progress.Unit.BYTES, true)).isEqualTo("999 B");
    assertThat(Progress.amount(1_610_000_000, Progress.Unit.BYTES, true)).isEqualTo("1.6 GB");
  }

  @Test
  void theLineStaysShorterThanTheTerminalCuttingTheLabelFirst() {
    String line =
        Progress.format(
            "converting rrdvideo-bench-1080p-400m.mp4",
            170_100_000,
            403_000_000,
            2 * SECOND,
            Progress.Unit.BYTES,
            60);
    assertThat(line)
        .hasSize(59)
        .isEqualTo("converti...  42%  170.1 MB of 403.0 MB  85.1 MB/s  ETA 0:03");
    assertThat(Progress.format("x", 1, 10, SECOND, Progress.Unit.BYTES, 20)).hasSizeLessThan(20);
  }

  @Test
  void notATerminalMeansNothingShownAndTheSameWriter() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text);
    // the tests' stderr is a pipe, not a terminal
    try (Progress p = Progress.start(err, "converting x", 100, Progress.Unit.BYTES, false)) {
      assertThat(p.err()).isSameAs(err);
      OutputStream sink = new ByteArrayOutputStream();
      assertThat(p.counting(sink)).isSameAs(sink);
      p.add(50);
    }
    assertThat(text.toString()).isEmpty();
  }
}
