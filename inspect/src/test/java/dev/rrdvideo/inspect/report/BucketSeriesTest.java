package dev.rrdvideo.inspect.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The aggregator behind every chart. Expected bucket contents are worked out by hand from the small
 * sequences below (comments show the arithmetic), not computed by the class.
 */
class BucketSeriesTest {
  /** count, min, max, sum, first x, marked count, marked max of bucket {@code i}. */
  private static long[] bucket(BucketSeries s, int i) {
    return new long[] {
      s.count(i), s.min(i), s.max(i), (long) s.sum(i), s.firstX(i), s.markedCount(i), s.markedMax(i)
    };
  }

  @Test
  void valuesLandInTheirBucketsAndMergeExactlyWhenTheRangeGrowsRightThenLeft() {
    BucketSeries s = new BucketSeries(4, 10);
    // buckets [0,10) [10,20) [20,30) [30,40)
    s.add(0, 5, true);
    s.add(3, 7);
    s.add(12, 1);
    s.add(25, 4, true);
    s.add(39, 9);
    assertThat(s.start()).isZero();
    assertThat(s.bucketWidth()).isEqualTo(10);
    assertThat(bucket(s, 0)).containsExactly(2, 5, 7, 12, 0, 1, 5);
    assertThat(bucket(s, 1)).containsExactly(1, 1, 1, 1, 12, 0, 0);
    assertThat(bucket(s, 2)).containsExactly(1, 4, 4, 4, 25, 1, 4);
    assertThat(bucket(s, 3)).containsExactly(1, 9, 9, 9, 39, 0, 0);

    // x = 40 is right of [0,40): width 20, buckets [0,20) [20,40) [40,60) [60,80)
    s.add(40, 2, true);
    assertThat(s.start()).isZero();
    assertThat(s.bucketWidth()).isEqualTo(20);
    // [0,20): 5, 7, 1 -> count 3, min 1, max 7, sum 13, first x 0, one marked (5)
    assertThat(bucket(s, 0)).containsExactly(3, 1, 7, 13, 0, 1, 5);
    // [20,40): 4, 9 -> sum 13, first x 25, marked 4
    assertThat(bucket(s, 1)).containsExactly(2, 4, 9, 13, 25, 1, 4);
    assertThat(bucket(s, 2)).containsExactly(1, 2, 2, 2, 40, 1, 2);
    assertThat(bucket(s, 3)).containsExactly(0, 0, 0, 0, 0, 0, 0);

    // x = -5 is left of [0,80): width 40 from -80, buckets [-80,-40) [-40,0) [0,40) [40,80)
    s.add(-5, 8);
    assertThat(s.start()).isEqualTo(-80);
    assertThat(s.bucketWidth()).isEqualTo(40);
    assertThat(bucket(s, 0)).containsExactly(0, 0, 0, 0, 0, 0, 0);
    assertThat(bucket(s, 1)).containsExactly(1, 8, 8, 8, -5, 0, 0);
    // [0,40): 5, 7, 1, 4, 9 -> sum 26; marked 5 and 4 -> 2, max 5
    assertThat(bucket(s, 2)).containsExactly(5, 1, 9, 26, 0, 2, 5);
    assertThat(bucket(s, 3)).containsExactly(1, 2, 2, 2, 40, 1, 2);
    assertThat(s.values()).isEqualTo(7);
    assertThat(s.minX()).isEqualTo(-5);
    assertThat(s.maxX()).isEqualTo(40);
    assertThat(s.maxValue()).isEqualTo(9);
    assertThat(s.minValue()).isEqualTo(1);
    assertThat(s.mean(2)).isEqualTo(26 / 5.0);
    assertThat(s.mean(0)).isNaN();
  }

  @Test
  void aFarValueGrowsSeveralTimesAtOnce() {
    BucketSeries s = new BucketSeries(4, 1);
    s.add(0, 1);
    s.add(1000, 3);
    // widths 1, 2, 4, ... until 4 * w > 1000: w = 256, buckets [0,256) .. [768,1024)
    assertThat(s.bucketWidth()).isEqualTo(256);
    assertThat(bucket(s, 0)).containsExactly(1, 1, 1, 1, 0, 0, 0);
    assertThat(bucket(s, 3)).containsExactly(1, 3, 3, 3, 1000, 0, 0);
    assertThat(s.count(1) + s.count(2)).isZero();
  }

