package dev.rrdvideo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Inputs that need a seekable file: a path is used as is; {@code -} (stdin) is spooled to a
 * temporary file that is deleted on close (and by {@link TempFiles} if the run is interrupted). MP4
 * needs this because its index may come last; the recording scanners need it for random access
 * through the footer.
 *
 * <p>The spool file is named {@code <stdin>} (in a private temporary directory), so that every
 * message and label the libraries derive from the file name names the input the way the user knows
 * it, never after a random temporary name.
 */
final class Inputs {
  private Inputs() {}

  /** A local file for an input argument. */
  static final class Local implements AutoCloseable {
    private final Path path;
    private final Path tempDir;

    private Local(Path path, Path tempDir) {
      this.path = path;
      this.tempDir = tempDir;
    }

    Path path() {
      return path;
    }

    /** Returns whether the input came from stdin. */
    boolean isStdin() {
      return tempDir != null;
    }

    @Override
    public void close() throws IOException {
      if (tempDir != null) {
        TempFiles.delete(path);
        TempFiles.delete(tempDir);
      }
    }
  }

  /** Returns a seekable file for {@code arg}, spooling stdin. */
  static Local local(String arg) throws IOException {
    if (!Io.isDash(arg)) {
      Path p = Path.of(arg);
      if (!Files.exists(p)) {
        throw new java.nio.file.NoSuchFileException(arg);
      }
      if (Files.isDirectory(p)) {
        throw new CliException(ExitCode.IO, arg + " is a directory, expected a file");
      }
      return new Local(p, null);
    }
    Path dir = Files.createTempDirectory("rrdvideo-stdin-");
    TempFiles.register(dir);
    Path spool = dir.resolve(Io.sourceName(arg));
    TempFiles.register(spool);
    Local local = new Local(spool, dir);
    try (InputStream in = Io.openInput(arg)) {
      Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      local.close();
      throw e;
    }
    return local;
  }
}
