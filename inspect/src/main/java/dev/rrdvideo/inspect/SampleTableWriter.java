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
    this(format, columns, output, 0);
  }

  /**
   * Creates a writer of the given columns whose pretty table fits {@code widthChars} characters:
   * when the columns are wider, those whose cells are all absent are left out, then the least
   * important ones ({@link #leftOut()} names them). Other formats write every column.
   *
   * @param widthChars the width of a pretty table, or 0 for no limit
   */
  public SampleTableWriter(
      TableFormat format, List<SampleColumns.Column> columns, OutputStream output, int widthChars)
      throws IOException {
    this(columns, TableWriter.factory(format, output, widthChars));
  }

  /**
   * Creates a writer of the given columns, in that order, whose rows go to the writer {@code
   * factory} creates for them (with the columns' keep order for a pretty table that fits a width).
   *
   * @param columns the columns to write (at least one)
   */
  public SampleTableWriter(List<SampleColumns.Column> columns, TableWriter.Factory factory)
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
    int[] keep = new int[this.columns.size()];
    int k = 0;
    for (SampleColumns.Column c : PRETTY_KEEP_ORDER) {
      int i = this.columns.indexOf(c);
      if (i >= 0) {
        keep[k++] = i;
      }
    }
    this.out = factory.create(specs, SampleColumns.SCHEMA, java.util.Arrays.copyOf(keep, k));
  }

  /**
   * The columns of a pretty table that must fit a width, most important first: what a sample is
   * (index, time, size, keyframe, frame type) before where it comes from.
   */
  static final List<SampleColumns.Column> PRETTY_KEEP_ORDER =
      List.of(
          SampleColumns.Column.SHA256,
          SampleColumns.Column.SAMPLE_INDEX,
          SampleColumns.Column.PTS,
          SampleColumns.Column.SIZE_BYTES,
          SampleColumns.Column.KEYFRAME_DECLARED,
          SampleColumns.Column.FRAME_TYPE,
          SampleColumns.Column.KEYFRAME_BITSTREAM,
          SampleColumns.Column.DURATION_NS,
          SampleColumns.Column.GOP_INDEX,
          SampleColumns.Column.PTS_NS,
          SampleColumns.Column.ENTITY,
          SampleColumns.Column.CODEC,
          SampleColumns.Column.WIDTH,
          SampleColumns.Column.HEIGHT,
          SampleColumns.Column.DTS_NS,
          SampleColumns.Column.NAL_TYPES,
          SampleColumns.Column.TIMELINE,
          SampleColumns.Column.BYTE_OFFSET,
          SampleColumns.Column.CHUNK_ID);

  /** Returns the columns a pretty table left out to fit its width (see the constructor). */
  public List<String> leftOut() {
    return out.leftOut();
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
