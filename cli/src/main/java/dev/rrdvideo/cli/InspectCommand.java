package dev.rrdvideo.cli;

import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.GopTableWriter;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.inspect.VideoSummary;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rrdvideo inspect}: the per-sample table of every video stream in an input. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print one row per video sample: timing, size, keyframe flags (declared and from the"
          + " bitstream), frame type, NAL/OBU types, codec, resolution, GOP, chunk and offset."
          + " Columns are documented in docs/inspect.md (schema rrdvideo.samples/1)."
    },
    footer = {"", "Example: rrdvideo inspect recording.rrd --format csv -o samples.csv"})
final class InspectCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "An .rrd recording, MP4, IVF or raw .h264/.h265/.obu stream (- for stdin).")
  String file;

  @Option(names = "--entity", paramLabel = "PATH", description = "Only this entity.")
  String entity;

  @Option(names = "--timeline", paramLabel = "NAME", description = "Read times from this timeline.")
  String timeline;

  @Option(
      names = "--format",
      defaultValue = "pretty",
      paramLabel = "FORMAT",
      description = "pretty, csv, jsonl (or json) or arrow (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "-",
      paramLabel = "OUT",
      description = "Output file (default: stdout).")
  String output;

  @Option(names = "--hash", description = "Add a sha256 column (hash of each sample).")
  boolean hash;

  @Option(names = "--gops", description = "One row per GOP instead of one per sample.")
  boolean gops;

  @Option(
      names = "--summary",
      description = "Per-stream summary (text, or JSON with --format json) instead of rows.")
  boolean summary;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    TableFormat fmt;
    try {
      fmt = TableFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.USAGE,
          "unknown --format '" + format + "': expected pretty, csv, jsonl or arrow");
    }
    PrintWriter err = spec.commandLine().getErr();
    try (Inputs.Local in = Inputs.local(file, ".rrd");
        AtomicOutput out = AtomicOutput.open(output)) {
      ScanOptions so = new ScanOptions(entity, timeline, hash, new BitstreamAnalyzer());
      RrdReadOptions ro =
          RrdReadOptions.builder()
              .sourceName(Io.sourceName(file))
              .warnings(w -> err.println("warning: " + w))
              .build();
      int streams;
      if (summary) {
        VideoSummary sum = new VideoSummary();
        streams = SampleScanner.scan(in.path(), ro, so, sum);
        Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8);
        if (fmt == TableFormat.JSONL) {
          Reports.summaryJson(sum.streams(), w);
        } else if (fmt == TableFormat.PRETTY) {
          PrintWriter pw = new PrintWriter(w);
          Reports.summaryText(sum.streams(), pw);
          pw.flush();
        } else {
          throw new CliException(ExitCode.USAGE, "--summary supports --format pretty or json");
        }
        w.flush();
      } else if (gops) {
        try (GopTableWriter w = new GopTableWriter(fmt, out.stream())) {
          streams = SampleScanner.scan(in.path(), ro, so, w);
        }
      } else {
        try (SampleTableWriter w = new SampleTableWriter(fmt, hash, out.stream())) {
          streams = SampleScanner.scan(in.path(), ro, so, w);
        }
      }
      out.commit();
      if (streams == 0) {
        err.println("warning: no video streams in " + Io.sourceName(file));
      }
    }
    return ExitCode.OK;
  }
}
