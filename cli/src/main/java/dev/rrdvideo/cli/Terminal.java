package dev.rrdvideo.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the CLI knows about the terminal, cheaply: whether stdout or stderr is one, and how wide it
 * is. Java 17 has no {@code isatty}: on Linux the link {@code /proc/self/fd/N} names the terminal
 * device ({@code /dev/pts/3}); elsewhere {@link System#console()} (stdin and stdout both terminals)
 * stands in. The width is {@code $COLUMNS} when set, else what {@code stty size} says about the
 * controlling terminal (one short process, run only when a table is about to be drawn on a
 * terminal), else 80.
 */
final class Terminal {
  /** The width assumed when it cannot be found out. */
  static final int DEFAULT_WIDTH = 80;

  private static Boolean stdoutIsTerminal;
  private static Boolean stderrIsTerminal;

  private Terminal() {}

  /** Returns whether standard output is a terminal. */
  static synchronized boolean stdout() {
    if (stdoutIsTerminal == null) {
      stdoutIsTerminal = isTerminal(1);
    }
    return stdoutIsTerminal;
  }

  /** Returns whether standard error is a terminal. */
  static synchronized boolean stderr() {
    if (stderrIsTerminal == null) {
      stderrIsTerminal = isTerminal(2);
    }
    return stderrIsTerminal;
  }

  private static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      return isTerminalDevice(Files.readSymbolicLink(link).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Whether a device path names a terminal: a pseudo-terminal or a console. */
  static boolean isTerminalDevice(String path) {
    return path.startsWith("/dev/pts/")
        || path.startsWith("/dev/tty")
        || path.startsWith("/dev/console");
  }

  /** Returns the terminal's width in columns (see the class comment). */
  static int width() {
    Integer fromEnv = parseWidth(System.getenv("COLUMNS"));
    if (fromEnv != null) {
      return fromEnv;
    }
    Integer fromStty = stty();
    return fromStty != null ? fromStty : DEFAULT_WIDTH;
  }

  /** A positive column count, or null. */
  static Integer parseWidth(String text) {
    if (text == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(text.strip());
      return n > 0 && n < 100_000 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The width from {@code stty size} ("ROWS COLUMNS") on /dev/tty, or null. */
  private static Integer stty() {
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return null;
    }
    Process p = null;
    try {
      p =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
      }
      if (!p.waitFor(1, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      String[] f = out.split("\\s+");
      return f.length == 2 ? parseWidth(f[1]) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (p != null) {
        p.destroy();
      }
    }
  }
}
