package dev.rrdvideo.testdata;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as rrdvideo's tables write it (RFC 4180: a quoted cell may hold commas, doubled quotes and
 * line breaks), read back for tests.
 */
public final class Csv {
  private Csv() {}

  /** Every row of {@code text}, each a list of cells; a last row without a line end counts. */
  public static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

  /** The cells of one line (no line break outside quotes). */
  public static String[] line(String line) {
    List<List<String>> rows = parse(line);
    if (rows.size() > 1) {
      throw new IllegalArgumentException("more than one CSV row: " + line);
    }
    return rows.isEmpty() ? new String[] {""} : rows.get(0).toArray(new String[0]);
  }
}
