package dev.rrdvideo.format.video;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Typed access to mono-component cells, with type checks. Package-private helper. */
final class Cells {
  private Cells() {}

  static RrdFormatException typeError(Chunk c, ComponentColumn col, String expected) {
    return new RrdFormatException(
        "chunk "
            + c.id()
            + " column "
            + col.name()
            + ": expected List<"
            + expected
            + ">"
            + ", found "
            + col.typeName(),
        null,
        RrdVideoException.UNKNOWN_OFFSET);
  }

  /** Checks that the column is {@code List<List<UInt8>>}. */
  static void checkBlob(Chunk c, ComponentColumn col) throws RrdFormatException {
    FieldVector v = col.values();
    if (!(v instanceof ListVector) || !(((ListVector) v).getDataVector() instanceof UInt1Vector)) {
      throw typeError(c, col, "List<UInt8>");
    }
  }

  static void checkType(Chunk c, ComponentColumn col, ArrowType type, String name)
      throws RrdFormatException {
    if (!col.values().getField().getType().equals(type)) {
      throw typeError(c, col, name);
    }
  }

  static void checkFloat32(Chunk c, ComponentColumn col) throws RrdFormatException {
    checkType(c, col, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), "Float32");
  }

  /** Returns a read-only view of the first blob of the row's cell, or null. */
  static ByteBuffer blob(ComponentColumn col, int row) {
    if (col.isNull(row) || col.cellLength(row) < 1) {
      return null;
    }
    ListVector inner = (ListVector) col.values();
    int idx = col.cellStart(row);
    if (inner.isNull(idx)) {
      return null;
    }
    int start = inner.getOffsetBuffer().getInt(4L * idx);
    int end = inner.getOffsetBuffer().getInt(4L * (idx + 1));
    UInt1Vector bytes = (UInt1Vector) inner.getDataVector();
    return bytes.getDataBuffer().nioBuffer(start, end - start).asReadOnlyBuffer();
  }

  /** Returns the byte length of the first blob of the row's cell, or -1 when null. */
  static int blobLength(ComponentColumn col, int row) {
    if (col.isNull(row) || col.cellLength(row) < 1) {
      return -1;
    }
    ListVector inner = (ListVector) col.values();
    int idx = col.cellStart(row);
    if (inner.isNull(idx)) {
      return -1;
    }
    return inner.getOffsetBuffer().getInt(4L * (idx + 1))
        - inner.getOffsetBuffer().getInt(4L * idx);
  }

  /** Returns whether the row has a non-null first instance. */
  static boolean has(ComponentColumn col, int row) {
    return !col.isNull(row) && col.cellLength(row) >= 1 && !col.values().isNull(col.cellStart(row));
  }

  static long uint32(ComponentColumn col, int row) {
    return ((BaseFixedWidthVector) col.values()).getDataBuffer().getInt(4L * col.cellStart(row))
        & 0xFFFF_FFFFL;
  }

  static long int64(ComponentColumn col, int row) {
    return ((BaseFixedWidthVector) col.values()).getDataBuffer().getLong(8L * col.cellStart(row));
  }

  static float float32(ComponentColumn col, int row) {
    return ((BaseFixedWidthVector) col.values()).getDataBuffer().getFloat(4L * col.cellStart(row));
  }

  static boolean bool(ComponentColumn col, int row) {
    return ((BitVector) col.values()).get(col.cellStart(row)) != 0;
  }

  static String utf8(ComponentColumn col, int row) {
    return new String(
        ((VarCharVector) col.values()).get(col.cellStart(row)), StandardCharsets.UTF_8);
  }
}