  @Test
  void coarsenedMergesNeighboursByHand() {
    BucketSeries s = new BucketSeries(8, 10);
    s.add(0, 4); // bucket 0
    s.add(15, 6, true); // bucket 1
    s.add(35, 2); // bucket 3
    s.add(79, 10); // bucket 7
    BucketSeries c = s.coarsened(2);
    assertThat(c.buckets()).isEqualTo(4);
    assertThat(c.bucketWidth()).isEqualTo(20);
    assertThat(bucket(c, 0)).containsExactly(2, 4, 6, 10, 0, 1, 6);
    assertThat(bucket(c, 1)).containsExactly(1, 2, 2, 2, 35, 0, 0);
    assertThat(bucket(c, 2)).containsExactly(0, 0, 0, 0, 0, 0, 0);
    assertThat(bucket(c, 3)).containsExactly(1, 10, 10, 10, 79, 0, 0);
    assertThat(c.values()).isEqualTo(4);
    // width at least 35: 10 * 4 = 40 (at most buckets / 2)
    assertThat(s.factorFor(35)).isEqualTo(4);
    assertThat(s.factorFor(1e9)).isEqualTo(4);
    assertThat(s.factorFor(0)).isEqualTo(1);
  }

  @Test
  void theResultDoesNotDependOnTheOrderOfTheValues() {
    Random rnd = new Random(7);
    List<long[]> points = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      points.add(
          new long[] {rnd.nextInt(1_000_000), rnd.nextInt(5000), rnd.nextInt(10) == 0 ? 1 : 0});
    }
    points.add(0, new long[] {500_000, 1, 0}); // the same first x: the same origin
    BucketSeries a = new BucketSeries(64, 1);
    for (long[] p : points) {
      a.add(p[0], p[1], p[2] == 1);
    }
    List<long[]> rest = new ArrayList<>(points.subList(1, points.size()));
    Collections.shuffle(rest, new Random(3));
    rest.add(0, points.get(0));
    BucketSeries b = new BucketSeries(64, 1);
    for (long[] p : rest) {
      b.add(p[0], p[1], p[2] == 1);
    }
    assertThat(b.start()).isEqualTo(a.start());
    assertThat(b.bucketWidth()).isEqualTo(a.bucketWidth());
    long total = 0;
    for (int i = 0; i < 64; i++) {
      assertThat(bucket(b, i)).containsExactly(bucket(a, i));
      total += a.count(i);
      // every value in bucket i has its x in [start + i * width, start + (i + 1) * width)
    }
    assertThat(total).isEqualTo(points.size());
    for (long[] p : points) {
      int i = (int) ((p[0] - a.start()) / a.bucketWidth());
      assertThat(a.count(i)).isPositive();
      assertThat(p[1]).isBetween(a.min(i), a.max(i));
    }
  }

  @Test
  void extremeXAreCountedInTheEdgeBucketsWithoutOverflow() {
    BucketSeries s = new BucketSeries(8, 1);
    s.add(0, 1);
    s.add(Long.MAX_VALUE, 2);
    s.add(Long.MIN_VALUE, 3);
    s.add(5, 4);
    long total = 0;
    for (int i = 0; i < 8; i++) {
      total += s.count(i);
    }
    assertThat(total).isEqualTo(4);
    assertThat(s.maxValue()).isEqualTo(4);
    assertThat(s.minX()).isEqualTo(Long.MIN_VALUE);
    assertThat(s.maxX()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void addingAHundredThousandValuesAllocatesNothing() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
    Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported());
    BucketSeries s = new BucketSeries(BucketSeries.DEFAULT_BUCKETS, 1000);
    MostFrequent typical = new MostFrequent();
    // warm up (class loading, JIT) on another instance
    BucketSeries warm = new BucketSeries(BucketSeries.DEFAULT_BUCKETS, 1000);
    for (int i = 0; i < 200_000; i++) {
      warm.add(i * 33_333_333L, i % 30 == 0 ? 40_000 : 5_000, i % 30 == 0);
      typical.add(33_333 + i % 3);
    }
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    for (int i = 0; i < 100_000; i++) {
      s.add(i * 33_333_333L + (i % 7) * 1000, i % 30 == 0 ? 40_000 : 5_000, i % 30 == 0);
      typical.add(33_333 + i % 3);
    }
    long allocated = bean.getThreadAllocatedBytes(id) - before;
    assertThat(allocated).as("bytes allocated for 100,000 values").isLessThan(4096);
    assertThat(s.values()).isEqualTo(100_000);
  }
}
