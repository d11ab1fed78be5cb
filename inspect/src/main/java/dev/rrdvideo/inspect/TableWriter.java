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

  /**
   * Creates the writer of a table from what the table is: its columns, its schema name and, for a
   * pretty table that must fit a width, its column indices most important first. The table classes
   * ({@link SampleTableWriter}, {@link GopTableWriter}, {@link ReferenceTableWriter}) take one to
   * write somewhere else than a stream in a {@link TableFormat}: a tool that merges the tables of
   * many files adds its own columns here, or keeps the rows to write them later.
   */
  @FunctionalInterface
  interface Factory {
    /** Creates the writer for a table of {@code columns}. */
    TableWriter create(List<ColumnSpec> columns, String schemaName, int[] keepOrder)
        throws IOException;
  }

  /**
   * Returns a factory of writers in {@code format} to {@code out} that fit a pretty table to {@code
   * widthChars} (0: no limit), as {@link #create(TableFormat, List, String, OutputStream, int,
   * int[])}.
   */
  static Factory factory(TableFormat format, OutputStream out, int widthChars) {
    return (columns, schemaName, keepOrder) ->
        create(format, columns, schemaName, out, widthChars, keepOrder);
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
