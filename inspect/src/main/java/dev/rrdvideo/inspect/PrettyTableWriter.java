package dev.rrdvideo.inspect;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table: column widths come from the header and the first {@value #LOOKAHEAD} rows
 * (later, wider cells push their row out of line rather than buffering everything). Numbers are
 * right-aligned, text left-aligned, absent cells shown as {@code -}.
 */
final class PrettyTableWriter implements TableWriter, SampleColumns.CellSink {
  static final int LOOKAHEAD = 1000;

  private final List<ColumnSpec> specs;
  private final Writer w;
  private final int[] widths;
  private final List<String[]> pending = new ArrayList<>();
  private String[] current;
  private int col;
  private boolean started;

  PrettyTableWriter(List<ColumnSpec> specs, OutputStream out) {
    this.specs = specs;
    this.w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.widths = new int[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      widths[i] = specs.get(i).name().length();
    }
  }

  @Override
  public void write(RowSource row) throws IOException {
    current = new String[specs.size()];
    for (col = 0; col < specs.size(); col++) {
      row.emit(col, this);
    }
    if (started) {
      line(current);
    } else {
      for (int i = 0; i < current.length; i++) {
        widths[i] = Math.max(widths[i], current[i].length());
      }
      pending.add(current);
      if (pending.size() >= LOOKAHEAD) {
        flushPending();
      }
    }
  }

  private void flushPending() throws IOException {
    started = true;
    String[] header = new String[specs.size()];
    for (int i = 0; i < header.length; i++) {
      header[i] = specs.get(i).name();
    }
    line(header);
    for (String[] r : pending) {
      line(r);
    }
    pending.clear();
  }

  private void line(String[] cells) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append("  ");
      }
      boolean right = specs.get(i).type() != SampleColumns.Type.STRING;
      int pad = Math.max(0, widths[i] - cells[i].length());
      if (right) {
        sb.append(" ".repeat(pad)).append(cells[i]);
      } else if (i == cells.length - 1) {
        sb.append(cells[i]);
      } else {
        sb.append(cells[i]).append(" ".repeat(pad));
      }
    }
    w.write(sb.toString().stripTrailing());
    w.write('\n');
  }

  @Override
  public void string(String v) {
    current[col] = v;
  }

  @Override
  public void int64(long v) {
    current[col] = Long.toString(v);
  }

  @Override
  public void bool(boolean v) {
    current[col] = v ? "yes" : "no";
  }

  @Override
  public void absent() {
    current[col] = "-";
  }

  @Override
  public void close() throws IOException {
    if (!started) {
      flushPending();
    }
    w.flush();
  }
}
