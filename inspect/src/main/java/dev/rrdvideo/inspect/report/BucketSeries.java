package dev.rrdvideo.inspect.report;

/**
 * A fixed number of equal-width buckets over an x axis (time or sample number) that summarize the
 * values added to them: per bucket the count, minimum, maximum and sum (so the mean), the smallest
 * x, and the count and maximum of the values added as <em>marked</em> (keyframes). This is what a
 * chart of a long stream draws instead of one point per sample: an envelope (minimum to maximum)
 * and a mean line per bucket.
 *
 * <p>Values stream through; the x range need not be known in advance. The buckets start at the
 * first x added, {@code initialWidth} wide. When an x falls to the right of the last bucket, the
 * width doubles and each two neighbouring buckets merge into one, in the left half; when it falls
 * to the left of the first bucket, the width doubles and the old buckets merge into the right half,
 * so the first bucket then starts {@code buckets} old widths earlier. Merging is exact (sums,
 * counts, minima and maxima combine), so the result does not depend on when the merges happened:
 * for the same final geometry, every bucket holds exactly the values whose x lies in it. After the
 * last value, the data spans more than half of the buckets (unless it fits in fewer buckets of the
 * initial width).
 *
 * <p>Memory is {@code buckets} entries of seven numbers, whatever the number of values; {@link
 * #add} allocates nothing. An x so far from the first one that the buckets would span more than
 * 2<sup>62</sup> units is counted in the nearest edge bucket. Not thread-safe.
 */
public final class BucketSeries {
  /** The number of buckets the report's charts use. */
  public static final int DEFAULT_BUCKETS = 512;

  private static final long LIMIT_SPAN = 1L << 62;

  private final int n;
  private final long[] count;
  private final long[] min;
  private final long[] max;
  private final double[] sum;
  private final long[] markedCount;
  private final long[] markedMax;
  private final long[] firstX;
  private long start;
  private long width;
  private boolean started;
  private long values;
  private long minX;
  private long maxX;

  /**
   * Creates an empty series.
   *
   * @param buckets the number of buckets: even, at least 2
   * @param initialWidth the width of a bucket before any merge, in x units (at least 1)
   */
  public BucketSeries(int buckets, long initialWidth) {
    if (buckets < 2 || buckets % 2 != 0) {
      throw new IllegalArgumentException("buckets must be even and at least 2: " + buckets);
    }
    if (initialWidth < 1 || initialWidth > LIMIT_SPAN / buckets) {
      throw new IllegalArgumentException("initialWidth out of range: " + initialWidth);
    }
    this.n = buckets;
    this.width = initialWidth;
    this.count = new long[buckets];
    this.min = new long[buckets];
    this.max = new long[buckets];
    this.sum = new double[buckets];
    this.markedCount = new long[buckets];
    this.markedMax = new long[buckets];
    this.firstX = new long[buckets];
  }

  /** Adds a value at {@code x}. */
  public void add(long x, long value) {
    add(x, value, false);
  }

  /** Adds a value at {@code x}; a marked value also counts in {@link #markedCount}. */
  public void add(long x, long value, boolean marked) {
    if (!started) {
      started = true;
      start = x;
      minX = x;
      maxX = x;
    } else {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    }
    int i = index(x);
    if (count[i] == 0) {
      min[i] = value;
      max[i] = value;
      firstX[i] = x;
    } else {
      min[i] = Math.min(min[i], value);
      max[i] = Math.max(max[i], value);
      firstX[i] = Math.min(firstX[i], x);
    }
    count[i]++;
    sum[i] += value;
    if (marked) {
      markedMax[i] = markedCount[i] == 0 ? value : Math.max(markedMax[i], value);
      markedCount[i]++;
    }
    values++;
  }

  private int index(long x) {
    while (true) {
      if (x >= start) {
        long offset = x - start; // negative when it overflows: then far to the right
        if (offset >= 0 && offset / width < n) {
          return (int) (offset / width);
        }
        if (!grow(true)) {
          return n - 1;
        }
      } else if (!grow(false)) {
        return 0;
      }
    }
  }

  /** Doubles the width, merging pairs into the left ({@code right}) or right half. */
  private boolean grow(boolean right) {
    if (width > LIMIT_SPAN / n) {
      return false;
    }
    long span = width * n;
    if (!right) {
      if (start < Long.MIN_VALUE + span) {
        return false;
      }
      start -= span;
    }
    int half = n / 2;
    if (right) {
      for (int j = 0; j < half; j++) {
        merge(j, 2 * j, 2 * j + 1);
      }
      clear(half, n);
    } else {
      for (int j = half - 1; j >= 0; j--) {
        merge(half + j, 2 * j, 2 * j + 1);
      }
      clear(0, half);
    }
    width *= 2;
    return true;
  }

  /** Bucket {@code to} becomes buckets {@code a} and {@code b} combined ({@code to <= b}). */
  private void merge(int to, int a, int b) {
    long c = count[a] + count[b];
    long lo;
    long hi;
    long fx;
    if (count[a] == 0) {
      lo = min[b];
      hi = max[b];
      fx = firstX[b];
    } else if (count[b] == 0) {
      lo = min[a];
      hi = max[a];
      fx = firstX[a];
    } else {
      lo = Math.min(min[a], min[b]);
      hi = Math.max(max[a], max[b]);
      fx = Math.min(firstX[a], firstX[b]);
    }
    long mc = markedCount[a] + markedCount[b];
    long mhi;
    if (markedCount[a] == 0) {
      mhi = markedMax[b];
    } else if (markedCount[b] == 0) {
      mhi = markedMax[a];
    } else {
      mhi = Math.max(markedMax[a], markedMax[b]);
    }
    double s = sum[a] + sum[b];
    count[to] = c;
    min[to] = lo;
    max[to] = hi;
    sum[to] = s;
    markedCount[to] = mc;
    markedMax[to] = mhi;
    firstX[to] = fx;
  }

