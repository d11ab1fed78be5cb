package dev.rrdvideo.format.fuzz;

import dev.rrdvideo.format.RrdVideoException;
import dev.rrdvideo.format.internal.arrow.Allocators;
import java.io.IOException;

/**
 * The contract every fuzz target checks for every input: only {@link RrdVideoException}s escape,
 * the shared Arrow allocator holds exactly what it held before, and no input costs more than about
 * a second. Anything else is thrown as an {@link AssertionError}, which Jazzer reports as a finding
 * (an unchecked exception from the code under test is reported as itself).
 */
final class Contract {
  /** Time one input may take (generous: the fuzzing JVM shares two cores with other work). */
  static final long MAX_NANOS = 1_000_000_000L;

  private static int inputs;

  private Contract() {}

  /** The body of a target. */
  interface Body {
    void run() throws IOException;
  }

  static void check(Body body) {
    long before = Allocators.root().getAllocatedMemory();
    long t0 = System.nanoTime();
    try {
      body.run();
    } catch (RrdVideoException expected) {
      if (expected.getOriginalMessage() == null || expected.getOriginalMessage().isEmpty()) {
        throw new AssertionError("typed exception without a message", expected);
      }
    } catch (IOException e) {
      throw new AssertionError("untyped IOException escaped", e);
    }
    long nanos = System.nanoTime() - t0;
    long after = Allocators.root().getAllocatedMemory();
    if (after != before) {
      throw new AssertionError(
          "the shared Arrow allocator holds " + (after - before) + " bytes more than before");
    }
    // the first inputs include class loading and JIT warm-up
    if (++inputs > 20 && nanos > MAX_NANOS) {
      throw new AssertionError("one input took " + nanos / 1_000_000 + " ms");
    }
  }
}
