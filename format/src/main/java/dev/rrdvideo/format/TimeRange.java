package dev.rrdvideo.format;

import dev.rrdvideo.format.chunk.TimeType;

/**
 * An inclusive range of values on one timeline.
 *
 * @param type the timeline type
 * @param min the smallest value
 * @param max the largest value
 */
public record TimeRange(TimeType type, long min, long max) {
  /** Returns whether {@code [from, to]} overlaps this range. */
  public boolean overlaps(long from, long to) {
    return min <= to && max >= from;
  }
}
