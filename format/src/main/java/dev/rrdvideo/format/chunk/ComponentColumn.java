package dev.rrdvideo.format.chunk;

import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * One component column of a chunk: a {@code List<item: T>} with one list (a batch of component
 * instances) per row, or null where the row has no value.
 *
 * <p>A view over the chunk's Arrow memory: valid until the chunk is closed. Typed access to the
 * video components is in {@code dev.rrdvideo.format.video}; {@link #listVector()} is the escape
 * hatch to the raw Arrow data.
 */
public final class ComponentColumn {
  private final ComponentDescriptor descriptor;
  private final ListVector list;
  private final int rows;

  ComponentColumn(ComponentDescriptor descriptor, ListVector list, int rows) {
    this.descriptor = Objects.requireNonNull(descriptor);
    this.list = list;
    this.rows = rows;
  }

  /** Returns the descriptor (archetype, component, component type). */
  public ComponentDescriptor descriptor() {
    return descriptor;
  }

  /** Returns the column name (the component identifier). */
  public String name() {
    return descriptor.component();
  }

  /** Returns the number of rows. */
  public int size() {
    return rows;
  }

  /** Returns whether row {@code row} has no value (a null list). */
  public boolean isNull(int row) {
    Objects.checkIndex(row, rows);
    return list.isNull(row);
  }

  /** Returns the number of instances in row {@code row} (0 for null). */
  public int cellLength(int row) {
    Objects.checkIndex(row, rows);
    if (list.isNull(row)) {
      return 0;
    }
    return list.getOffsetBuffer().getInt((long) (row + 1) * 4)
        - list.getOffsetBuffer().getInt((long) row * 4);
  }

  /** Returns the index into {@link #values()} of the first instance of row {@code row}. */
  public int cellStart(int row) {
    Objects.checkIndex(row, rows);
    return list.getOffsetBuffer().getInt((long) row * 4);
  }

  /** Returns the number of rows that are not null. */
  public int nonNullCount() {
    int n = 0;
    for (int i = 0; i < rows; i++) {
      if (!list.isNull(i)) {
        n++;
      }
    }
    return n;
  }

  /** Returns the vector of all instances (the list's child). */
  public FieldVector values() {
    return list.getDataVector();
  }

  /** Returns the underlying Arrow list vector. */
  public ListVector listVector() {
    return list;
  }
}
