package dev.rrdvideo.inspect;

/**
 * An inclusive range of presentation times, to scan only the samples in it ({@link
 * ScanOptions.Builder#ptsRange}, {@link ScanOptions.Builder#ptsNanosRange}).
 *
 * @param min the smallest time in the range
 * @param max the largest time in the range
 */
public record PtsRange(long min, long max) implements java.io.Serializable {
  /** The range of every time. */
  public static final PtsRange ALL = new PtsRange(Long.MIN_VALUE, Long.MAX_VALUE);

  /** Returns whether no time is in the range ({@code min > max}). */
  public boolean isEmpty() {
    return min > max;
  }

  /** Returns whether {@code t} is in the range. */
  public boolean contains(long t) {
    return t >= min && t <= max;
  }

  /** Returns whether some time of {@code [from, to]} is in the range. */
  public boolean overlaps(long from, long to) {
    return from <= max && to >= min && from <= to;
  }

  /** Returns the times in both ranges. */
  public PtsRange intersect(PtsRange other) {
    return new PtsRange(Math.max(min, other.min), Math.min(max, other.max));
  }
}
