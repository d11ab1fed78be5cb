package dev.rrdvideo.cli;

import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.inspect.SampleListener;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.ScanOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The input of {@code inspect} and {@code check} (picocli mixin): a recording or media file, or
 * {@code -} for stdin, its type when the name does not tell, which entity and timeline of a
 * recording to read, and the damage policy ({@link ReadPolicy}).
 */
final class VideoInput {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "An .rrd recording, MP4, IVF or raw .h264/.h265/.obu stream (- for stdin).")
  String file;

  @Option(
      names = "--from",
      paramLabel = "TYPE",
      description =
          "Input type when neither the name nor the first bytes tell (raw streams on stdin):"
              + " rrd, mp4, ivf, h264, h265, obu.")
  String from;

  @Option(names = "--entity", paramLabel = "PATH", description = "Only this entity.")
  String entity;

  @Option(names = "--timeline", paramLabel = "NAME", description = "Read times from this timeline.")
  String timeline;

  @Mixin ReadPolicy readPolicy;

  /** Returns the name used in messages and reports. */
  String name() {
    return Io.sourceName(file);
  }

  /**
   * Feeds every sample of the selected streams, with bitstream analysis, to {@code listener};
   * container warnings go to {@code err}. Returns the number of streams.
   */
  int scan(boolean hash, SampleListener listener, PrintWriter err) throws IOException {
    ScanOptions.Builder options = ScanOptions.builder().hash(hash);
    if (from != null) {
      options.kind(ConvertCommand.parseKind(from, "--from"));
    }
    if (entity != null) {
      options.entity(EntityPath.parse(entity));
    }
    if (timeline != null) {
      options.timeline(timeline);
    }
    try (Inputs.Local in = Inputs.local(file)) {
      int streams =
          SampleScanner.scan(
              in.path(),
              options.readOptions(readPolicy.readOptions(name(), err)).build(),
              listener);
      readPolicy.reportLoss(name(), Files.size(in.path()), err);
      return streams;
    }
  }
}
