package dev.rrdvideo.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file written to a temporary file in the same directory and renamed over the target only
 * by {@link #commit()}, so that a failed command never leaves a partial output. File writes happen
 * on a background thread ({@link WriteBehindOutputStream}). {@code -} writes to stdout directly.
 */
final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final OutputStream stream;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, OutputStream stream) {
    this.target = target;
    this.temp = temp;
    this.stream = stream;
  }

  /** Opens {@code arg} for writing ({@code -} for stdout). */
  static AtomicOutput open(String arg) throws IOException {
    if (Io.isDash(arg)) {
      return new AtomicOutput(null, null, new BufferedOutputStream(Io.stdout(), 1 << 16));
    }
    Path target = Path.of(arg).toAbsolutePath();
    Path dir = target.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new CliException(ExitCode.IO, "output directory does not exist: " + dir);
    }
    if (Files.isDirectory(target)) {
      throw new CliException(ExitCode.IO, arg + " is a directory, expected a file name");
    }
    // Not Files.createTempFile: that makes the file owner-only (0600); this one gets the umask.
    Path temp =
        target.resolveSibling(
            "." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".partial");
    FileChannel ch =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new AtomicOutput(
        target, temp, new WriteBehindOutputStream(ch, "rrdvideo-writer " + target.getFileName()));
  }

  /** Returns the stream to write to; closing it is harmless. */
  OutputStream stream() {
    return new java.io.FilterOutputStream(stream) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  /** Returns the final path, or {@code null} for stdout. */
  Path target() {
    return target;
  }

  /** Flushes and moves the temporary file over the target. */
  void commit() throws IOException {
    stream.close();
    if (temp != null) {
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    committed = true;
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        stream.close();
      } finally {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      }
    }
  }
}
