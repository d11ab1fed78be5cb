package dev.rrdvideo.live.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.live.internal.Entry;
import dev.rrdvideo.live.internal.MessageInspector;

/**
 * The server's input boundary: the bytes of one {@code WriteMessages} gRPC message from a client.
 * Contract: an {@link Entry} or an {@link RrdVideoException} with a message, never anything else;
 * the shared Arrow allocator is back where it was; no input takes a second of CPU (twice): the
 * shared {@link FuzzContract}.
 */
class WriteMessagesFuzzTest {
  private static final MessageInspector.Codecs CODECS = new MessageInspector.Codecs();

  @FuzzTest(maxDuration = "30m", maxExecutions = 1_100_000)
  void request(byte[] data) {
    FuzzContract.check(
        () -> {
          MessageInspector in = new MessageInspector("fuzz", 1 << 20, CODECS, line -> {});
          Entry e = in.request(data);
          if (e.wire() == null || e.kind() < 1 || e.kind() > 3) {
            throw new AssertionError("entry without bytes or with kind " + e.kind());
          }
        });
  }
}
