package dev.rrdvideo.inspect;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** CSV with a header row; absent cells are empty; booleans are {@code true}/{@code false}. */
final class CsvTableWriter implements TableWriter, SampleColumns.CellSink {
  private final Writer w;
  private final int columns;
  private int col;

  CsvTableWriter(List<ColumnSpec> specs, OutputStream out) throws IOException {
    this.w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.columns = specs.size();
    for (int i = 0; i < specs.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(specs.get(i).name());
    }
    w.write('\n');
  }

  @Override
  public void write(RowSource row) throws IOException {
    for (col = 0; col < columns; col++) {
      if (col > 0) {
        w.write(',');
      }
      row.emit(col, this);
    }
    w.write('\n');
  }

  @Override
  public void string(String v) {
    try {
      boolean quote =
          v.indexOf(',') >= 0
              || v.indexOf('"') >= 0
              || v.indexOf('\n') >= 0
              || v.indexOf('\r') >= 0;
      if (quote) {
        w.write('"');
        w.write(v.replace("\"", "\"\""));
        w.write('"');
      } else {
        w.write(v);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void int64(long v) {
    try {
      w.write(Long.toString(v));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void bool(boolean v) {
    try {
      w.write(v ? "true" : "false");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void absent() {}

  @Override
  public void close() throws IOException {
    w.flush();
  }
}
