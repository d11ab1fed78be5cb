package dev.rrdvideo.inspect;

import java.util.Locale;

/** Output formats of the sample, GOP and summary tables. */
public enum TableFormat {
  /** An aligned text table for a terminal. */
  PRETTY,
  /** Comma-separated values with a header row (RFC 4180 quoting). */
  CSV,
  /** JSON Lines: one JSON object per row. */
  JSONL,
  /** An Arrow IPC file (the "Feather v2" format pandas, polars and Arrow JS read directly). */
  ARROW;

  /** Parses a format name, case-insensitively ({@code json} means JSON Lines). */
  public static TableFormat parse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("json") || n.equals("ndjson")) {
      return JSONL;
    }
    return valueOf(n.toUpperCase(Locale.ROOT));
  }
}
