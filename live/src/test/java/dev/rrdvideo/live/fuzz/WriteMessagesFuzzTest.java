package dev.rrdvideo.live.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.live.internal.Entry;
import dev.rrdvideo.live.internal.MessageInspector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The server's input boundary: the bytes of one {@code WriteMessages} gRPC message from a client.
 * Contract: an {@link Entry} or an {@link RrdVideoException} with a message, never anything else;
 * the shared Arrow allocator is back where it was; no input takes a second of CPU (twice).
 */
class WriteMessagesFuzzTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MessageInspector.Codecs CODECS = new MessageInspector.Codecs();
  private static int inputs;

  @FuzzTest(maxDuration = "30m", maxExecutions = 1_100_000)
  void request(byte[] data) {
    long before = Allocators.root().getAllocatedMemory();
    long cpu = run(data);
    if (Allocators.root().getAllocatedMemory() != before) {
      throw new AssertionError("the shared Arrow allocator holds more than before");
    }
    if (++inputs > 20 && cpu > 1_000_000_000L && run(data) > 1_000_000_000L) {
      throw new AssertionError("one input took " + cpu / 1_000_000 + " ms of CPU, twice");
    }
  }

  private static long run(byte[] data) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    MessageInspector in = new MessageInspector("fuzz", 1 << 20, CODECS, line -> {});
    try {
      Entry e = in.request(data);
      if (e.wire() == null || e.kind() < 1 || e.kind() > 3) {
        throw new AssertionError("entry without bytes or with kind " + e.kind());
      }
    } catch (RrdVideoException expected) {
      if (expected.getOriginalMessage() == null || expected.getOriginalMessage().isEmpty()) {
        throw new AssertionError("typed exception without a message", expected);
      }
    }
    return THREADS.getCurrentThreadCpuTime() - t0;
  }
}
