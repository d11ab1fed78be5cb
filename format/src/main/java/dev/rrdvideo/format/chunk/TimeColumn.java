package dev.rrdvideo.format.chunk;

import java.util.Objects;
import org.apache.arrow.vector.BaseFixedWidthVector;

/**
 * The values of one timeline in a chunk: one 64-bit value per row (nanoseconds for duration and
 * timestamp timelines, a plain number for sequences).
 *
 * <p>A view over the chunk's Arrow memory: valid until the chunk is closed. Not thread-safe for
 * concurrent close.
 */
public final class TimeColumn {
  private final String name;
  private final TimeType type;
  private final boolean sortedFlag;
  private final BaseFixedWidthVector vector;
  private final int rows;

  TimeColumn(
      String name, TimeType type, boolean sortedFlag, BaseFixedWidthVector vector, int rows) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
    this.sortedFlag = sortedFlag;
    this.vector = vector;
    this.rows = rows;
  }

  /** Returns the timeline name. */
  public String name() {
    return name;
  }

  /** Returns the timeline type. */
  public TimeType type() {
    return type;
  }

  /** Returns whether the column claims to be sorted ({@code rerun:is_sorted}). */
  public boolean sortedFlag() {
    return sortedFlag;
  }

  /** Returns the number of values (the chunk's row count). */
  public int size() {
    return rows;
  }

  /** Returns the value of row {@code row}. */
  public long value(int row) {
    Objects.checkIndex(row, rows);
    return vector.getDataBuffer().getLong((long) row * 8);
  }

  /** Returns whether the values are non-decreasing in row order. */
  public boolean isSorted() {
    for (int i = 1; i < rows; i++) {
      if (value(i) < value(i - 1)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the smallest value, or {@link Long#MIN_VALUE} for an empty column. */
  public long min() {
    long m = Long.MAX_VALUE;
    for (int i = 0; i < rows; i++) {
      m = Math.min(m, value(i));
    }
    return rows == 0 ? Long.MIN_VALUE : m;
  }

  /** Returns the largest value, or {@link Long#MIN_VALUE} for an empty column. */
  public long max() {
    long m = Long.MIN_VALUE;
    for (int i = 0; i < rows; i++) {
      m = Math.max(m, value(i));
    }
    return m;
  }
}
