package dev.rrdvideo.media;

/**
 * A number of ticks per second, with exact conversions between ticks and nanoseconds.
 *
 * <p>Conversion to nanoseconds rounds half away from zero, which is what Rerun's MP4 reader does
 * with its double-precision arithmetic for every value a 32-bit MP4 timescale can produce. The
 * computation is done in integers (quotient and remainder), so it never overflows for tick values
 * whose nanosecond value fits in a {@code long}.
 *
 * @param ticksPerSecond the number of ticks in one second, positive
 */
public record Timescale(long ticksPerSecond) {
  /** Nanoseconds: one tick per nanosecond. */
  public static final Timescale NANOS = new Timescale(1_000_000_000L);

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Validates the timescale. */
  public Timescale {
    if (ticksPerSecond <= 0 || ticksPerSecond > 0xFFFF_FFFFL * 1000) {
      throw new IllegalArgumentException(
          "timescale must be in 1.." + 0xFFFF_FFFFL * 1000 + ", was " + ticksPerSecond);
    }
  }

  /** Returns the timescale with the given ticks per second. */
  public static Timescale of(long ticksPerSecond) {
    return new Timescale(ticksPerSecond);
  }

  /**
   * Converts ticks to nanoseconds, rounding half away from zero.
   *
   * @throws ArithmeticException if the result does not fit in a {@code long}
   */
  public long toNanos(long ticks) {
    if (ticksPerSecond == NANOS_PER_SECOND) {
      return ticks;
    }
    long q = ticks / ticksPerSecond;
    long r = ticks % ticksPerSecond;
    long whole = Math.multiplyExact(q, NANOS_PER_SECOND);
    return Math.addExact(whole, divRoundHalfAway(r * NANOS_PER_SECOND, ticksPerSecond));
  }

  /**
   * Converts nanoseconds to ticks of this timescale, rounding half away from zero.
   *
   * @throws ArithmeticException if the result does not fit in a {@code long}
   */
  public long fromNanos(long nanos) {
    if (ticksPerSecond == NANOS_PER_SECOND) {
      return nanos;
    }
    long q = nanos / NANOS_PER_SECOND;
    long r = nanos % NANOS_PER_SECOND;
    long whole = Math.multiplyExact(q, ticksPerSecond);
    // r < 1e9 and ticksPerSecond <= 4.3e12: use 128-bit product to stay exact.
    long hi = Math.multiplyHigh(r, ticksPerSecond);
    long lo = r * ticksPerSecond;
    long part;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      part = divRoundHalfAway(lo, NANOS_PER_SECOND);
    } else {
      part =
          new java.math.BigDecimal(
                  java.math.BigInteger.valueOf(r)
                      .multiply(java.math.BigInteger.valueOf(ticksPerSecond)))
              .divide(
                  java.math.BigDecimal.valueOf(NANOS_PER_SECOND), 0, java.math.RoundingMode.HALF_UP)
              .longValueExact();
    }
    return Math.addExact(whole, part);
  }

  /** Returns whether every tick value converts to a whole number of nanoseconds. */
  public boolean isExactInNanos() {
    return NANOS_PER_SECOND % ticksPerSecond == 0;
  }

  private static long divRoundHalfAway(long num, long den) {
    long q = num / den;
    long r = num % den;
    if (Math.abs(r) * 2 >= den) {
      q += num >= 0 ? 1 : -1;
    }
    return q;
  }
}
