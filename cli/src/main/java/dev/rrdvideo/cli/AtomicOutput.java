package dev.rrdvideo.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a command writes its output. Three cases:
 *
 * <ul>
 *   <li>a regular file, or a path that does not exist yet: written to a temporary file {@code
 *       NAME.<hex>.partial} in the directory of the (symlink-resolved) target and renamed over it
 *       only by {@link #commit()}, so a failed or interrupted command never leaves a partial
 *       output; a symlink keeps pointing at the (new) file; the temporary file is removed on every
 *       exit path, including SIGINT/SIGTERM ({@link TempFiles});
 *   <li>anything else that exists (a FIFO, a character device such as {@code /dev/null}, {@code
 *       /dev/fd/N} from a shell's process substitution): written directly, streaming; such a target
 *       is never replaced by a regular file;
 *   <li>{@code -}: stdout, written directly.
 * </ul>
 *
 * File writes happen on a background thread ({@link WriteBehindOutputStream}).
 */
final class AtomicOutput implements AutoCloseable {
  private static final int MAX_LINK_HOPS = 40;

  private final Path target;
  private final Path temp;
  private final OutputStream stream;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, OutputStream stream) {
    this.target = target;
    this.temp = temp;
    this.stream = stream;
  }

  /** Opens {@code arg} for writing ({@code -} for stdout); its directory must exist. */
  static AtomicOutput open(String arg) throws IOException {
    return open(arg, false);
  }

  /**
   * Opens {@code arg} for writing ({@code -} for stdout).
   *
   * @param createParents create missing parent directories (report files)
   */
  static AtomicOutput open(String arg, boolean createParents) throws IOException {
    if (Io.isDash(arg)) {
      return new AtomicOutput(null, null, new BufferedOutputStream(Io.stdout(), 1 << 16));
    }
    Path given = Path.of(arg).toAbsolutePath();
    if (Files.isDirectory(given)) {
      throw new CliException(ExitCode.IO, arg + " is a directory, expected a file name");
    }
    if (Files.exists(given) && !Files.isRegularFile(given)) {
      // FIFO, device, /dev/fd/N: stream into it; never replace it
      OutputStream direct;
      try {
        direct = new FileOutputStream(given.toFile());
      } catch (java.io.FileNotFoundException e) {
        throw new IOException("cannot write " + arg + ": " + e.getMessage(), e);
      }
      return new AtomicOutput(
          given, null, new BufferedOutputStream(StdStreams.checked(direct, arg), 1 << 16));
    }
    Path target = resolveLinks(given);
    if (Files.exists(target) && !Files.isWritable(target)) {
      throw new AccessDeniedException(arg + " (the file is not writable)");
    }
    Path dir = target.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      if (!createParents) {
        throw new CliException(ExitCode.IO, "output directory does not exist: " + dir);
      }
      Files.createDirectories(dir);
    }
    // Not Files.createTempFile: that makes the file owner-only (0600); this one gets the umask.
    Path temp =
        target.resolveSibling(
            target.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16)
                + ".partial");
    FileChannel ch;
    try {
      TempFiles.register(temp);
      ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (AccessDeniedException e) {
      TempFiles.release(temp);
      throw new AccessDeniedException(
          arg + " (no permission to create files in " + (dir == null ? "." : dir) + ")");
    } catch (IOException | RuntimeException e) {
      TempFiles.release(temp);
      throw e;
    }
    return new AtomicOutput(target, temp, new WriteBehindOutputStream(ch, arg));
  }

  /**
   * Wraps a stream that is written directly, like stdout ({@code convert IN - --connect URL}):
   * {@link #commit()} closes it and reports its failure; {@link #close()} without a commit closes
   * it and ignores its failure.
   */
  static AtomicOutput direct(OutputStream stream) {
    return new AtomicOutput(null, null, stream);
  }

  /** Follows symbolic links (also dangling ones) to the path that will really be written. */
  private static Path resolveLinks(Path p) throws IOException {
    Path cur = p;
    for (int i = 0; i < MAX_LINK_HOPS && Files.isSymbolicLink(cur); i++) {
      Path link = Files.readSymbolicLink(cur);
      Path parent = cur.getParent();
      cur = (parent == null ? link : parent.resolve(link)).normalize();
    }
    if (Files.isSymbolicLink(cur)) {
      throw new CliException(ExitCode.IO, "too many levels of symbolic links: " + p);
    }
    if (Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
      return cur.toRealPath();
    }
    Path parent = cur.getParent();
    return parent != null && Files.isDirectory(parent)
        ? parent.toRealPath().resolve(cur.getFileName())
        : cur;
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

  /**
   * Leaves the temporary file alone when the process is stopped (Ctrl-C, SIGTERM) instead of
   * deleting it: for an output that the command finishes and commits in its own shutdown hook (a
   * live recording); if that fails, the partial file stays, readable up to its last message.
   */
  void keepOnStop() {
    if (temp != null) {
      TempFiles.release(temp);
    }
  }

  /** Flushes, and moves the temporary file (if any) over the target. */
  void commit() throws IOException {
    stream.close();
    if (temp != null) {
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      TempFiles.release(temp);
    }
    committed = true;
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        stream.close();
      } catch (IOException e) {
        // the command already failed; its error is the one to report
      } finally {
        if (temp != null) {
          TempFiles.delete(temp);
        }
      }
    }
  }
}
