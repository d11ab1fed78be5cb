package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.report.HtmlReport;
import dev.rrdvideo.inspect.report.InputReport;
import dev.rrdvideo.inspect.report.ReportCollector;
import dev.rrdvideo.inspect.report.ReportOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rrdvideo report}: one self-contained HTML file with, per video stream of each input, the
 * summary, the check results and charts (library: {@link dev.rrdvideo.inspect.report}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header = "Write a self-contained HTML report: charts, checks, thumbnails.",
    description = {
      "Write a visual report of the video in one or more recordings or media files: one"
          + " self-contained HTML file (inline SVG charts and PNG thumbnails, no script, nothing"
          + " loaded from elsewhere) with, per stream, the facts of inspect --summary, the results"
          + " of check (the same rules and expectation options), and charts of frame interval,"
          + " sample size with keyframes, bitrate and GOP length over presentation time, with"
          + " thumbnails of a few H.264 keyframes. Documented in docs/report.md.",
      "Exit code 0 when the report is written (with --fail-on-check: 6 when a check fails),"
          + " 3 for malformed input (and no report)."
    },
    footer = {"", "Example: rrdvideo report camera.rrd clip.mp4 -o report.html --max-gap 100ms"})
final class ReportCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = "Recordings, MP4, IVF or raw .h264/.h265/.obu streams (- for stdin, once).")
  List<String> inputs;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "The HTML file to write (- for stdout).")
  String output;

  @Mixin InputOptions inputOptions;

  @Option(
      names = "--thumbnails",
      paramLabel = "N",
      defaultValue = "" + ReportOptions.DEFAULT_THUMBNAILS,
      description =
          "Keyframe thumbnails per H.264 stream, 0 to "
              + ReportOptions.MAX_THUMBNAILS
              + " (default: ${DEFAULT-VALUE}).")
  int thumbnails;

  @Option(
      names = "--fail-on-check",
      description = "Exit with 6 when a check fails, as check does (the report is written).")
  boolean failOnCheck;

  @Mixin CheckExpectations expectations;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (thumbnails < 0 || thumbnails > ReportOptions.MAX_THUMBNAILS) {
      throw new CliException(
          ExitCode.USAGE,
          "--thumbnails must be 0 to " + ReportOptions.MAX_THUMBNAILS + ", not " + thumbnails);
    }
    if (inputs.stream().filter(Io::isDash).count() > 1) {
      throw new CliException(ExitCode.USAGE, "standard input (-) can be given once only");
    }
    ReportOptions options = new ReportOptions(expectations.toCheckOptions(), thumbnails);
    PrintWriter err = spec.commandLine().getErr();
    boolean passed = true;
    try (AtomicOutput out = AtomicOutput.open(output)) {
      List<InputReport> reports = new ArrayList<>();
      for (String arg : inputs) {
        InputReport r = scan(arg, options, err);
        passed &= r.passed();
        reports.add(r);
      }
      Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8);
      HtmlReport.write(reports, options, w);
      w.flush();
      out.commit();
    }
    return failOnCheck && !passed ? ExitCode.CHECKS_FAILED : ExitCode.OK;
  }

  /**
   * Scans one input the way {@code inspect} and {@code check} do ({@link VideoInput}: its kind, the
   * options that do not apply to it refused, a progress line) into a report.
   */
  private InputReport scan(String arg, ReportOptions options, PrintWriter err) throws IOException {
    VideoInput input = new VideoInput();
    input.files = List.of(arg);
    input.options = inputOptions.copy();
    try (VideoInput.Opened in = input.open("reporting on")) {
      ReportCollector collector = new ReportCollector(options);
      int streams = in.scan(collector.scanOptions(), collector, err);
      if (streams == 0) {
        err.println("warning: no video streams in " + input.name());
      }
      return collector.report(input.name(), in.sizeBytes());
    }
  }
}
