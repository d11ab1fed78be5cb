package dev.rrdvideo.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the commands that scan videos ({@code inspect}, {@code check}, {@code report}) read an input
 * (picocli mixin): its type when the name does not tell, which entity and timeline of a recording
 * or track of an MP4, the damage policy ({@link ReadPolicy}), and whether to show a progress line.
 * {@link VideoInput} joins it to the input files; {@code report} takes it for each of its inputs.
 */
final class InputOptions {
  @Option(
      names = "--from",
      paramLabel = "TYPE",
      description =
          "Input type when neither the name nor the first bytes tell (raw streams on stdin):"
              + " rrd, mp4, ivf, h264, h265, obu.")
  String from;

  @Option(names = "--entity", paramLabel = "PATH", description = "Only this entity (.rrd input).")
  String entity;

  @Option(
      names = "--timeline",
      paramLabel = "NAME",
      description = "Read times from this timeline (.rrd input).")
  String timeline;

  @Option(
      names = "--track",
      paramLabel = "ID",
      description = "MP4 track id (MP4 input; default: the first video track).")
  Long track;

  @Mixin ReadPolicy readPolicy;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress line on stderr (it shows only on a terminal anyway).")
  boolean quiet;

  /** Returns the same options, with a damage policy of its own (it counts one input's problems). */
  InputOptions copy() {
    InputOptions c = new InputOptions();
    c.from = from;
    c.entity = entity;
    c.timeline = timeline;
    c.track = track;
    c.readPolicy = readPolicy.copy();
    c.quiet = quiet;
    return c;
  }
}
