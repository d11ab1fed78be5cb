package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.testing.FuzzContract;

/** Target 1: streaming read of every message, every chunk decoded and read through the views. */
class RrdReaderFuzzTest {
  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void streaming(byte[] data) {
    FuzzContract.check(() -> Exercise.consume(Exercise.streaming(data)));
  }
}
