package dev.rrdvideo.inspect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow IPC <em>file</em> (magic {@code ARROW1}, footer; what pandas' {@code read_feather},
 * polars' {@code read_ipc} and Arrow JS's {@code tableFromIPC} open), written in record batches of
 * {@value #BATCH_ROWS} rows, or fewer when their text cells reach {@value #BATCH_TEXT_BYTES} bytes
 * (a sample can have thousands of NAL units: memory stays bounded by the batch, not the rows).
 * Types: {@code Utf8}, {@code Int64}, {@code Int32}, {@code Bool}, all nullable. The schema
 * metadata {@code rrdvideo:schema} names the table schema version.
 */
final class ArrowTableWriter implements TableWriter, SampleColumns.CellSink {
  static final int BATCH_ROWS = 65536;
  static final long BATCH_TEXT_BYTES = 16L << 20;

  private final BufferAllocator allocator = new RootAllocator();
  private final VectorSchemaRoot root;
  private final ArrowFileWriter writer;
  private final List<FieldVector> vectors;
  private int row;
  private int col;
  private long textBytes;

  ArrowTableWriter(List<ColumnSpec> specs, String schemaName, OutputStream out) throws IOException {
    List<Field> fields = new ArrayList<>();
    for (ColumnSpec s : specs) {
      ArrowType t =
          switch (s.type()) {
            case STRING -> ArrowType.Utf8.INSTANCE;
            case INT64 -> new ArrowType.Int(64, true);
            case INT32 -> new ArrowType.Int(32, true);
            case BOOL -> ArrowType.Bool.INSTANCE;
          };
      fields.add(new Field(s.name(), FieldType.nullable(t), null));
    }
    Schema schema = new Schema(fields, Map.of("rrdvideo:schema", schemaName));
    this.root = VectorSchemaRoot.create(schema, allocator);
    this.vectors = root.getFieldVectors();
    root.allocateNew();
    this.writer =
        new ArrowFileWriter(
            root,
            null,
            Channels.newChannel(
                new java.io.FilterOutputStream(out) {
                  @Override
                  public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                  }

                  @Override
                  public void close() throws IOException {
                    out.flush();
                  }
                }));
    writer.start();
  }

  @Override
  public void write(RowSource source) throws IOException {
    for (col = 0; col < vectors.size(); col++) {
      source.emit(col, this);
    }
    row++;
    if (row == BATCH_ROWS || textBytes >= BATCH_TEXT_BYTES) {
      flush();
    }
  }

  private void flush() throws IOException {
    if (row == 0) {
      return;
    }
    for (FieldVector v : vectors) {
      v.setValueCount(row);
    }
    root.setRowCount(row);
    writer.writeBatch();
    root.allocateNew();
    row = 0;
    textBytes = 0;
  }

  @Override
  public void string(String v) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    textBytes += b.length;
    ((VarCharVector) vectors.get(col)).setSafe(row, b);
  }

  @Override
  public void int64(long v) {
    FieldVector f = vectors.get(col);
    if (f instanceof BigIntVector b) {
      b.setSafe(row, v);
    } else {
      ((IntVector) f).setSafe(row, (int) v);
    }
  }

  @Override
  public void bool(boolean v) {
    ((BitVector) vectors.get(col)).setSafe(row, v ? 1 : 0);
  }

  @Override
  public void absent() {
    vectors.get(col).setNull(row);
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
      writer.end();
    } finally {
      writer.close();
      root.close();
      allocator.close();
    }
  }
}
