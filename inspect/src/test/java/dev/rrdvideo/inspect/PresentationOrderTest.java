package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reorder window restores presentation order exactly up to its depth, and says when not. */
class PresentationOrderTest {
  static final class Recorder implements PresentationOrder.Sink {
    final List<long[]> presented = new ArrayList<>();
    final List<Long> late = new ArrayList<>();

    @Override
    public void presented(long time, long sampleIndex, long durationNanos) {
      presented.add(new long[] {time, sampleIndex, durationNanos});
    }

    @Override
    public void late(long time, long sampleIndex, long releasedTime) {
      late.add(sampleIndex);
    }
  }

  @Test
  void shufflesWithinTheWindowComeOutSorted() {
    Random rnd = new Random(7);
    int n = 100_000;
    // decode order: presentation times 0..n-1, each block of up to WINDOW samples shuffled
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = i * 10L;
    }
    for (int start = 0; start < n; start += PresentationOrder.WINDOW) {
      int end = Math.min(n, start + PresentationOrder.WINDOW);
      for (int i = end - 1; i > start; i--) {
        int j = start + rnd.nextInt(i - start + 1);
        long t = times[i];
        times[i] = times[j];
        times[j] = t;
      }
    }
    Recorder r = new Recorder();
    PresentationOrder o = new PresentationOrder(r);
    for (int i = 0; i < n; i++) {
      o.add(times[i], i, times[i] + 1);
    }
    o.finish();
    assertThat(r.late).isEmpty();
    assertThat(r.presented).hasSize(n);
    for (int i = 0; i < n; i++) {
      long[] p = r.presented.get(i);
      assertThat(p[0]).isEqualTo(i * 10L);
      assertThat(times[(int) p[1]]).as("decode index travels with its time").isEqualTo(p[0]);
      assertThat(p[2]).isEqualTo(p[0] + 1);
    }
  }

  @Test
  void equalTimesKeepDecodeOrder() {
    Recorder r = new Recorder();
    PresentationOrder o = new PresentationOrder(r);
    long[] times = {5, 3, 5, 3, 4};
    for (int i = 0; i < times.length; i++) {
      o.add(times[i], i, 0);
    }
    o.finish();
    assertThat(r.presented.stream().map(p -> p[1]).toList()).containsExactly(1L, 3L, 4L, 0L, 2L);
  }

  @Test
  void aSampleReorderedBeyondTheWindowIsLateAndLeftOut() {
    Recorder r = new Recorder();
    PresentationOrder o = new PresentationOrder(r);
    int n = PresentationOrder.WINDOW + 10;
    for (int i = 0; i < n; i++) {
      o.add(100 + i, i, 0);
    }
    o.add(0, n, 0); // earlier than everything, but 10 samples were already presented
    o.add(100 + n, n + 1, 0);
    o.finish();
    assertThat(r.late).containsExactly((long) n);
    assertThat(r.presented).hasSize(n + 1);
    // within the window the same sample would have been put in place
    Recorder r2 = new Recorder();
    PresentationOrder o2 = new PresentationOrder(r2);
    for (int i = 0; i < PresentationOrder.WINDOW; i++) {
      o2.add(100 + i, i, 0);
    }
    o2.add(0, PresentationOrder.WINDOW, 0);
    o2.finish();
    assertThat(r2.late).isEmpty();
    assertThat(r2.presented.get(0)[0]).isZero();
  }

  @Test
  void finishStartsANewStream() {
    Recorder r = new Recorder();
    PresentationOrder o = new PresentationOrder(r);
    for (int i = 0; i < 200; i++) {
      o.add(1000 + i, i, 0);
    }
    o.finish();
    o.add(0, 0, 0); // a second stream may start earlier than the first ended
    o.finish();
    assertThat(r.late).isEmpty();
    assertThat(r.presented).hasSize(201);
  }
}
