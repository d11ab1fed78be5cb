package dev.rrdvideo.cli;

import java.io.PrintWriter;

/**
 * A one-line progress display on stderr, shown only when stderr is an interactive terminal (so
 * pipes, CI logs and tests stay clean). Redraws at most ten times a second.
 */
final class Progress {
  private final PrintWriter err;
  private final String label;
  private final boolean enabled;
  private long lastDrawNanos;
  private boolean drawn;

  private Progress(PrintWriter err, String label, boolean enabled) {
    this.err = err;
    this.label = label;
    this.enabled = enabled;
  }

  /** Returns a progress display that is active only when the JVM has a console. */
  static Progress forTerminal(PrintWriter err, String label) {
    return new Progress(err, label, System.console() != null);
  }

  /** Shows {@code done} of {@code total}. */
  void update(long done, long total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDrawNanos < 100_000_000L) {
      return;
    }
    lastDrawNanos = now;
    int pct = total <= 0 ? 0 : (int) (100 * done / total);
    err.printf("\r%s %d/%d (%d%%)", label, done, total, pct);
    err.flush();
    drawn = true;
  }

  /** Clears the line. */
  void done() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
