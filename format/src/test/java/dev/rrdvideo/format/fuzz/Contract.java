package dev.rrdvideo.format.fuzz;

import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.error.RrdVideoException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The contract every fuzz target checks for every input: only {@link RrdVideoException}s escape,
 * the shared Arrow allocator holds exactly what it held before, and no input costs more than about
 * a second of CPU. Anything else is thrown as an {@link AssertionError}, which Jazzer reports as a
 * finding (an unchecked exception from the code under test is reported as itself).
 */
final class Contract {
  /** Time one input may take (generous: the fuzzing JVM shares two cores with other work). */
  static final long MAX_NANOS = 1_000_000_000L;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static int inputs;

  private Contract() {}

  /** The body of a target. */
  interface Body {
    void run() throws IOException;
  }

  static void check(Body body) {
    long before = Allocators.root().getAllocatedMemory();
    long cpu = run(body);
    long after = Allocators.root().getAllocatedMemory();
    if (after != before) {
      throw new AssertionError(
          "the shared Arrow allocator holds " + (after - before) + " bytes more than before");
    }
    // The first inputs include class loading and JIT warm-up. CPU time of this thread, not wall
    // time, so that a busy machine or a GC pause is not a finding; and a slow input must be slow
    // again when run a second time.
    if (++inputs > 20 && cpu > MAX_NANOS && run(body) > MAX_NANOS) {
      throw new AssertionError("one input took " + cpu / 1_000_000 + " ms of CPU, twice");
    }
  }

  /** Runs the body; returns the CPU time it took in nanoseconds. */
  private static long run(Body body) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    try {
      body.run();
    } catch (RrdVideoException expected) {
      if (expected.getOriginalMessage() == null || expected.getOriginalMessage().isEmpty()) {
        throw new AssertionError("typed exception without a message", expected);
      }
    } catch (IOException e) {
      throw new AssertionError("untyped IOException escaped", e);
    }
    return THREADS.getCurrentThreadCpuTime() - t0;
  }
}
