package dev.rrdvideo.cli;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens command-line inputs and outputs, where {@code -} means stdin or stdout. */
final class Io {
  private Io() {}

  /** Returns whether the argument means stdin/stdout. */
  static boolean isDash(String arg) {
    return "-".equals(arg);
  }

  /** Returns the name used in messages for an argument. */
  static String sourceName(String arg) {
    if (isDash(arg)) {
      return "<stdin>";
    }
    Path p = Path.of(arg).getFileName();
    return p == null ? arg : p.toString();
  }

  /** Returns the size of an input file, or {@code -1} for stdin or when it cannot be told. */
  static long sizeOf(String arg) {
    if (isDash(arg)) {
      return -1;
    }
    try {
      return Files.size(Path.of(arg));
    } catch (IOException e) {
      return -1;
    }
  }

  /** Opens an input; {@code -} is stdin (not closed by closing the returned stream). */
  static InputStream openInput(String arg) throws IOException {
    if (isDash(arg)) {
      InputStream stdin = STDIN.get() != null ? STDIN.get() : System.in;
      return new BufferedInputStream(
          new java.io.FilterInputStream(stdin) {
            @Override
            public void close() {}
          },
          1 << 16);
    }
    Path p = Path.of(arg);
    if (Files.isDirectory(p)) {
      throw new CliException(ExitCode.IO, arg + " is a directory, expected a file");
    }
    return new BufferedInputStream(Files.newInputStream(p), 1 << 16);
  }

  private static final ThreadLocal<OutputStream> STDOUT = new ThreadLocal<>();
  private static final ThreadLocal<InputStream> STDIN = new ThreadLocal<>();

  /** Replaces stdin for commands run on this thread (tests run commands in-process). */
  static void redirectStdin(InputStream in) {
    if (in == null) {
      STDIN.remove();
    } else {
      STDIN.set(in);
    }
  }

  /** Redirects what commands write to stdout as bytes (tests run commands in-process). */
  static void redirectStdout(OutputStream out) {
    if (out == null) {
      STDOUT.remove();
    } else {
      STDOUT.set(out);
    }
  }

  /**
   * Returns stdout wrapped so that closing it only flushes; write errors are reported, never
   * swallowed ({@link StdStreams}).
   */
  static OutputStream stdout() {
    OutputStream target = STDOUT.get() != null ? STDOUT.get() : StdStreams.stdout();
    return new FilterOutputStream(target) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
