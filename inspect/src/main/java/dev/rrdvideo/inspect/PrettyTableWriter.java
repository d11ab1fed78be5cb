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
 *
 * <p>With a width, the table fits it ({@link #fit}): when all columns are wider, columns whose
 * cells are all absent go first, then the others are taken most important first as long as they
 * fit.
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
  private final int maxWidth;
  private final int[] keepOrder;
  private final boolean[] allAbsent;
  private boolean[] shown;

  /**
   * @param maxWidth the width to fit, in characters, or 0 or less for no limit
   * @param keepOrder column indices, most important first (columns not listed come last), or null
   *     for the table order
   */
  PrettyTableWriter(List<ColumnSpec> specs, OutputStream out, int maxWidth, int[] keepOrder) {
    this.specs = specs;
    this.maxWidth = maxWidth;
    this.keepOrder = completeOrder(keepOrder, specs.size());
    this.allAbsent = new boolean[specs.size()];
    java.util.Arrays.fill(allAbsent, true);
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
        allAbsent[i] &= current[i].equals("-");
      }
      pending.add(current);
      if (pending.size() >= LOOKAHEAD) {
        flushPending();
      }
    }
  }

  private void flushPending() throws IOException {
    started = true;
    shown = fit(widths, keepOrder, allAbsent, maxWidth);
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
    int last = cells.length - 1;
    while (last > 0 && !shown[last]) {
      last--;
    }
    boolean first = true;
    for (int i = 0; i < cells.length; i++) {
      if (!shown[i]) {
        continue;
      }
      if (!first) {
        sb.append("  ");
      }
      first = false;
      boolean right = specs.get(i).type() != SampleColumns.Type.STRING;
      int pad = Math.max(0, widths[i] - cells[i].length());
      if (right) {
        sb.append(" ".repeat(pad)).append(cells[i]);
      } else if (i == last) {
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

  /**
   * Chooses the columns shown in {@code maxWidth} characters (two spaces between columns): all of
   * them when they fit (or without a limit); otherwise, leaving out the columns whose cells are all
   * absent, the columns in {@code keepOrder} (most important first) that still fit, and at least
   * the most important one.
   *
   * @param widths each column's width (header and cells)
   * @param keepOrder every column index once, most important first
   * @param allAbsent which columns have only absent cells
   * @param maxWidth the width, or 0 or less for no limit
   */
  static boolean[] fit(int[] widths, int[] keepOrder, boolean[] allAbsent, int maxWidth) {
    boolean[] shown = new boolean[widths.length];
    int total = 2 * Math.max(0, widths.length - 1);
    for (int w : widths) {
      total += w;
    }
    if (maxWidth <= 0 || total <= maxWidth) {
      java.util.Arrays.fill(shown, true);
      return shown;
    }
    int used = 0;
    int count = 0;
    for (int i : keepOrder) {
      int need = widths[i] + (count > 0 ? 2 : 0);
      if (!allAbsent[i] && used + need <= maxWidth) {
        shown[i] = true;
        used += need;
        count++;
      }
    }
    if (count == 0 && keepOrder.length > 0) {
      shown[keepOrder[0]] = true;
    }
    return shown;
  }

  /** {@code order} with the indices it lacks appended in table order. */
  private static int[] completeOrder(int[] order, int n) {
    int[] out = new int[n];
    boolean[] seen = new boolean[n];
    int k = 0;
    if (order != null) {
      for (int i : order) {
        if (i >= 0 && i < n && !seen[i]) {
          seen[i] = true;
          out[k++] = i;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!seen[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  @Override
  public List<String> leftOut() {
    List<String> out = new ArrayList<>();
    if (shown != null) {
      for (int i = 0; i < shown.length; i++) {
        if (!shown[i]) {
          out.add(specs.get(i).name());
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    if (!started) {
      flushPending();
    }
    w.flush();
  }
}
