package dev.rrdvideo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Inputs that need a seekable file: a path is used as is; {@code -} (stdin) is spooled to a
 * temporary file that is deleted on close. MP4 needs this because its index may come last; the
 * recording scanners need it for random access through the footer.
 */
final class Inputs {
  private Inputs() {}

  /** A local file for an input argument. */
  static final class Local implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private Local(Path path, boolean temporary) {
      this.path = path;
      this.temporary = temporary;
    }

    Path path() {
      return path;
    }

    @Override
    public void close() throws IOException {
      if (temporary) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Returns a seekable file for {@code arg}, spooling stdin with the given suffix. */
  static Local local(String arg, String suffix) throws IOException {
    if (!Io.isDash(arg)) {
      Path p = Path.of(arg);
      if (!Files.exists(p)) {
        throw new java.nio.file.NoSuchFileException(arg);
      }
      if (Files.isDirectory(p)) {
        throw new CliException(ExitCode.IO, arg + " is a directory, expected a file");
      }
      return new Local(p, false);
    }
    Path tmp = Files.createTempFile("rrdvideo-stdin-", suffix);
    try (InputStream in = Io.openInput(arg)) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return new Local(tmp, true);
  }
}
