package dev.rrdvideo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rrdvideo.inspect.VideoDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rrdvideo diff}: compares the samples of two videos. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two videos sample by sample (any mix of .rrd, MP4, .h264/.h265, .obu, .ivf):"
          + " sample counts, codec, presentation times (after aligning the first sample),"
          + " keyframes and payloads. H.264/H.265 payloads are compared as NAL units, ignoring"
          + " start codes vs length prefixes and where the parameter sets sit.",
      "Exit code 0 when equal, 6 when they differ."
    },
    footer = {"", "Example: rrdvideo diff original.mp4 converted.rrd"})
final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "First input.")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "Second input.")
  String b;

  @Option(names = "--entity-a", paramLabel = "PATH", description = "Entity of A (a recording).")
  String entityA;

  @Option(names = "--entity-b", paramLabel = "PATH", description = "Entity of B (a recording).")
  String entityB;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    VideoDiff.Result r;
    try (Inputs.Local la = Inputs.local(a);
        Inputs.Local lb = Inputs.local(b)) {
      r = VideoDiff.compare(la.path(), entityA, lb.path(), entityB);
    }
    switch (format.toLowerCase(Locale.ROOT)) {
      case "text" -> {
        out.printf("samples      %d vs %d%n", r.samplesA(), r.samplesB());
        out.printf("codec        %s vs %s%n", r.codecA(), r.codecB());
        if (!r.timesCompared()) {
          out.println("times        not compared (one side has no times in nanoseconds)");
        } else {
          out.printf(
              "times        %d differ%s (B starts %d ns after A)%n",
              r.timeMismatches(),
              r.firstTimeMismatch() >= 0
                  ? ", first at sample "
                      + r.firstTimeMismatch()
                      + ", largest "
                      + r.maxTimeDifferenceNanos()
                      + " ns"
                  : "",
              r.timeOffsetNanos());
        }
        out.printf("keyframes    %d differ%n", r.keyframeMismatches());
        out.printf(
            "payloads     %d differ%s%n",
            r.payloadMismatches(),
            r.firstPayloadMismatch() >= 0 ? ", samples " + r.mismatchedSamples() : "");
        out.println(r.equal() ? "equal" : "DIFFERENT");
      }
      case "json" -> {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeBooleanField("equal", r.equal());
        g.writeNumberField("samples_a", r.samplesA());
        g.writeNumberField("samples_b", r.samplesB());
        g.writeStringField("codec_a", r.codecA());
        g.writeStringField("codec_b", r.codecB());
        g.writeBooleanField("times_compared", r.timesCompared());
        g.writeNumberField("time_offset_ns", r.timeOffsetNanos());
        g.writeNumberField("time_mismatches", r.timeMismatches());
        g.writeNumberField("first_time_mismatch", r.firstTimeMismatch());
        g.writeNumberField("max_time_difference_ns", r.maxTimeDifferenceNanos());
        g.writeNumberField("keyframe_mismatches", r.keyframeMismatches());
        g.writeNumberField("payload_mismatches", r.payloadMismatches());
        g.writeNumberField("first_payload_mismatch", r.firstPayloadMismatch());
        g.writeArrayFieldStart("mismatched_samples");
        for (long x : r.mismatchedSamples()) {
          g.writeNumber(x);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.println();
      }
      default -> throw new CliException(ExitCode.USAGE, "--format must be text or json");
    }
    out.flush();
    return r.equal() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
  }
}
