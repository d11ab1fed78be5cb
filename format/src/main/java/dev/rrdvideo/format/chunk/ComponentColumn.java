package dev.rrdvideo.format.chunk;

import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

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
  private final Field field;
  private final ListVector list;
  private final int rows;

  ComponentColumn(ComponentDescriptor descriptor, Field field, ListVector list, int rows) {
    this.descriptor = Objects.requireNonNull(descriptor);
    this.field = Objects.requireNonNull(field);
    this.list = list;
    this.rows = rows;
  }

  /** Returns the column's Arrow field as declared in the chunk schema (names, nullability). */
  public Field field() {
    return field;
  }

  /** Returns the column's type as text, e.g. {@code List<List<UInt8>>} or {@code List<UInt32>}. */
  public String typeName() {
    return describe(field);
  }

  private static String describe(Field f) {
    ArrowType t = f.getType();
    if (t instanceof ArrowType.List || t instanceof ArrowType.LargeList) {
      String inner = f.getChildren().isEmpty() ? "?" : describe(f.getChildren().get(0));
      return (t instanceof ArrowType.List ? "List<" : "LargeList<") + inner + ">";
    }
    if (t instanceof ArrowType.Struct) {
      StringBuilder sb = new StringBuilder("Struct<");
      for (int i = 0; i < f.getChildren().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(f.getChildren().get(i).getName())
            .append(": ")
            .append(describe(f.getChildren().get(i)));
      }
      return sb.append('>').toString();
    }
    if (t instanceof ArrowType.Int) {
      ArrowType.Int i = (ArrowType.Int) t;
      return (i.getIsSigned() ? "Int" : "UInt") + i.getBitWidth();
    }
    if (t instanceof ArrowType.FloatingPoint) {
      switch (((ArrowType.FloatingPoint) t).getPrecision()) {
        case HALF:
          return "Float16";
        case SINGLE:
          return "Float32";
        default:
          return "Float64";
      }
    }
    if (t instanceof ArrowType.Bool) {
      return "Boolean";
    }
    if (t instanceof ArrowType.Utf8) {
      return "Utf8";
    }
    return t.toString();
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
