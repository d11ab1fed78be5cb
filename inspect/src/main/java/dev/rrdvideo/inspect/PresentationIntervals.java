package dev.rrdvideo.inspect;

/**
 * The intervals between samples that are consecutive in presentation order, exactly as {@link
 * VideoSummary} (minimum / maximum interval) and {@link VideoChecker} ({@code max-gap}) see them:
 * rows arriving in decode order are put back in presentation order with the same reorder window
 * ({@value PresentationOrder#WINDOW} samples), and a sample presented before one already released
 * (reordering deeper than any decoder allows) is left out. Only rows with a presentation time in
 * nanoseconds take part.
 *
 * <p>Memory is the fixed window, whatever the stream length; nothing is allocated per sample. One
 * instance serves one stream at a time: call {@link #finish()} after the stream's last row.
 */
public final class PresentationIntervals {
  /** Receives the intervals, in presentation order. */
  @FunctionalInterface
  public interface Listener {
    /**
     * The interval that ends at a sample.
     *
     * @param ptsNanos the presentation time of the sample (the later of the two)
     * @param intervalNanos its presentation time minus that of the sample presented before it
     *     (saturated to the {@code long} range; 0 for a duplicate time)
     * @param sampleIndex its index in decode order
     */
    void interval(long ptsNanos, long intervalNanos, long sampleIndex);
  }

  private final PresentationOrder order;
  private boolean havePrevious;
  private long previousNanos;

  /** Creates an instance that reports to {@code listener}. */
  public PresentationIntervals(Listener listener) {
    java.util.Objects.requireNonNull(listener, "listener is null");
    this.order =
        new PresentationOrder(
            new PresentationOrder.Sink() {
              @Override
              public void presented(long time, long sampleIndex, long durationNanos) {
                if (havePrevious) {
                  listener.interval(
                      time, StreamTiming.difference(time, previousNanos), sampleIndex);
                }
                havePrevious = true;
                previousNanos = time;
              }

              @Override
              public void late(long time, long sampleIndex, long releasedTime) {
                // left out of the intervals, as in StreamTiming
              }
            });
  }

  /** Adds the next row of the stream (decode order); rows without {@code pts_ns} are ignored. */
  public void add(SampleRow row) {
    if (row.ptsNanos != SampleRow.ABSENT) {
      order.add(row.ptsNanos, row.sampleIndex, SampleRow.ABSENT);
    }
  }

  /** Reports the intervals of the samples still held and starts over for the next stream. */
  public void finish() {
    order.finish();
    havePrevious = false;
  }
}
