package dev.rrdvideo.cli;

import picocli.CommandLine.Option;

/**
 * The options of a command run on many files ({@link BatchInputs}) as a picocli mixin: which files
 * of the directories to take and how many to process at once.
 */
final class BatchOptions {
  /** The most workers {@code -j} takes. */
  static final int MAX_JOBS = 256;

  @Option(
      names = "--glob",
      paramLabel = "PATTERN",
      description =
          "In directories, only the files whose name matches (e.g. '*.rrd'; default: the files"
              + " the command reads).")
  String glob;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "With several files: how many to process at once (default: one per processor).")
  Integer jobs;

  /** Returns the number of workers: {@code -j}, or one per available processor. */
  int jobs() {
    if (jobs == null) {
      return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
    if (jobs < 1 || jobs > MAX_JOBS) {
      throw new CliException(
          ExitCode.USAGE, "-j must be 1 to " + MAX_JOBS + " files at once, not " + jobs);
    }
    return jobs;
  }

  /** Refuses (exit 2) the batch options for a run on one file, which they would not change. */
  void refuseForOneFile() {
    if (glob != null) {
      throw VideoInput.notHere(
          "--glob", "chooses files in directories (the input is one file, not a directory)");
    }
    if (jobs != null) {
      throw VideoInput.notHere("-j", "processes several files at once (the input is one file)");
    }
  }
}
