package dev.rrdvideo.inspect;

/**
 * The timing facts of one stream, shared by {@link VideoSummary} and {@link VideoChecker} so that
 * the summary's counts and the check rules always agree.
 *
 * <p>Two orders matter:
 *
 * <ul>
 *   <li><b>Decode order</b> (the order of the rows): decode times must strictly increase. The
 *       decode time is the row's {@code dts_ns} where the container has one (MP4), else its
 *       presentation time (a {@code VideoStream} has a single time per sample, which is both), else
 *       its {@code pts} (a sequence number or, for raw streams, the index). A sample whose
 *       presentation time is earlier than that of a sample decoded before it is <em>reordered</em>
 *       (B-frames).
 *   <li><b>Presentation order</b> (restored by {@link PresentationOrder}): intervals, gaps, frame
 *       rate, duration and duplicate times are about the frames as they are shown. A sample that
 *       reorders further than the {@value PresentationOrder#WINDOW}-sample window counts as a
 *       non-increasing time and is left out of the intervals.
 * </ul>
 *
 * Intervals, first/last time and duration need times in nanoseconds (absent on sequence timelines
 * and raw streams); the other counts use the timeline's own unit. Memory: a fixed window, whatever
 * the number of samples.
 */
final class StreamTiming implements PresentationOrder.Sink {
  /** What a rule needs to hear about, sample by sample (all optional). */
  interface Events {
    /** A decode time that is not greater than the previous sample's (decode order). */
    default void decodeTimeNotIncreasing(long sampleIndex, long time, long previousTime) {}

    /** A sample presented before one already presented more than the window earlier. */
    default void reorderedBeyondWindow(long sampleIndex, long time, long presentedTime) {}

    /** Two samples, consecutive in presentation order, with the same presentation time. */
    default void sameTime(long previousIndex, long sampleIndex, long time) {}

    /** The interval between consecutive samples in presentation order (nanoseconds only). */
    default void interval(long previousIndex, long sampleIndex, long intervalNanos) {}

    /** A sample presented before a sample decoded earlier (B-frames, reordering). */
    default void reordered(long sampleIndex, long time, long earlierMaxTime) {}
  }

  private static final Events NONE = new Events() {};

  private final Events events;
  private final PresentationOrder order = new PresentationOrder(this);

  private boolean started;
  private boolean nanos;
  private long lastDecodeTime;
  private long maxTime;
  private long minTime;
  private long durationOfMax = SampleRow.ABSENT;
  private long lastHitIndex = -1;
  private boolean havePresented;
  private long lastPresentedTime;
  private long lastPresentedIndex;

  private long nonIncreasing;
  private long duplicates;
  private long reordered;
  private long minInterval = Long.MAX_VALUE;
  private long maxInterval = Long.MIN_VALUE;

  StreamTiming(Events events) {
    this.events = events == null ? NONE : events;
  }

  /** Adds the next row (decode order). Returns whether this sample is presented out of order. */
  boolean add(SampleRow r) {
    long key = presentationKey(r);
    long decode = r.dtsNanos != SampleRow.ABSENT ? r.dtsNanos : key;
    long i = r.sampleIndex;
    boolean out = false;
    if (!started) {
      started = true;
      nanos = r.ptsNanos != SampleRow.ABSENT;
      minTime = key;
      maxTime = key;
      durationOfMax = r.durationNanos;
    } else {
      if (decode <= lastDecodeTime) {
        hit(i);
        events.decodeTimeNotIncreasing(i, decode, lastDecodeTime);
      }
      if (key < maxTime) {
        out = true;
        reordered++;
        events.reordered(i, key, maxTime);
      }
      if (key > maxTime) {
        maxTime = key;
        durationOfMax = r.durationNanos;
      }
      minTime = Math.min(minTime, key);
    }
    lastDecodeTime = decode;
    order.add(key, i, r.durationNanos);
    return out;
  }

  /** Releases the samples still held (call at the end of the stream, before reading results). */
  void finish() {
    order.finish();
  }

  private void hit(long sampleIndex) {
    if (sampleIndex != lastHitIndex) {
      lastHitIndex = sampleIndex;
      nonIncreasing++;
    }
  }

  @Override
  public void presented(long time, long sampleIndex, long durationNanos) {
    if (havePresented) {
      long d = difference(time, lastPresentedTime);
      if (d == 0) {
        duplicates++;
        events.sameTime(lastPresentedIndex, sampleIndex, time);
      }
      if (nanos) {
        minInterval = Math.min(minInterval, d);
        maxInterval = Math.max(maxInterval, d);
        events.interval(lastPresentedIndex, sampleIndex, d);
      }
    }
    havePresented = true;
    lastPresentedTime = time;
    lastPresentedIndex = sampleIndex;
  }

  @Override
  public void late(long time, long sampleIndex, long releasedTime) {
    hit(sampleIndex);
    events.reorderedBeyondWindow(sampleIndex, time, releasedTime);
  }

  /**
   * {@code a - b}, saturated to the {@code long} range (times come from files: any value); never
   * {@link Long#MIN_VALUE}, which stands for an absent value.
   */
  static long difference(long a, long b) {
    long d = a - b;
    if (((a ^ b) & (a ^ d)) < 0) {
      return a < b ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
    return d == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : d;
  }

  /** {@code a + b}, saturated to the {@code long} range. */
  static long sum(long a, long b) {
    long s = a + b;
    if (((a ^ s) & (b ^ s)) < 0) {
      return a < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
    return s == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : s;
  }

  /** The presentation time in ns, else in the timeline's own unit. */
  static long presentationKey(SampleRow r) {
    return r.ptsNanos != SampleRow.ABSENT ? r.ptsNanos : r.pts;
  }

  /** Whether the stream has times in nanoseconds. */
  boolean nanos() {
    return started && nanos;
  }

  /** Samples whose decode time does not increase, or that reorder beyond the window. */
  long nonIncreasing() {
    return nonIncreasing;
  }

  /** Samples sharing the presentation time of the sample presented before them. */
  long duplicates() {
    return duplicates;
  }

  /** Samples presented before a sample decoded earlier. */
  long reordered() {
    return reordered;
  }

  /** Earliest presentation time in ns, or {@link SampleRow#ABSENT}. */
  long firstNanos() {
    return nanos() ? minTime : SampleRow.ABSENT;
  }

  /** Latest presentation time in ns, or {@link SampleRow#ABSENT}. */
  long lastNanos() {
    return nanos() ? maxTime : SampleRow.ABSENT;
  }

  /** Duration of the sample presented last, as its row gave it, or {@link SampleRow#ABSENT}. */
  long lastDurationNanos() {
    return nanos() ? durationOfMax : SampleRow.ABSENT;
  }

  /** Smallest interval in presentation order (ns), or {@link SampleRow#ABSENT}. */
  long minIntervalNanos() {
    return minInterval == Long.MAX_VALUE ? SampleRow.ABSENT : minInterval;
  }

  /** Largest interval in presentation order (ns), or {@link SampleRow#ABSENT}. */
  long maxIntervalNanos() {
    return maxInterval == Long.MIN_VALUE ? SampleRow.ABSENT : maxInterval;
  }
}
