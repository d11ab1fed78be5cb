package dev.rrdvideo.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.spark.TestFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of byte ranges of a remote file (the test file system stands for one). */
class LocalFileTest {
  @TempDir Path dir;

  private static Configuration conf() {
    Configuration c = new Configuration();
    c.set("fs.testfs.impl", TestFileSystem.class.getName());
    c.setBoolean("fs.testfs.impl.disable.cache", true);
    return c;
  }

  @Test
  void rangesAreCopiedAtTheirPlacesAndTheRestReadsAsZeros() throws Exception {
    byte[] data = new byte[300_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    Path f = Files.write(dir.resolve("rec.rrd"), data);
    ScanCounters counters = new ScanCounters();
    try (LocalFile local =
        LocalFile.ranges(
            "testfs://" + f.toAbsolutePath(),
            data.length,
            new long[] {10, 70_000, 200_000, 300_000},
            conf(),
            Long.MAX_VALUE,
            counters)) {
      byte[] got = Files.readAllBytes(local.path());
      assertThat(got).hasSize(data.length);
      for (int i = 0; i < data.length; i++) {
        boolean copied = (i >= 10 && i < 70_000) || i >= 200_000;
        if (got[i] != (copied ? data[i] : 0)) {
          throw new AssertionError("byte " + i);
        }
      }
    }
    assertThat(counters.bytesCopied).isEqualTo(69_990 + 100_000);
  }

  @Test
  void aFileShorterThanListedIsAFormatErrorWithTheOffset() throws Exception {
    Path f = Files.write(dir.resolve("cut.rrd"), new byte[100_000]);
    assertThatThrownBy(
            () ->
                LocalFile.ranges(
                    "testfs://" + f.toAbsolutePath(),
                    150_000,
                    new long[] {0, 150_000},
                    conf(),
                    Long.MAX_VALUE,
                    new ScanCounters()))
        .isInstanceOf(RrdFormatException.class)
        .hasMessageContaining("file ended before byte")
        .hasMessageContaining("150000 bytes");
  }
}
