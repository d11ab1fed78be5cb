package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.Reports;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;

/**
 * One redrawn progress line on stderr for a long run ({@code converting big.mp4 42% 170.1 MB of
 * 403.0 MB 85.2 MB/s ETA 0:03}), shown only when stderr is a terminal and {@code --quiet} is not
 * given, and only once the run has lasted {@value #DEFAULT_DELAY_MILLIS} ms (short runs never
 * flicker).
 *
 * <p>The work only counts ({@link #add}: a volatile add, nothing allocated); a daemon thread draws
 * the line at most ten times a second. Other stderr output goes through {@link #err()}, which
 * clears the line first, so a warning never lands in the middle of it. {@link #close()} stops the
 * thread and clears the line.
 *
 * <p>The system property {@code rrdvideo.progress.delay} (milliseconds) changes the delay (tests).
 */
final class Progress implements AutoCloseable {
  /** How long a run lasts before the line appears. */
  static final long DEFAULT_DELAY_MILLIS = 1000;

  /** At most ten redraws a second. */
  static final long REDRAW_NANOS = 100_000_000L;

  /** What is counted. */
  enum Unit {
    BYTES,
    FRAMES,
    FILES
  }

  private final String label;
  private final long total;
  private final Unit unit;
  private final PrintWriter rawErr;
  private final PrintWriter err;
  private final Object lock = new Object();
  private final Thread drawer;
  private final long startNanos = System.nanoTime();
  private volatile long done;
  private volatile boolean closed;
  private boolean drawn;

  private Progress(PrintWriter err, String label, long total, Unit unit, boolean enabled) {
    this.rawErr = err;
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.err = enabled ? new PrintWriter(new ClearingWriter(), true) : err;
    if (enabled) {
      drawer = new Thread(this::drawLoop, "rrdvideo-progress");
      drawer.setDaemon(true);
      drawer.start();
    } else {
      drawer = null;
    }
  }

  /**
   * Starts a progress line on stderr, when stderr is a terminal and not {@code quiet}; otherwise
   * one that counts and shows nothing.
   *
   * @param total the amount of work ({@code unit}s), or -1 when unknown (no percentage, no ETA)
   */
  static Progress start(PrintWriter err, String label, long total, Unit unit, boolean quiet) {
    return new Progress(err, label, total, unit, !quiet && Terminal.stderr());
  }

  /** Returns the writer for other stderr output while the line may be shown. */
  PrintWriter err() {
    return err;
  }

  /** Counts {@code n} more units of work done (one thread only). */
  void add(long n) {
    done += n;
  }

  /** Returns the work counted so far. */
  long done() {
    return done;
  }

  /** Returns {@code out} counting what is written through it as work done. */
  OutputStream counting(OutputStream out) {
    if (drawer == null) {
      return out;
    }
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        add(1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        add(len);
      }

      @Override
      public void close() throws IOException {
        flush(); // the caller owns the stream
      }
    };
  }

  private void drawLoop() {
    long delayMillis = delayMillis();
    try {
      Thread.sleep(delayMillis);
      // asked here, off the main thread and only for a run that lasts: stty may take 20+ ms
      int width = Terminal.width();
      while (!closed) {
        String line = format(label, done, total, System.nanoTime() - startNanos, unit, width);
        synchronized (lock) {
          if (closed) {
            break;
          }
          rawErr.print("\r" + line + "\033[K");
          rawErr.flush();
          drawn = true;
        }
        Thread.sleep(REDRAW_NANOS / 1_000_000);
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private static long delayMillis() {
    String p = System.getProperty("rrdvideo.progress.delay");
    if (p != null) {
      try {
        return Math.max(0, Long.parseLong(p.strip()));
      } catch (NumberFormatException e) {
        // the default
      }
    }
    return DEFAULT_DELAY_MILLIS;
  }

  /** Stops drawing and clears the line. */
  @Override
  public void close() {
    closed = true;
    if (drawer == null) {
      return;
    }
    drawer.interrupt();
    synchronized (lock) {
      clear();
    }
  }

  private void clear() {
    if (drawn) {
      rawErr.print("\r\033[K");
      rawErr.flush();
      drawn = false;
    }
  }

  /** Passes text to stderr after clearing the progress line (the next draw puts it back). */
  private final class ClearingWriter extends Writer {
    @Override
    public void write(char[] buf, int off, int len) {
      synchronized (lock) {
        clear();
        rawErr.write(buf, off, len);
      }
    }

    @Override
    public void flush() {
      rawErr.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }

  /**
   * The progress line: label, percentage, amount done of total, rate and time left, e.g. {@code
   * converting big.mp4 42% 170.1 MB of 403.0 MB 85.2 MB/s ETA 0:03}. Without a total (-1) only the
   * amount and the rate; before any work, no rate and no ETA. The percentage stays below 100 until
   * the run ends (the total is an estimate: the input's size). The line is kept shorter than {@code
   * width} (a line that wraps cannot be redrawn): the label is cut first.
   */
  static String format(
      String label, long done, long total, long elapsedNanos, Unit unit, int width) {
    StringBuilder b = new StringBuilder();
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    if (total > 0) {
      long pct = Math.min(99, done * 100 / total);
      b.append(String.format(Locale.ROOT, "  %2d%%  ", pct));
      b.append(amount(done, unit, false)).append(" of ").append(amount(total, unit, true));
    } else {
      b.append("  ").append(amount(done, unit, true));
    }
    if (done > 0 && rate > 0) {
      b.append("  ").append(amount(Math.round(rate), unit, true)).append("/s");
      if (total > 0) {
        long left = Math.max(0, total - done);
        b.append("  ETA ").append(clock(Math.round(left / rate)));
      }
    }
    String rest = b.toString();
    int room = width - 1 - rest.length();
    if (label.length() > room) {
      label = room >= 8 ? label.substring(0, room - 3) + "..." : "";
    }
    String line = label + rest;
    return line.length() > width - 1 ? line.substring(0, Math.max(0, width - 1)) : line;
  }

  /**
   * {@code 170.1 MB} (decimal units), {@code 50 frames} or {@code 3 files}; the unit name only when
   * asked.
   */
  static String amount(long n, Unit unit, boolean withUnit) {
    if (unit == Unit.FRAMES) {
      return withUnit ? Reports.plural(n, "frame") : Long.toString(n);
    }
    if (unit == Unit.FILES) {
      return withUnit ? Reports.plural(n, "file") : Long.toString(n);
    }
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
