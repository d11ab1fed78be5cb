package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intervals the report's interval chart draws: in presentation order, as the summary's. */
class PresentationIntervalsTest {
  private static SampleRow row(long index, long ptsNanos) {
    SampleRow r = new SampleRow();
    r.sampleIndex = index;
    r.pts = ptsNanos;
    r.ptsNanos = ptsNanos;
    return r;
  }

  @Test
  void bFramesArePutBackInPresentationOrder() {
    List<long[]> got = new ArrayList<>();
    PresentationIntervals p =
        new PresentationIntervals(
            (pts, interval, index) -> got.add(new long[] {pts, interval, index}));
    // decode order I0 P3 B1 B2 (times in ms): shown 0, 1, 2, 3
    long[] pts = {0, 300, 100, 200};
    for (int i = 0; i < pts.length; i++) {
      p.add(row(i, pts[i] * 1_000_000));
    }
    p.finish();
    assertThat(got)
        .containsExactly(
            new long[] {100_000_000, 100_000_000, 2},
            new long[] {200_000_000, 100_000_000, 3},
            new long[] {300_000_000, 100_000_000, 1});
  }

  @Test
  void aSampleReorderedBeyondTheWindowIsLeftOutAndTheNextStreamStartsOver() {
    List<Long> intervals = new ArrayList<>();
    PresentationIntervals p =
        new PresentationIntervals((pts, interval, index) -> intervals.add(interval));
    for (int i = 0; i < PresentationOrder.WINDOW + 5; i++) {
      p.add(row(i, (i + 10) * 10L));
    }
    p.add(row(PresentationOrder.WINDOW + 5, 5)); // before everything released: left out
    SampleRow noTime = row(PresentationOrder.WINDOW + 6, 0);
    noTime.ptsNanos = SampleRow.ABSENT; // ignored
    p.add(noTime);
    p.finish();
    assertThat(intervals).hasSize(PresentationOrder.WINDOW + 4).containsOnly(10L);
    intervals.clear();
    p.add(row(0, 1000));
    p.add(row(1, 1040));
    p.finish();
    assertThat(intervals).containsExactly(40L); // nothing carried over from the first stream
  }
}
