package dev.rrdvideo.inspect;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Streams rows of a table with fixed columns to an output in one {@link TableFormat}, with bounded
 * memory (the pretty format looks ahead at most {@value PrettyTableWriter#LOOKAHEAD} rows to size
 * its columns; Arrow writes a record batch every {@value ArrowTableWriter#BATCH_ROWS} rows).
 *
 * <p>Implementations are not thread-safe. {@link #close()} finishes the output (Arrow footer,
 * flush) but does not close the underlying stream.
 */
public interface TableWriter extends Closeable {
  /** A column: name and type. */
  record ColumnSpec(String name, SampleColumns.Type type) {}

  /** Receives one row's cells in column order. */
  interface RowSource {
    /** Emits cell {@code column} of the current row. */
    void emit(int column, SampleColumns.CellSink sink);
  }

  /** Writes one row. */
  void write(RowSource row) throws IOException;

  /** Creates a writer for {@code columns}; {@code schemaName} is recorded where the format can. */
  static TableWriter create(
      TableFormat format, List<ColumnSpec> columns, String schemaName, OutputStream out)
      throws IOException {
    return switch (format) {
      case PRETTY -> new PrettyTableWriter(columns, out);
      case CSV -> new CsvTableWriter(columns, out);
      case JSONL -> new JsonLinesTableWriter(columns, out);
      case ARROW -> new ArrowTableWriter(columns, schemaName, out);
    };
  }
}
