package dev.rrdvideo.cli;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.VideoChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rrdvideo check}: video-semantic checks with rule ids, for CI pipelines. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Check video rules and expectations, for CI (exit 6 when one fails).",
    description = {
      "Check the video in a recording or media file against rules a viewer and exporter rely on"
          + " (first-sample-keyframe, keyframe-label-matches-bitstream,"
          + " parameter-sets-on-keyframes, one-frame-per-sample, timestamps-monotonic,"
          + " timestamps-unique, codec-constant, resolution-constant, annexb-framing; for an"
          + " AssetVideo also frame-references-resolve: every VideoFrameReference names a"
          + " frame's presentation time) and"
          + " against expectations given as options. Rules are documented in docs/inspect.md.",
      "Exit code 0 when every rule passes, 6 when one fails, 3 for malformed input."
    },
    footer = {
      "",
      "Example: rrdvideo check camera.rrd --expect-codec h264 --max-gop 60 --junit check.xml"
    })
final class CheckCommand implements Callable<Integer> {
  @Mixin VideoInput input;

  @Option(
      names = "--expect-codec",
      paramLabel = "CODEC",
      description = "h264, h265, av1, vp8, vp9.")
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

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML here.")
  Path junit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String codec = null;
    if (expectCodec != null) {
      try {
        codec = VideoCodec.parse(expectCodec).shortName();
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
    }
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("text") && !fmt.equals("json")) {
      throw new CliException(ExitCode.USAGE, "--format must be text or json, not '" + format + "'");
    }
    if (maxGop != null && maxGop < 1) {
      throw new CliException(ExitCode.USAGE, "--max-gop must be at least 1 sample, not " + maxGop);
    }
    if (frames != null && frames < 0) {
      throw new CliException(ExitCode.USAGE, "--frames must be 0 or more, not " + frames);
    }
    checkFps("--min-fps", minFps);
    checkFps("--max-fps", maxFps);
    if (minFps != null && maxFps != null && minFps > maxFps) {
      throw new CliException(
          ExitCode.USAGE,
          "--min-fps "
              + number(minFps)
              + " is above --max-fps "
              + number(maxFps)
              + ": no stream could pass both");
    }
    // an absent option leaves its expectation absent (the rule is off)
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
    long gapNanos = maxGap == null ? 0 : parseDuration(maxGap);
    if (gapNanos > 0) {
      b.maxGapNanos(gapNanos);
    }
    if (frames != null) {
      b.frames(frames);
    }
    CheckOptions co = b.build();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VideoChecker checker = new VideoChecker(co);
    int streams;
    try (VideoInput.Opened in = input.open("checking")) {
      streams = in.scan(false, BitstreamAnalyzer::new, checker, err);
    }
    if (streams == 0 && checker.results().isEmpty()) {
      throw new CliException(
          ExitCode.CHECKS_FAILED, "no video streams to check in " + input.name());
    }
    String name = input.name();
    if (fmt.equals("json")) {
      Reports.checkJson(checker.results(), name, out);
    } else {
      Reports.checkText(checker.results(), name, out);
    }
    out.flush();
    if (junit != null) {
      try (AtomicOutput report = AtomicOutput.open(junit.toString(), true)) {
        Reports.checkJUnit(checker.results(), name, report.stream());
        report.commit();
      }
    }
    return checker.passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
  }

  private static void checkFps(String option, Double fps) {
    if (fps != null && !(fps > 0 && fps <= ConvertCommand.MAX_FPS)) {
      throw new CliException(
          ExitCode.USAGE,
          option + " must be a frame rate above 0 and at most 1000, not " + number(fps));
    }
  }

  /** A number as the user would write it: {@code 30}, {@code 29.97}. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Parses {@code 100ms}, {@code 1.5s}, {@code 2000000ns}, {@code 20us}, or plain seconds. */
  static long parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    double scale = 1e9;
    String num = t;
    if (t.endsWith("ns")) {
      scale = 1;
      num = t.substring(0, t.length() - 2);
    } else if (t.endsWith("us")) {
      scale = 1e3;
      num = t.substring(0, t.length() - 2);
    } else if (t.endsWith("ms")) {
      scale = 1e6;
      num = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      num = t.substring(0, t.length() - 1);
    }
    try {
      double v = Double.parseDouble(num);
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return Math.round(v * scale);
    } catch (NumberFormatException e) {
      throw new CliException(
          ExitCode.USAGE, "not a duration: '" + text + "' (try 100ms, 1.5s or 2000000ns)");
    }
  }
}
