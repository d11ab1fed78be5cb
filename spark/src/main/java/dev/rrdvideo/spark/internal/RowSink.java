package dev.rrdvideo.spark.internal;

import java.io.IOException;

/**
 * Receives the rows of one table, cell by cell, at output positions (the columns Spark asked for).
 * Rows are begun and ended by the producer; cells not set in a row are null.
 */
interface RowSink {
  /** Starts a row (may block until the consumer has room). */
  void beginRow() throws IOException;

  /** Sets a text cell. */
  void string(int pos, String v);

  /** Sets a 64-bit cell. */
  void int64(int pos, long v);

  /** Sets a 32-bit cell. */
  void int32(int pos, int v);

  /** Sets a boolean cell. */
  void bool(int pos, boolean v);

  /** Sets a floating point cell. */
  void float64(int pos, double v);

  /** Sets a null cell. */
  void absent(int pos);

  /** Ends the row. */
  void endRow() throws IOException;
}