  private void clear(int from, int to) {
    for (int i = from; i < to; i++) {
      count[i] = 0;
      min[i] = 0;
      max[i] = 0;
      sum[i] = 0;
      markedCount[i] = 0;
      markedMax[i] = 0;
      firstX[i] = 0;
    }
  }

  /** Returns the number of buckets. */
  public int buckets() {
    return n;
  }

  /** Returns the number of values added. */
  public long values() {
    return values;
  }

  /** Returns whether no value was added. */
  public boolean isEmpty() {
    return values == 0;
  }

  /** Returns the x where bucket 0 starts (the first x added, or earlier after growing left). */
  public long start() {
    return start;
  }

  /** Returns the current width of a bucket, in x units. */
  public long bucketWidth() {
    return width;
  }

  /** Returns the x where bucket {@code i} starts. */
  public long bucketStart(int i) {
    return start + i * width;
  }

  /** Returns the smallest x added (undefined when empty). */
  public long minX() {
    return minX;
  }

  /** Returns the largest x added (undefined when empty). */
  public long maxX() {
    return maxX;
  }

  /** Returns how many values bucket {@code i} holds. */
  public long count(int i) {
    return count[i];
  }

  /** Returns the smallest value in bucket {@code i} (0 when it is empty). */
  public long min(int i) {
    return min[i];
  }

  /** Returns the largest value in bucket {@code i} (0 when it is empty). */
  public long max(int i) {
    return max[i];
  }

  /** Returns the sum of the values in bucket {@code i}. */
  public double sum(int i) {
    return sum[i];
  }

  /** Returns the mean of the values in bucket {@code i}, or NaN when it is empty. */
  public double mean(int i) {
    return count[i] == 0 ? Double.NaN : sum[i] / count[i];
  }

  /** Returns the smallest x of the values in bucket {@code i} (0 when it is empty). */
  public long firstX(int i) {
    return firstX[i];
  }

  /** Returns how many marked values bucket {@code i} holds. */
  public long markedCount(int i) {
    return markedCount[i];
  }

  /** Returns the largest marked value in bucket {@code i} (0 when it holds none). */
  public long markedMax(int i) {
    return markedMax[i];
  }

  /** Returns the largest value in any bucket (0 when empty). */
  public long maxValue() {
    long m = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      if (count[i] > 0) {
        m = Math.max(m, max[i]);
      }
    }
    return m == Long.MIN_VALUE ? 0 : m;
  }

  /** Returns the smallest value in any bucket (0 when empty). */
  public long minValue() {
    long m = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      if (count[i] > 0) {
        m = Math.min(m, min[i]);
      }
    }
    return m == Long.MAX_VALUE ? 0 : m;
  }

  /** Returns an independent copy (for a report model that outlives this aggregator). */
  public BucketSeries copy() {
    return coarsened(1);
  }

  /**
   * Returns a copy with {@code factor} neighbouring buckets merged into one: {@code buckets() /
   * factor} buckets of {@code factor} times the width, from the same start. What a chart draws when
   * the buckets are finer than the spacing of the values.
   *
   * @param factor a power of two, at most {@code buckets() / 2} (or 1)
   */
  public BucketSeries coarsened(int factor) {
    if (factor < 1 || Integer.bitCount(factor) != 1 || (factor > 1 && factor > n / 2)) {
      throw new IllegalArgumentException("factor must be a power of two up to " + n / 2);
    }
    BucketSeries c = new BucketSeries(n / factor, 1);
    for (int j = 0; j < c.n; j++) {
      for (int i = j * factor; i < (j + 1) * factor; i++) {
        if (count[i] == 0) {
          continue;
        }
        if (c.count[j] == 0) {
          c.min[j] = min[i];
          c.max[j] = max[i];
          c.firstX[j] = firstX[i];
        } else {
          c.min[j] = Math.min(c.min[j], min[i]);
          c.max[j] = Math.max(c.max[j], max[i]);
          c.firstX[j] = Math.min(c.firstX[j], firstX[i]);
        }
        if (markedCount[i] > 0) {
          c.markedMax[j] =
              c.markedCount[j] == 0 ? markedMax[i] : Math.max(c.markedMax[j], markedMax[i]);
        }
        c.count[j] += count[i];
        c.sum[j] += sum[i];
        c.markedCount[j] += markedCount[i];
      }
    }
    c.start = start;
    c.width = width * factor;
    c.started = started;
    c.values = values;
    c.minX = minX;
    c.maxX = maxX;
    return c;
  }

  /**
   * Returns the smallest power of two by which to {@link #coarsened coarsen} this series so that a
   * bucket is at least {@code minWidth} wide (at most {@code buckets() / 2}).
   */
  public int factorFor(double minWidth) {
    int f = 1;
    while (f < n / 2 && (double) width * f < minWidth) {
      f *= 2;
    }
    return f;
  }
}
