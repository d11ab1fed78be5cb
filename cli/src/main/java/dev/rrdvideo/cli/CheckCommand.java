package dev.rrdvideo.cli;

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

  @Mixin CheckExpectations expectations;

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
    CheckOptions co = expectations.toCheckOptions();
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("text") && !fmt.equals("json")) {
      throw new CliException(ExitCode.USAGE, "--format must be text or json, not '" + format + "'");
    }
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
