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

  /**
   * Returns the names of the columns left out to fit the width (pretty tables with a width only;
   * known once the header is written, at the latest after {@link #close()}).
   */
  default List<String> leftOut() {
    return List.of();
  }

  /** Creates a writer for {@code columns}; {@code schemaName} is recorded where the format can. */
  static TableWriter create(
      TableFormat format, List<ColumnSpec> columns, String schemaName, OutputStream out)
      throws IOException {
    return create(format, columns, schemaName, out, 0, null);
  }

  /**
   * Creates a writer; a pretty table is made to fit {@code widthChars} (when above 0) by leaving
   * out columns, the least important first ({@code keepOrder}: column indices, most important
   * first). Other formats ignore the width.
   */
  static TableWriter create(
      TableFormat format,
      List<ColumnSpec> columns,
      String schemaName,
      OutputStream out,
      int widthChars,
      int[] keepOrder)
      throws IOException {
    return switch (format) {
      case PRETTY -> new PrettyTableWriter(columns, out, widthChars, keepOrder);
      case CSV -> new CsvTableWriter(columns, out);
      case JSONL -> new JsonLinesTableWriter(columns, out);
      case ARROW -> new ArrowTableWriter(columns, schemaName, out);
    };
  }
}
