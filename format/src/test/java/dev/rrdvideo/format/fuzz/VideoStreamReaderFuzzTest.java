package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.testing.FuzzContract;
import java.nio.file.Path;

/** Target 5: every sample of every VideoStream entity, through the file's chunk index. */
class VideoStreamReaderFuzzTest {
  static final Path FILE = RrdFileFuzzTest.TempFile.create("videostream-fuzz");

  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void samples(byte[] data) {
    RrdFileFuzzTest.TempFile.write(FILE, data);
    FuzzContract.check(() -> Exercise.consume(Exercise.videoStreams(FILE)));
  }
}
