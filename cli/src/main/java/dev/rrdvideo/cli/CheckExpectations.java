package dev.rrdvideo.cli;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.CheckOptions;
import picocli.CommandLine.Option;

/**
 * The expectation options of {@code rrdvideo check} as a picocli mixin, for the commands that run
 * the checks besides {@code check} itself ({@code report}): the same names, values and meaning.
 */
final class CheckExpectations {
  @Option(
      names = "--expect-codec",
      paramLabel = "CODEC",
      description = "Expect this codec: h264, h265, av1, vp8, vp9.")
  String expectCodec;

  @Option(names = "--max-gop", paramLabel = "N", description = "Longest allowed GOP in samples.")
  Long maxGop;

  @Option(names = "--min-fps", paramLabel = "FPS", description = "Lowest allowed mean frame rate.")
  Double minFps;

  @Option(names = "--max-fps", paramLabel = "FPS", description = "Highest allowed mean frame rate.")
  Double maxFps;

  @Option(names = "--no-bframes", description = "Fail on B-frames or reordered samples.")
  boolean noBFrames;

  @Option(
      names = "--max-gap",
      paramLabel = "DURATION",
      description = "Longest allowed gap between samples, e.g. 100ms, 1.5s, 2000000ns.")
  String maxGap;

  @Option(names = "--frames", paramLabel = "N", description = "Exact number of samples expected.")
  Long frames;

  /** Returns the expectations as the checker takes them; a bad value is a usage error. */
  CheckOptions toCheckOptions() {
    String codec = null;
    if (expectCodec != null) {
      try {
        codec = VideoCodec.parse(expectCodec).shortName();
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
    }
    if (maxGop != null && maxGop < 1) {
      throw new CliException(ExitCode.USAGE, "--max-gop must be at least 1 sample, not " + maxGop);
    }
    if (frames != null && frames < 0) {
      throw new CliException(ExitCode.USAGE, "--frames must be at least 0, not " + frames);
    }
    // an absent option leaves its expectation absent (the rule is off), as in check
    CheckOptions.Builder b = CheckOptions.builder().noBFrames(noBFrames);
    if (codec != null) {
      b.expectCodec(codec);
    }
    if (maxGop != null) {
      b.maxGopFrames(maxGop);
    }
    if (minFps != null) {
      b.minFps(minFps);
    }
    if (maxFps != null) {
      b.maxFps(maxFps);
    }
    long gapNanos = maxGap == null ? 0 : CheckCommand.parseDuration(maxGap);
    if (gapNanos > 0) {
      b.maxGapNanos(gapNanos);
    }
    if (frames != null) {
      b.frames(frames);
    }
    return b.build();
  }
}
