package dev.rrdvideo.inspect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes sample rows as a table in one of the {@link TableFormat}s with the documented {@link
 * SampleColumns}. Memory is bounded: rows are streamed to the output.
 */
public final class SampleTableWriter implements SampleListener, AutoCloseable {
  private final TableWriter out;
  private final List<SampleColumns.Column> columns;
  private SampleRow current;
  private final TableWriter.RowSource source;

  /**
   * Creates a writer.
   *
   * @param format the output format
   * @param hash whether to include the {@code sha256} column
   * @param output where to write (not closed by {@link #close()})
   */
  public SampleTableWriter(TableFormat format, boolean hash, OutputStream output)
      throws IOException {
    this(format, SampleColumns.columns(hash), output);
  }

  /**
   * Creates a writer of the given columns only, in that order (headers, the CSV header row and the
   * Arrow schema list only those).
   *
   * @param format the output format
   * @param columns the columns to write (at least one)
   * @param output where to write (not closed by {@link #close()})
   */
  public SampleTableWriter(
      TableFormat format, List<SampleColumns.Column> columns, OutputStream output)
      throws IOException {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no columns");
    }
    this.columns = List.copyOf(columns);
    this.source = (c, sink) -> this.columns.get(c).emit(current, sink);
    List<TableWriter.ColumnSpec> specs = new ArrayList<>();
    for (SampleColumns.Column c : columns) {
      specs.add(new TableWriter.ColumnSpec(c.columnName(), c.type()));
    }
    this.out = TableWriter.create(format, specs, SampleColumns.SCHEMA, output);
  }

  @Override
  public void sample(SampleRow row) throws IOException {
    current = row;
    out.write(source);
  }

  /** Finishes the output (flushes; writes the Arrow footer). */
  @Override
  public void close() throws IOException {
    out.close();
  }
}
