package dev.rrdvideo.format.chunk;

/**
 * The type of a timeline, which fixes the Arrow type of its index column.
 *
 * <ul>
 *   <li>{@link #SEQUENCE}: {@code Int64}, a frame number or tick;
 *   <li>{@link #DURATION}: {@code Duration(NANOSECOND)}, nanoseconds since some start;
 *   <li>{@link #TIMESTAMP}: {@code Timestamp(NANOSECOND)} without time zone, nanoseconds since the
 *       Unix epoch.
 * </ul>
 */
public enum TimeType {
  /** A sequence number ({@code Int64}). */
  SEQUENCE,
  /** Nanoseconds since a start ({@code Duration(ns)}). */
  DURATION,
  /** Nanoseconds since the Unix epoch ({@code Timestamp(ns)}). */
  TIMESTAMP;

  /** Returns whether values of this type are nanoseconds. */
  public boolean isNanos() {
    return this != SEQUENCE;
  }
}
