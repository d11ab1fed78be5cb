package dev.rrdvideo.inspect.report;

import dev.rrdvideo.inspect.PresentationIntervals;
import dev.rrdvideo.inspect.SampleRow;

/**
 * Aggregates one stream's rows into the series the charts draw: sizes (keyframes marked) at each
 * sample's presentation time, intervals in presentation order, GOP lengths at each keyframe's time,
 * and the most frequent interval. Fixed memory per stream; nothing allocated per sample.
 */
final class StreamCharts implements PresentationIntervals.Listener {
  /** The first bucket width on a nanosecond axis: one microsecond. */
  static final long NANOS_INITIAL_WIDTH = 1_000;

  private final int buckets;
  private final PresentationIntervals intervalsInOrder = new PresentationIntervals(this);
  private final MostFrequent typical = new MostFrequent();
  private BucketSeries intervals;
  private BucketSeries sizes;
  private BucketSeries gops;
  private boolean started;
  private boolean nanos;
  private long gopIndex = Long.MIN_VALUE;
  private long gopX;
  private long gopFrames;

  /** What the charts of one stream draw. */
  record Result(
      boolean nanos,
      BucketSeries intervals,
      long typicalIntervalNanos,
      BucketSeries sizes,
      BucketSeries gops) {}

  StreamCharts(int buckets) {
    this.buckets = buckets;
    reset();
  }

  private void reset() {
    started = false;
    gopIndex = Long.MIN_VALUE;
    gopFrames = 0;
    typical.clear();
  }

  /** Adds the next row of the stream (decode order). */
  void add(SampleRow r) {
    if (!started) {
      started = true;
      nanos = r.ptsNanos() != SampleRow.ABSENT;
      long width = nanos ? NANOS_INITIAL_WIDTH : 1;
      intervals = new BucketSeries(buckets, width);
      sizes = new BucketSeries(buckets, width);
      gops = new BucketSeries(buckets, width);
    }
    if (nanos && r.ptsNanos() == SampleRow.ABSENT) {
      return; // not on the stream's time axis
    }
    long x = nanos ? r.ptsNanos() : r.pts();
    boolean key = r.keyframeBitstream().or(r::keyframeDeclared).orElse(false);
    sizes.add(x, r.sizeBytes(), key);
    if (nanos) {
      intervalsInOrder.add(r);
    }
    if (r.gopIndex() != gopIndex) {
      closeGop();
      gopIndex = r.gopIndex();
      gopX = x;
      gopFrames = 0;
    }
    gopFrames++;
  }

  @Override
  public void interval(long ptsNanos, long intervalNanos, long sampleIndex) {
    intervals.add(ptsNanos, intervalNanos);
    long micros = intervalNanos / 1000 + (intervalNanos % 1000 >= 500 ? 1 : 0);
    typical.add(micros);
  }

  private void closeGop() {
    if (gopIndex >= 0 && gopFrames > 0) {
      gops.add(gopX, gopFrames);
    }
  }

  /** Returns the stream's series (null when it had no row) and starts over. */
  Result finish() {
    if (!started) {
      return null;
    }
    intervalsInOrder.finish();
    closeGop();
    Result r =
        new Result(
            nanos,
            intervals,
            typical.isEmpty() ? SampleRow.ABSENT : typical.mode() * 1000,
            sizes,
            gops);
    reset();
    return r;
  }
}
