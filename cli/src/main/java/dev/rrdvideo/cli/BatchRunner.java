package dev.rrdvideo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per file of a batch on {@code -j N} worker threads and hands the results to the
 * calling thread strictly in the order of the files, whatever order they finish in: the output of a
 * batch is the same for every {@code -j}.
 *
 * <p>Memory is bounded: at most {@code 2 N} files are in flight (started and not yet handed over),
 * and each holds what it produced in a {@link SpillBuffer} (a temporary file beyond a megabyte). A
 * slow file holds back the hand-over, not the memory: the workers wait for it once the window is
 * full.
 */
final class BatchRunner {
  private BatchRunner() {}

  /** Files in flight per worker. */
  static final int WINDOW_PER_JOB = 2;

  /** What a task produced for one file: its data, its messages, and how it ended. */
  static class Result {
    /** What goes to the command's output (a table's rows, a report), in the file's turn. */
    final SpillBuffer data = new SpillBuffer();

    private final SpillBuffer messageBytes = new SpillBuffer(64 << 10);
    private PrintWriter messages;
    private Exception failure;

    /** Where the task's warnings go; printed on stderr in the file's turn. */
    PrintWriter messages() {
      if (messages == null) {
        messages =
            new PrintWriter(new OutputStreamWriter(messageBytes, StandardCharsets.UTF_8), false);
      }
      return messages;
    }

    /** Records why the file failed (its rows, if any, are dropped by the caller). */
    void fail(Exception e) {
      failure = e;
    }

    /** Returns why the file failed, or null. */
    Exception failure() {
      return failure;
    }

    /**
     * Returns the exit code of this file alone ({@link Main#exitCodeOf}, 0 when it did not fail).
     */
    int exitCode() {
      return failure == null ? ExitCode.OK : Main.exitCodeOf(failure);
    }

    /** Ends writing (called by the runner when the task returns). */
    void finish() throws IOException {
      if (messages != null) {
        messages.flush();
      }
      messageBytes.close();
      data.close();
    }

    /** Prints the messages, then the failure as one {@code error: PATH: ...} line. */
    void printMessages(String path, PrintWriter err) throws IOException {
      if (messageBytes.size() > 0) {
        try (InputStream in = messageBytes.open()) {
          new InputStreamReader(in, StandardCharsets.UTF_8).transferTo(err);
        }
      }
      if (failure != null) {
        err.println(errorLine(path, failure));
      }
      err.flush();
    }

    /** Deletes what the result holds. */
    void discard() throws IOException {
      try {
        data.delete();
      } finally {
        messageBytes.delete();
      }
    }
  }

  /** The line that reports a failed file: {@code error: PATH: MESSAGE}. */
  static String errorLine(String path, Exception failure) {
    return "error: " + path + ": " + failureMessage(path, failure);
  }

  /**
   * What went wrong with a file, without its path where the message would repeat it at the end
   * ({@code ... (at offset 6185 (0x1829))}); {@code internal error: ...} for a bug.
   */
  static String failureMessage(String path, Exception failure) {
    String msg = Main.message(failure);
    String alone = " (in " + path + ")";
    String tail = " in " + path + ")";
    if (msg.endsWith(alone)) {
      msg = msg.substring(0, msg.length() - alone.length());
    } else if (msg.endsWith(tail)) {
      msg = msg.substring(0, msg.length() - tail.length()) + ")";
    }
    return Main.exitCodeOf(failure) == ExitCode.INTERNAL ? "internal error: " + msg : msg;
  }

  /** Receives each file's result on the calling thread, in the order of the files. */
  interface Sink<R> {
    void accept(BatchInputs.Item item, R result) throws IOException;
  }

  /**
   * Runs {@code task} on each item with {@code jobs} workers (the calling thread itself for one)
   * and passes the results to {@code sink} in item order; each result is discarded after its turn.
   * A task reports its failures in its result; it throws only for errors of the JVM.
   */
  static <R extends Result> void run(
      List<BatchInputs.Item> items, int jobs, Function<BatchInputs.Item, R> task, Sink<R> sink)
      throws IOException {
    Function<BatchInputs.Item, R> finished =
        item -> {
          R r = task.apply(item);
          try {
            r.finish();
          } catch (IOException e) {
            r.fail(e);
          }
          return r;
        };
    if (jobs <= 1 || items.size() <= 1) {
      for (BatchInputs.Item item : items) {
        R r = finished.apply(item);
        try {
          sink.accept(item, r);
        } finally {
          r.discard();
        }
      }
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(jobs, items.size()),
            runnable -> {
              Thread t = new Thread(runnable, "rrdvideo-batch-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ArrayDeque<Future<R>> pending = new ArrayDeque<>();
    int window = jobs * WINDOW_PER_JOB;
    int next = 0;
    try {
      for (int i = 0; i < items.size(); i++) {
        while (next < items.size() && next - i < window) {
          BatchInputs.Item item = items.get(next++);
          pending.add(pool.submit(() -> finished.apply(item)));
        }
        R r = take(pending.poll());
        try {
          sink.accept(items.get(i), r);
        } finally {
          r.discard();
        }
      }
    } finally {
      pool.shutdownNow();
      for (Future<R> f : pending) {
        if (!f.cancel(true) && f.isDone()) {
          try {
            take(f).discard();
          } catch (IOException | RuntimeException e) {
            // leftovers of a run that is ending anyway; TempFiles deletes any file at exit
          }
        }
      }
    }
  }

  private static <R> R take(Future<R> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof Error err) {
        throw err;
      }
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
  }

  /**
   * The worse of two exit codes, for a batch that exits with its worst file: an internal error,
   * then a usage error, an I/O error (a missing file), malformed input, unsupported input, a failed
   * check, success.
   */
  static int worse(int a, int b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(int code) {
    return switch (code) {
      case ExitCode.OK -> 0;
      case ExitCode.CHECKS_FAILED -> 1;
      case ExitCode.UNSUPPORTED -> 2;
      case ExitCode.MALFORMED -> 3;
      case ExitCode.IO -> 4;
      case ExitCode.USAGE -> 5;
      case ExitCode.INTERNAL -> 6;
      default -> 7;
    };
  }
}
