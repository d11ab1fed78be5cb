package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.SampleColumns;
import dev.rrdvideo.inspect.TableWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a batch: each file's rows are kept as typed cells ({@link Recorder}, in the file's
 * {@link SpillBuffer}) and, in the file's turn, replayed into one table with a leading {@value
 * #PATH} column ({@link #withPath}, {@link #replay}). Every format of {@code inspect} (pretty, CSV,
 * JSON Lines, Arrow) gets the same rows, cell for cell, as inspecting each file alone.
 */
final class BatchTables {
  private BatchTables() {}

  /** The name of the leading column: the file's path as the batch shows it. */
  static final String PATH = "path";

  private static final int ABSENT = 0;
  private static final int STRING = 1;
  private static final int INT64 = 2;
  private static final int TRUE = 3;
  private static final int FALSE = 4;

  /**
   * The merged table of a batch: {@link #factory()} makes, once, the table writer of {@code inner}
   * with a leading {@code path} column (text, kept first when a pretty table must fit a width);
   * give it to the table class ({@code new SampleTableWriter(columns, merged.factory())}) so that
   * the columns, schema and keep order are the table's own.
   */
  static final class Merged {
    private final TableWriter.Factory inner;
    private TableWriter table;
    private int columns;

    Merged(TableWriter.Factory inner) {
      this.inner = inner;
    }

    TableWriter.Factory factory() {
      return (specs, schemaName, keepOrder) -> {
        List<TableWriter.ColumnSpec> all = new ArrayList<>(specs.size() + 1);
        all.add(new TableWriter.ColumnSpec(PATH, SampleColumns.Type.STRING));
        all.addAll(specs);
        int[] keep = new int[keepOrder.length + 1];
        for (int i = 0; i < keepOrder.length; i++) {
          keep[i + 1] = keepOrder[i] + 1;
        }
        columns = specs.size();
        table = inner.create(all, schemaName, keep);
        return table;
      };
    }

    /** Writes the rows a {@link Recorder} kept for the file shown as {@code path}. */
    long add(String path, SpillBuffer cells) throws IOException {
      try (InputStream in = cells.open()) {
        return replay(in, columns, path, table);
      }
    }
  }

  /** A factory of {@link Recorder}s that write to {@code out}. */
  static TableWriter.Factory recorder(OutputStream out) {
    return (specs, schemaName, keepOrder) -> new Recorder(out, specs.size());
  }

  /**
   * Keeps the cells of each row as tagged values (a byte tag, then a length-prefixed UTF-8 text or
   * an 8-byte integer). {@link #close()} flushes but does not close the output.
   */
  static final class Recorder implements TableWriter, SampleColumns.CellSink {
    private final DataOutputStream out;
    private final int columns;

    Recorder(OutputStream out, int columns) {
      this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 14));
      this.columns = columns;
    }

    @Override
    public void write(RowSource row) throws IOException {
      try {
        for (int c = 0; c < columns; c++) {
          row.emit(c, this);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    @Override
    public void string(String v) {
      try {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        out.writeByte(STRING);
        out.writeInt(b.length);
        out.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void int64(long v) {
      try {
        out.writeByte(INT64);
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void bool(boolean v) {
      tag(v ? TRUE : FALSE);
    }

    @Override
    public void absent() {
      tag(ABSENT);
    }

    private void tag(int t) {
      try {
        out.writeByte(t);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /**
   * Writes the rows a {@link Recorder} kept in {@code cells} to {@code table}, each with {@code
   * path} as its first cell. Returns the number of rows.
   *
   * @param columns the number of cells per row the recorder wrote
   */
  static long replay(InputStream cells, int columns, String path, TableWriter table)
      throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(cells, 1 << 16));
    int[] tags = new int[columns];
    long[] numbers = new long[columns];
    String[] texts = new String[columns];
    TableWriter.RowSource row =
        (c, sink) -> {
          if (c == 0) {
            sink.string(path);
            return;
          }
          int i = c - 1;
          switch (tags[i]) {
            case STRING -> sink.string(texts[i]);
            case INT64 -> sink.int64(numbers[i]);
            case TRUE -> sink.bool(true);
            case FALSE -> sink.bool(false);
            default -> sink.absent();
          }
        };
    long rows = 0;
    while (true) {
      int first = in.read();
      if (first < 0) {
        return rows;
      }
      for (int c = 0; c < columns; c++) {
        int tag = c == 0 ? first : in.readUnsignedByte();
        tags[c] = tag;
        switch (tag) {
          case STRING -> {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            texts[c] = new String(b, StandardCharsets.UTF_8);
          }
          case INT64 -> numbers[c] = in.readLong();
          case ABSENT, TRUE, FALSE -> {}
          default -> throw new EOFException("bad cell tag " + tag + " in a batch's row buffer");
        }
      }
      table.write(row);
      rows++;
    }
  }
}
