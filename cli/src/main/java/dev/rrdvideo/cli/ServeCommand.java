package dev.rrdvideo.cli;

import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.TimeColumn;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rrdvideo serve}: replays recordings to Rerun viewers over gRPC (a message proxy on port
 * 9876), as fast as possible or paced by their timelines, then keeps serving; with {@code
 * --connect} pushes them to a running proxy instead.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Serve recordings to Rerun viewers live over gRPC (a message proxy).",
    description = {
      "Serve recordings to Rerun viewers live over gRPC: a message proxy like 'rerun"
          + " --serve-grpc' (gRPC and gRPC-Web on one port, 127.0.0.1:9876 by default) that"
          + " replays FILE... to every viewer that connects, then any message that SDK clients"
          + " push to it, until Ctrl-C. Viewers connect with"
          + " 'rerun --connect rerun+http://127.0.0.1:9876/proxy'.",
      "With --connect the files are pushed to a running proxy instead."
    },
    footer = {"", "Example: rrdvideo serve demo.rrd --realtime"})
final class ServeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Recordings (.rrd) to replay.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--realtime",
      description =
          "Pace the replay by the recordings' time (the first duration or timestamp timeline of"
              + " each chunk) instead of sending everything at once.")
  boolean realtime;

  @Option(
      names = "--record",
      paramLabel = "FILE",
      description =
          "Also record every message the proxy accepts (FILE... and what SDK clients push) into"
              + " FILE, messages as they came; written to FILE.<hex>.partial while it grows"
              + " (readable meanwhile), renamed to FILE with its footer on Ctrl-C.")
  String record;

  @Mixin LiveOptions live;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (files.isEmpty() && live.connect != null) {
      throw new CliException(ExitCode.USAGE, "--connect needs at least one FILE to push");
    }
    if (record != null && live.connect != null) {
      throw new CliException(
          ExitCode.USAGE, "--record records what this server gets: not with" + " --connect");
    }
    Recording rec = record != null ? new Recording(AtomicOutput.open(record), err) : null;
    try (LiveSession session = LiveSession.open(live, err, rec == null ? null : rec::record)) {
      if (rec != null) {
        Runtime.getRuntime().addShutdownHook(new Thread(rec::finish, "rrdvideo-record"));
        err.println("recording to " + record + " (finished on Ctrl-C)");
        err.flush();
      }
      if (!files.isEmpty()) {
        RrdMessageSink sink = session.sink();
        try (RrdWriter w = RrdWriter.open(sink, RrdWriteOptions.defaults())) {
          Pacer pacer = realtime ? new Pacer() : null;
          for (Path f : files) {
            long n = replay(f, w, pacer);
            err.printf("%s: %d messages%n", f, n);
            err.flush();
          }
        }
      }
      session.serveUntilStopped();
    } finally {
      if (rec != null) {
        rec.finish();
      }
    }
    return ExitCode.OK;
  }

  private static long replay(Path file, RrdWriter w, Pacer pacer) throws IOException {
    try (RrdReader r = RrdReader.open(file)) {
      return replay(r, w, pacer);
    }
  }

  /**
   * Writes every message {@code r} yields to {@code w} ({@code ArrowMsg} payloads as they are),
   * paced by {@code pacer} unless {@code null}; returns how many.
   */
  static long replay(RrdReader r, RrdWriter w, Pacer pacer) throws IOException {
    long n = 0;
    for (RrdMessage m = r.next(); m != null; m = r.next()) {
      if (m instanceof StoreInfo s) {
        w.writeStoreInfo(s);
      } else if (m instanceof ChunkMessage a) {
        if (pacer != null) {
          pacer.await(a);
        }
        w.writeArrowMessage(a);
      } else if (m instanceof BlueprintActivation b) {
        w.writeBlueprintActivation(b);
      } else {
        continue;
      }
      n++;
    }
    return n;
  }

  /**
   * {@code --record}: every accepted message written as it comes, flushed at once so that the
   * growing file can be read; closed (footer) and renamed into place when the server stops.
   */
  static final class Recording {
    private final AtomicOutput out;
    private final java.io.OutputStream stream;
    private final RrdWriter writer;
    private final PrintWriter err;
    private boolean finished;
    private long messages;

    Recording(AtomicOutput out, PrintWriter err) throws IOException {
      this.out = out;
      out.keepOnStop(); // finished by the shutdown hook below, not deleted
      this.stream = out.stream();
      this.writer = RrdWriter.open(stream, RrdWriteOptions.defaults());
      this.err = err;
    }

    synchronized void record(RrdMessage m) throws IOException {
      if (finished) {
        return;
      }
      if (m instanceof StoreInfo s) {
        writer.writeStoreInfo(s);
      } else if (m instanceof ChunkMessage a) {
        writer.writeArrowMessage(a);
      } else if (m instanceof BlueprintActivation b) {
        writer.writeBlueprintActivation(b);
      } else {
        return;
      }
      messages++;
      stream.flush();
    }

    synchronized void finish() {
      if (finished) {
        return;
      }
      finished = true;
      try {
        writer.close();
        out.commit();
        err.printf("recorded %d messages%n", messages);
      } catch (IOException e) {
        err.println("error: finishing the recording: " + e.getMessage());
      } finally {
        err.flush();
        try {
          out.close();
        } catch (IOException e) {
          err.println("error: " + e.getMessage());
        }
      }
    }
  }

  /** Sleeps until a chunk's first time, counted from the first paced chunk, is due. */
  static final class Pacer {
    private long baseTime = Long.MIN_VALUE;
    private long baseWall;

    void await(ChunkMessage a) throws IOException {
      long t = Long.MAX_VALUE;
      try (Chunk c = a.decode()) {
        for (TimeColumn tc : c.timeColumns()) {
          if (tc.type().isNanos() && tc.size() > 0) {
            t = tc.min();
            break;
          }
        }
      }
      if (t == Long.MAX_VALUE) {
        return; // static or sequence-only chunk: no wall-clock meaning
      }
      if (baseTime == Long.MIN_VALUE) {
        baseTime = t;
        baseWall = System.nanoTime();
        return;
      }
      long wait = baseWall + (t - baseTime) - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.SECONDS.toNanos(60)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted");
        }
      }
    }
  }
}
