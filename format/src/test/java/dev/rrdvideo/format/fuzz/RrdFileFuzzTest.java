package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.testing.FuzzContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Target 2: random access through the footer index (or the scan), every listed chunk read. */
class RrdFileFuzzTest {
  static final Path FILE = TempFile.create("rrdfile-fuzz");

  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void randomAccess(byte[] data) {
    TempFile.write(FILE, data);
    FuzzContract.check(() -> Exercise.consume(Exercise.randomAccess(FILE)));
  }

  /** One temporary file per target, rewritten for each input. */
  static final class TempFile {
    private TempFile() {}

    static Path create(String prefix) {
      try {
        Path p = Files.createTempFile(prefix, ".rrd");
        p.toFile().deleteOnExit();
        return p;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static void write(Path p, byte[] data) {
      try {
        Files.write(p, data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
