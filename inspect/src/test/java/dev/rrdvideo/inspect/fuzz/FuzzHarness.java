package dev.rrdvideo.inspect.fuzz;

import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.FrameReference;
import dev.rrdvideo.inspect.GopTableWriter;
import dev.rrdvideo.inspect.ReferenceTableWriter;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.SampleListener;
import dev.rrdvideo.inspect.SampleRow;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.inspect.VideoChecker;
import dev.rrdvideo.inspect.VideoSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every inspect fuzz target checks: the shared {@link FuzzContract} (for any bytes, the
 * scanners and everything that consumes their rows — summary, GOP table, checker, every table
 * writer, every report — either finish or throw a {@link RrdVideoException}; no memory left in the
 * shared Arrow allocator), with a CPU allowance of {@link FuzzContract#CPU_LIMIT_NANOS} plus
 * {@value #CPU_PER_ROW_NANOS} ns per sample row the input produced. Work in proportion to the rows
 * is expected (every consumer writes every row; how many samples a small file may declare is the
 * demuxers' limit to set); anything beyond it is not.
 */
final class FuzzHarness {
  /** CPU allowed per sample row the input produced (about ten consumers see each row). */
  static final long CPU_PER_ROW_NANOS = 20_000L;

  /** Rows the last run produced (set by the targets). */
  static long rows;

  private static Path dir;

  private FuzzHarness() {}

  /** A file named {@code name} holding {@code data}, in a private temporary directory. */
  static Path file(String name, byte[] data) throws IOException {
    if (dir == null) {
      Path shm = Path.of("/dev/shm");
      Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : null;
      dir =
          base == null
              ? Files.createTempDirectory("rrdvideo-fuzz")
              : Files.createTempDirectory(base, "rrdvideo-fuzz");
      dir.toFile().deleteOnExit();
    }
    Path p = dir.resolve(name);
    Files.write(p, data);
    p.toFile().deleteOnExit();
    return p;
  }

  /** Something that throws the way the code under test may. */
  @FunctionalInterface
  interface Action {
    void run() throws IOException;
  }

  /**
   * Where to record findings whose cause lies outside inspect during a long campaign (system
   * property {@code rrdvideo.fuzz.external}, a directory; unset in {@code mvn test}). Other modules
   * are fixed by other people in parallel: a campaign notes their findings there (input and stack,
   * one per exception type and top frame) and goes on looking for inspect's own.
   */
  private static final String EXTERNAL = System.getProperty("rrdvideo.fuzz.external");

  private static final java.util.Set<String> SEEN = new java.util.HashSet<>();

  /**
   * Runs {@code action} on {@code input} under {@link FuzzContract}: a {@link RrdVideoException}
   * ends it normally (the input was bad, and said so); any other exception propagates (a finding),
   * and so does a slow input or one that left Arrow memory behind. During a campaign that records
   * external findings, those whose cause lies in another module are recorded instead.
   */
  static void contract(byte[] input, Action action) throws IOException {
    contract(input, 0, action);
  }

  /**
   * {@link #contract(byte[], Action)} for a target whose legitimate cost includes a bounded amount
   * of work on top of the per-row allowance ({@code extraCpuNanos}: the report's thumbnail decoding
   * budget).
   */
  static void contract(byte[] input, long extraCpuNanos, Action action) throws IOException {
    extra = extraCpuNanos;
    rows = 0;
    boolean[] recorded = new boolean[1];
    try {
      FuzzContract.check(
          () -> {
            try {
              action.run();
            } catch (RrdVideoException typed) {
              throw typed;
            } catch (RuntimeException | IOException | StackOverflowError | OutOfMemoryError e) {
              if (!external(input, e, "", e)) {
                throw e;
              }
              recorded[0] = true;
            }
          },
          FuzzHarness::limit);
    } catch (FuzzContract.SlowInput | FuzzContract.ArrowLeak finding) {
      // slow or leaking, and then refused by another module: recorded for a look at that module
      // (a failed decode that leaves memory behind is the decoder's, wherever it was called from)
      String prefix = finding instanceof FuzzContract.SlowInput ? "SlowCase-" : "ArrowLeak-";
      boolean elsewhere =
          recorded[0]
              || finding.getCause() instanceof RrdVideoException typed
                  && external(input, typed, prefix, finding);
      if (!elsewhere) {
        throw finding;
      }
    }
  }

  private static long extra;

  private static long limit() {
    return FuzzContract.CPU_LIMIT_NANOS + extra + Math.min(rows, 1L << 32) * CPU_PER_ROW_NANOS;
  }

  /**
   * Records {@code report} (under {@code prefix} and the exception type and top frame of {@code e})
   * if campaigns record external findings and the top project frame of {@code e} is not inspect's.
   */
  private static boolean external(byte[] input, Throwable e, String prefix, Throwable report) {
    if (EXTERNAL == null) {
      return false;
    }
    // the innermost exception of the cause chain that has a project frame (the JVM may omit the
    // stack of a frequently thrown NullPointerException)
    Throwable root = e;
    StackTraceElement top = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement f : t.getStackTrace()) {
        if (f.getClassName().startsWith("dev.rrdvideo.")) {
          root =
              t.getCause() != null && t.getCause().getStackTrace().length == 0 ? t.getCause() : t;
          top = f;
          break;
        }
      }
    }
    if (top == null || top.getClassName().startsWith("dev.rrdvideo.inspect.")) {
      return false;
    }
    String key =
        prefix
            + root.getClass().getSimpleName()
            + "-"
            + top.getClassName()
            + "."
            + top.getMethodName();
    synchronized (SEEN) {
      if (SEEN.add(key)) {
        try {
          Path d = Files.createDirectories(Path.of(EXTERNAL));
          String name = key.replaceAll("[^A-Za-z0-9._-]", "_");
          Files.write(d.resolve(name + ".bin"), input);
          java.io.StringWriter sw = new java.io.StringWriter();
          report.printStackTrace(new PrintWriter(sw));
          Files.writeString(d.resolve(name + ".txt"), sw.toString());
        } catch (IOException io) {
          throw new java.io.UncheckedIOException(io);
        }
      }
    }
    return true;
  }

  /** What a reference says must agree with itself: its status with the frame it names. */
  static void checkReference(FrameReference r) {
    boolean ok =
        switch (r.status()) {
          case FRAME -> r.frame() >= 0 && r.framePtsTicks() == r.videoTicks();
          case BETWEEN_FRAMES, PAST_LAST_FRAME ->
              r.frame() >= 0
                  && r.sampleIndex() >= 0
                  && r.framePtsTicks() != SampleRow.ABSENT
                  && r.framePtsTicks() < r.videoTicks();
          case BEFORE_FIRST_FRAME -> r.frame() < 0 && r.videoTicks() != SampleRow.ABSENT;
          case NO_ASSET -> r.frame() < 0;
        };
    if (!ok || r.entity() == null || r.video() == null) {
      throw new AssertionError(
          "inconsistent reference: "
              + r.status()
              + " frame "
              + r.frame()
              + " sample "
              + r.sampleIndex()
              + " ticks "
              + r.videoTicks()
              + " frame pts "
              + r.framePtsTicks());
    }
  }

  /** The parts of a reference summary add up; returns its count. */
  static long check(VideoSummary.References r) {
    long parts =
        r.resolved() + r.betweenFrames() + r.pastLastFrame() + r.beforeFirstFrame() + r.noAsset();
    if (parts != r.references()) {
      throw new AssertionError("reference kinds add up to " + parts + ", not " + r.references());
    }
    return r.references();
  }

  /** Discards everything. */
  static final OutputStream NULL_STREAM = OutputStream.nullOutputStream();

  /**
   * Scans {@code file} with bitstream analysis and feeds every row to the summary, the checker
   * (every expectation on), the GOP table and the sample table in every format; then renders every
   * report. Checks that the summary counted every row.
   */
  static void scanEverything(Path file) throws IOException {
    VideoSummary summary = new VideoSummary();
    VideoChecker checker =
        new VideoChecker(
            CheckOptions.builder()
                .expectCodec("h264")
                .maxGopFrames(10)
                .minFps(20)
                .maxFps(40)
                .noBFrames(true)
                .maxGapNanos(1)
                .frames(30)
                .build());
    List<AutoCloseable> writers = new ArrayList<>();
    List<SampleListener> listeners = new ArrayList<>();
    listeners.add(summary);
    listeners.add(checker);
    for (TableFormat f : TableFormat.values()) {
      SampleTableWriter w = new SampleTableWriter(f, true, NULL_STREAM);
      GopTableWriter g = new GopTableWriter(f, NULL_STREAM);
      ReferenceTableWriter r = new ReferenceTableWriter(f, NULL_STREAM);
      writers.add(w);
      writers.add(g);
      writers.add(r);
      listeners.add(w);
      listeners.add(g);
      listeners.add(r);
    }
    long[] rows = new long[1];
    long[] refs = new long[2];
    SampleListener all =
        new SampleListener() {
          @Override
          public void sample(SampleRow row) throws IOException {
            rows[0]++;
            for (SampleListener l : listeners) {
              l.sample(row);
            }
          }

          @Override
          public void frameReference(FrameReference ref) throws IOException {
            refs[0]++;
            checkReference(ref);
            for (SampleListener l : listeners) {
              l.frameReference(ref);
            }
          }

          @Override
          public void endOfFrameReferences(String video, long references) throws IOException {
            if (references != refs[0]) {
              throw new AssertionError(references + " references announced, " + refs[0] + " seen");
            }
            refs[1] += refs[0];
            refs[0] = 0;
            for (SampleListener l : listeners) {
              l.endOfFrameReferences(video, references);
            }
          }

          @Override
          public void endOfStream(String entity, String timeline) throws IOException {
            for (SampleListener l : listeners) {
              l.endOfStream(entity, timeline);
            }
          }
        };
    try {
      SampleScanner.scan(file, ScanOptions.builder().hash(true).build(), all);
    } finally {
      for (AutoCloseable w : writers) {
        try {
          w.close();
        } catch (IOException e) {
          throw e;
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
    long frames = 0;
    for (VideoSummary.StreamSummary s : summary.streams()) {
      frames += s.frames();
      if (s.minGopFrames() != SampleRow.ABSENT && s.minGopFrames() > s.maxGopFrames()) {
        throw new AssertionError("GOP min > max: " + s);
      }
      if (s.durationNanos() != SampleRow.ABSENT && s.durationNanos() < 0) {
        throw new AssertionError("negative duration: " + s);
      }
    }
    if (frames != rows[0]) {
      throw new AssertionError("summary counted " + frames + " of " + rows[0] + " rows");
    }
    if (refs[0] != 0) {
      throw new AssertionError(refs[0] + " references without endOfFrameReferences");
    }
    long summarized = 0;
    for (VideoSummary.StreamSummary s : summary.streams()) {
      summarized += s.references() == null ? 0 : check(s.references());
    }
    summarized += summary.danglingReferences() == null ? 0 : check(summary.danglingReferences());
    // an asset without frames has no summary (no rows); its references are not summarized
    if (summarized > refs[1]) {
      throw new AssertionError("summary counted " + summarized + " of " + refs[1] + " references");
    }
    FuzzHarness.rows = rows[0] + refs[1];
    Writer nullWriter = Writer.nullWriter();
    PrintWriter pw = new PrintWriter(nullWriter);
    Reports.summaryText(summary.streams(), summary.danglingReferences(), pw);
    Reports.summaryJson(summary.streams(), summary.danglingReferences(), nullWriter);
    Reports.checkText(checker.results(), "fuzz", pw);
    Reports.checkJson(checker.results(), "fuzz", nullWriter);
    Reports.checkJUnit(checker.results(), "fuzz", NULL_STREAM);
  }
}
