package dev.rrdvideo.format.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.testing.FuzzContract;

/** Target 6: the structural verifier, which reads every message, chunk and manifest. */
class RrdVerifierFuzzTest {
  @FuzzTest(maxDuration = "60m", maxExecutions = 1_100_000)
  void verify(byte[] data) {
    FuzzContract.check(() -> Exercise.consume(Exercise.verify(data)));
  }
}
