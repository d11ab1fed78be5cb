package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.DiffOptions;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.VideoDiff;
import dev.rrdvideo.media.MediaKind;
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
    header = "Compare two videos sample by sample, across formats.",
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
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("text") && !fmt.equals("json")) {
      throw new CliException(ExitCode.USAGE, "--format must be text or json, not '" + format + "'");
    }
    VideoDiff.Result r;
    try (Inputs.Local la = Inputs.local(a);
        Inputs.Local lb = Inputs.local(b)) {
      requireRecording("--entity-a", entityA, la, a);
      requireRecording("--entity-b", entityB, lb, b);
      for (Inputs.Local l : new Inputs.Local[] {la, lb}) {
        if (MediaKind.detect(l.path()).orElse(null) == MediaKind.MP4) {
          InputSniffer.requireMp4(l.path(), String.valueOf(l.path().getFileName()), false);
        }
      }
      DiffOptions.Builder options = DiffOptions.builder();
      if (entityA != null) {
        options.entityA(OptionValues.entityPath("--entity-a", entityA));
      }
      if (entityB != null) {
        options.entityB(OptionValues.entityPath("--entity-b", entityB));
      }
      r = VideoDiff.compare(la.path(), lb.path(), options.build());
    }
    if (fmt.equals("json")) {
      Reports.diffJson(r, out);
    } else {
      Reports.diffText(r, out);
    }
    out.flush();
    return r.equal() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
  }

  /** {@code --entity-a/b} chooses an entity of a recording: refused for any other input. */
  private static void requireRecording(String option, String entity, Inputs.Local in, String arg)
      throws IOException {
    if (entity == null) {
      return;
    }
    MediaKind kind = MediaKind.detect(in.path()).orElse(null);
    if (kind != null && kind != MediaKind.RECORDING) {
      throw VideoInput.notHere(
          option,
          "chooses an entity of a .rrd recording ("
              + Io.sourceName(arg)
              + " is "
              + VideoInput.label(kind)
              + ")");
    }
  }
}
