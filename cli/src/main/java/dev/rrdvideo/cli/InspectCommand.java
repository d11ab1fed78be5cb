package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.GopTableWriter;
import dev.rrdvideo.inspect.ReferenceTableWriter;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.inspect.VideoSummary;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rrdvideo inspect}: the per-sample table of every video stream in an input. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print one row per video sample: timing, size, keyframe flags (declared and from the"
          + " bitstream), frame type, NAL/OBU types, codec, resolution, GOP, chunk and offset."
          + " Columns are documented in docs/inspect.md (schema rrdvideo.samples/2)."
          + " AssetVideo entities are read from their MP4 blob (timeline 'AssetVideo track N');"
          + " --references lists their VideoFrameReference rows."
    },
    footer = {"", "Example: rrdvideo inspect recording.rrd --format csv -o samples.csv"})
final class InspectCommand implements Callable<Integer> {
  @Mixin VideoInput input;

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
      names = "--references",
      description =
          "One row per VideoFrameReference (which AssetVideo it points at, its time and timestamp,"
              + " the frame the viewer shows for it) instead of one per sample.")
  boolean references;

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
    if ((summary ? 1 : 0) + (gops ? 1 : 0) + (references ? 1 : 0) > 1) {
      throw new CliException(
          ExitCode.USAGE, "--summary, --gops and --references are alternatives: give one");
    }
    PrintWriter err = spec.commandLine().getErr();
    try (AtomicOutput out = AtomicOutput.open(output)) {
      int streams;
      if (summary) {
        VideoSummary sum = new VideoSummary();
        streams = input.scan(hash, sum, err);
        Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8);
        if (fmt == TableFormat.JSONL) {
          Reports.summaryJson(sum.streams(), sum.danglingReferences(), w);
        } else if (fmt == TableFormat.PRETTY) {
          PrintWriter pw = new PrintWriter(w);
          Reports.summaryText(sum.streams(), sum.danglingReferences(), pw);
          pw.flush();
        } else {
          throw new CliException(ExitCode.USAGE, "--summary supports --format pretty or json");
        }
        w.flush();
      } else if (references) {
        try (ReferenceTableWriter w = new ReferenceTableWriter(fmt, out.stream())) {
          streams = input.scan(hash, w, err);
        }
      } else if (gops) {
        try (GopTableWriter w = new GopTableWriter(fmt, out.stream())) {
          streams = input.scan(hash, w, err);
        }
      } else {
        try (SampleTableWriter w = new SampleTableWriter(fmt, hash, out.stream())) {
          streams = input.scan(hash, w, err);
        }
      }
      out.commit();
      if (streams == 0) {
        err.println("warning: no video streams in " + input.name());
      }
    }
    return ExitCode.OK;
  }
}
