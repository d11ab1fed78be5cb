package dev.rrdvideo.cli;

import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.SampleListener;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.ScanOptions;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The input of {@code inspect} and {@code check} (picocli mixin): a recording or media file, or
 * {@code -} for stdin, and which entity and timeline of a recording to read.
 */
final class VideoInput {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "An .rrd recording, MP4, IVF or raw .h264/.h265/.obu stream (- for stdin).")
  String file;

  @Option(names = "--entity", paramLabel = "PATH", description = "Only this entity.")
  String entity;

  @Option(names = "--timeline", paramLabel = "NAME", description = "Read times from this timeline.")
  String timeline;

  /** Returns the name used in messages and reports. */
  String name() {
    return Io.sourceName(file);
  }

  /**
   * Feeds every sample of the selected streams, with bitstream analysis, to {@code listener};
   * container warnings go to {@code err}. Returns the number of streams.
   */
  int scan(boolean hash, SampleListener listener, PrintWriter err) throws IOException {
    try (Inputs.Local in = Inputs.local(file, ".rrd")) {
      RrdReadOptions ro =
          RrdReadOptions.builder()
              .sourceName(name())
              .warnings(w -> err.println("warning: " + w))
              .build();
      return SampleScanner.scan(
          in.path(),
          ro,
          new ScanOptions(entity, timeline, hash, new BitstreamAnalyzer()),
          listener);
    }
  }
}
