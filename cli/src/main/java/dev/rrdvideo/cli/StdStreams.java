package dev.rrdvideo.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output as a stream that reports write errors instead of swallowing them
 * (which {@link System#out}, a {@link java.io.PrintStream}, does): a full disk or a closed file
 * descriptor becomes an {@link IOException} that the CLI reports with exit code 5, and a reader
 * that went away (a closed pipe, {@code rrdvideo inspect big.mp4 | head -1}) becomes a {@link
 * ClosedOutputException}, on which the command stops quietly with exit code 0 like other Unix
 * tools.
 */
final class StdStreams {
  private StdStreams() {}

  /** Thrown when the reader of stdout (a pipe) has gone away; the command stops quietly. */
  static final class ClosedOutputException extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedOutputException(IOException cause) {
      super("the reader of the output closed it", cause);
    }
  }

  private static final OutputStream STDOUT =
      new Checked(new FileOutputStream(FileDescriptor.out), "standard output", false);

  /** Returns the checked stdout stream (unbuffered; never closes the file descriptor). */
  static OutputStream stdout() {
    return STDOUT;
  }

  /**
   * Returns {@code out} (a pipe or device opened by name) with write errors classified like
   * stdout's; {@code name} is used in messages. Closing the result closes {@code out}.
   */
  static OutputStream checked(OutputStream out, String name) {
    return new Checked(out, name, true);
  }

  /**
   * Returns a writer over {@code out} that throws {@link UncheckedIOException} on a write error; a
   * {@link java.io.PrintWriter} over it lets that exception through (it only swallows checked
   * {@link IOException}s), so a failed {@code println} stops the command.
   */
  static Writer uncheckedWriter(OutputStream out) {
    Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
    return new Writer() {
      @Override
      public void write(char[] cbuf, int off, int len) {
        try {
          w.write(cbuf, off, len);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void write(String str, int off, int len) {
        try {
          w.write(str, off, len);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void flush() {
        try {
          w.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() {
        flush();
      }
    };
  }

  /** Returns whether {@code e} (or a cause) says the reader of the output went away. */
  static boolean isClosedOutput(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClosedOutputException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Classifies a write error: a broken pipe is a {@link ClosedOutputException}, anything else an
   * {@link IOException} saying what could not be written.
   */
  private static IOException classify(IOException e, String name) {
    if (e instanceof ClosedOutputException) {
      return e;
    }
    String m = e.getMessage();
    if (m != null && m.contains("Broken pipe")) {
      return new ClosedOutputException(e);
    }
    return new IOException("cannot write " + name + ": " + m, e);
  }

  /** Translates write errors with {@link #classify}. */
  private static final class Checked extends OutputStream {
    private final OutputStream out;
    private final String name;
    private final boolean closes;

    Checked(OutputStream out, String name, boolean closes) {
      this.out = out;
      this.name = name;
      this.closes = closes;
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw classify(e, name);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw classify(e, name);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw classify(e, name);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        flush();
      } finally {
        if (closes) {
          out.close();
        }
      }
    }
  }
}
