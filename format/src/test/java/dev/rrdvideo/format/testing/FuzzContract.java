package dev.rrdvideo.format.testing;

import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.error.RrdVideoException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The contract every fuzz target of every module checks for every input: the code under test either
 * returns or throws an {@link RrdVideoException} with a message; it leaves the library's shared
 * Arrow allocator holding what it held before; and it costs at most about a second of this thread's
 * CPU time. Anything else is a finding: an unchecked exception from the code under test propagates
 * as itself (Jazzer reports it with its own stack), every other breach is an {@link AssertionError}
 * ({@link ArrowLeak}, {@link SlowInput}, or a plain one for an untyped checked exception or a typed
 * one without a message).
 *
 * <p>CPU time of the current thread, not wall time, so that a busy machine or a garbage-collection
 * pause is not a finding; an input over the limit is run a second time and is a finding only if it
 * is slow again (the first run of a code path loads and instruments classes, which is not the
 * input's cost).
 */
public final class FuzzContract {
  /** CPU time one input may take (generous: the fuzzing JVM shares two cores with other work). */
  public static final long CPU_LIMIT_NANOS = 1_000_000_000L;

  /**
   * Whether Arrow memory left behind is a finding (default). A campaign may turn it off with {@code
   * -Drrdvideo.fuzz.arrowLeakCheck=false} while a known leak of the format module is being fixed
   * there, to keep fuzzing the code above it.
   */
  public static final boolean ARROW_LEAK_CHECK =
      !"false".equals(System.getProperty("rrdvideo.fuzz.arrowLeakCheck"));

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private FuzzContract() {}

  /** The work one input drives. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** An input that left memory in the shared Arrow allocator. */
  public static final class ArrowLeak extends AssertionError {
    private static final long serialVersionUID = 1L;

    ArrowLeak(long bytes, RrdVideoException typed) {
      super(
          "the shared Arrow allocator holds "
              + bytes
              + " bytes more than before the input"
              + (typed == null ? "" : " (which ended in: " + typed + ")"),
          typed);
    }
  }

  /** An input that cost more CPU than allowed, twice in a row. */
  public static final class SlowInput extends AssertionError {
    private static final long serialVersionUID = 1L;

    SlowInput(long firstNanos, long againNanos, long limitNanos, RrdVideoException typed) {
      super(
          "one input took "
              + firstNanos / 1_000_000
              + " ms of CPU, and "
              + againNanos / 1_000_000
              + " ms again (limit "
              + limitNanos / 1_000_000
              + " ms)"
              + (typed == null ? "" : " (and ended in: " + typed + ")"),
          typed);
    }
  }

  /**
   * Runs {@code body} under the contract with the default CPU limit; returns the typed exception it
   * ended in, or null if it returned.
   */
  public static RrdVideoException check(Body body) {
    return check(body, () -> CPU_LIMIT_NANOS);
  }

  /**
   * Runs {@code body} under the contract; {@code cpuLimitNanos} is asked after each run, so that a
   * target may allow time in proportion to what the input produced. Returns the typed exception the
   * input ended in, or null.
   */
  public static RrdVideoException check(Body body, LongSupplier cpuLimitNanos) {
    long before = Allocators.root().getAllocatedMemory();
    long start = cpuNanos();
    RrdVideoException typed = runTyped(body);
    long used = cpuNanos() - start;
    long left = Allocators.root().getAllocatedMemory() - before;
    if (left != 0 && ARROW_LEAK_CHECK) {
      throw new ArrowLeak(left, typed);
    }
    long limit = cpuLimitNanos.getAsLong();
    if (used > limit) {
      long again = cpuNanos();
      runTyped(body);
      long usedAgain = cpuNanos() - again;
      limit = cpuLimitNanos.getAsLong();
      if (usedAgain > limit) {
        throw new SlowInput(used, usedAgain, limit, typed);
      }
    }
    return typed;
  }

  /**
   * Runs {@code body} once: returns the {@link RrdVideoException} it threw (null if none);
   * unchecked exceptions and errors propagate; any other checked exception, or a typed one without
   * a message, is an {@link AssertionError}.
   */
  public static RrdVideoException runTyped(Body body) {
    try {
      body.run();
      return null;
    } catch (RrdVideoException typed) {
      if (typed.getOriginalMessage() == null || typed.getOriginalMessage().isEmpty()) {
        throw new AssertionError("typed exception without a message", typed);
      }
      return typed;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("untyped " + e.getClass().getName() + " escaped", e);
    }
  }

  /** CPU time of the current thread so far, in nanoseconds. */
  public static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
