package dev.rrdvideo.format.chunk;

import dev.rrdvideo.format.chunk.internal.Entropy;

/**
 * Hands out strictly increasing {@link Tuid}s, the way Rerun does: the time part is wall-clock
 * nanoseconds at creation plus monotonic elapsed time (never going backwards), the counter starts
 * at a random 63-bit value and is incremented for every id.
 *
 * <p>Thread-safe.
 */
public final class TuidGenerator {
  private final long epochNanosAtStart;
  private final long monoAtStart;
  private long counter;
  private long lastTime;

  /** Creates a generator seeded from the clock and a random counter start (kernel entropy). */
  public TuidGenerator() {
    this(System.currentTimeMillis() * 1_000_000L, Entropy.nextLong() & Long.MAX_VALUE);
  }

  /**
   * Creates a deterministic generator (for tests and reproducible output): ids use {@code
   * timeNanos} plus elapsed monotonic time and count up from {@code counterStart}.
   */
  public TuidGenerator(long timeNanos, long counterStart) {
    this.epochNanosAtStart = timeNanos;
    this.monoAtStart = System.nanoTime();
    this.counter = counterStart;
  }

  /** Returns the next id; each call returns an id greater than all earlier ones. */
  public synchronized Tuid next() {
    long t = epochNanosAtStart + (System.nanoTime() - monoAtStart);
    if (Long.compareUnsigned(t, lastTime) < 0) {
      t = lastTime;
    }
    lastTime = t;
    counter++;
    return new Tuid(t, counter);
  }
}
