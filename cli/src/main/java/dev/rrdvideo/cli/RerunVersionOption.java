package dev.rrdvideo.cli;

import dev.rrdvideo.format.RerunTarget;
import picocli.CommandLine.Option;

/**
 * {@code --rerun-version X.Y}: the Rerun release a written recording is for (picocli mixin of every
 * command that writes a recording). docs/rerun-versions.md lists what changes per release.
 */
final class RerunVersionOption {
  @Option(
      names = "--rerun-version",
      paramLabel = "X.Y",
      description =
          "Write for this Rerun release, 0.24 to 0.36 (default: 0.33): version stamp, store info,"
              + " end of stream and chunk schema version as that release writes them. A"
              + " VideoStream codec it lacks is refused (exit 4); AssetVideo plays in all."
              + " See docs/rerun-versions.md.")
  String rerunVersion;

  /** Returns the target, or a usage error (exit 2) naming the accepted range. */
  RerunTarget target() {
    return parse(rerunVersion, "--rerun-version");
  }

  /** Parses {@code text} (null: the default) given with {@code option}. */
  static RerunTarget parse(String text, String option) {
    if (text == null) {
      return RerunTarget.DEFAULT;
    }
    try {
      return RerunTarget.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, option + ": " + e.getMessage());
    }
  }
}
