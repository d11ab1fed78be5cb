package dev.rrdvideo.media.fuzz;

import dev.rrdvideo.format.error.RrdVideoException;

/**
 * The contract every fuzz target checks: the code under test either succeeds or throws a subclass
 * of {@link RrdVideoException} with a message; anything else (an unchecked exception, an error)
 * escapes and is a finding. Slow inputs are findings too. (The media code allocates no Arrow
 * memory, so unlike the converters' contract this one does not watch the allocator.)
 */
final class Contract {
  /** A generous per-input bound (the goal is well under a second; CI machines are shared). */
  static final long MAX_MILLIS = 3000;

  private Contract() {}

  /** Work under test. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /**
   * Runs {@code w}; typed failures are fine, everything else propagates. An input slower than
   * {@link #MAX_MILLIS} is run a second time and is a finding only if it is slow again (the first
   * use of a code path loads and instruments classes, which is not the input's cost).
   */
  static void check(Work w) throws Exception {
    long millis = timed(w);
    if (millis > MAX_MILLIS) {
      long again = timed(w);
      if (again > MAX_MILLIS) {
        throw new AssertionError("one input took " + millis + " ms, and " + again + " ms again");
      }
    }
  }

  private static long timed(Work w) throws Exception {
    long start = System.nanoTime();
    try {
      w.run();
    } catch (RrdVideoException e) {
      if (e.getOriginalMessage() == null || e.getOriginalMessage().isEmpty()) {
        throw new AssertionError("typed exception without a message", e);
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return millis;
  }
}
