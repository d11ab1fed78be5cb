package dev.rrdvideo.cli;

import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.inspect.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rrdvideo verify}: structural validation of a recording. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Check the structure of an .rrd file (framing, chunks, footer).",
    description = {
      "Check everything rrdvideo can check about an .rrd file: framing, store infos, chunk"
          + " schemas against Rerun's rules, video components, duplicate sample times, and the"
          + " footer manifest against the chunks in the file.",
      "Exit code 0 when there are no errors, 6 when there are, 3 when the file cannot be read."
    },
    footer = {"", "Example: rrdvideo verify recording.rrd --strict"})
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The .rrd file, or - for stdin.")
  String file;

  @Option(
      names = "--strict",
      description =
          "Fail (exit 6) on warnings too (infos, which valid Rerun files can have, never fail).")
  boolean strict;

  @Option(names = "--quiet", description = "Print nothing when the file passes.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    RrdVerifier.Report report;
    if (!Io.isDash(file)) {
      InputSniffer.requireRecording(java.nio.file.Path.of(file), Io.sourceName(file), false);
    }
    try (InputStream in = Io.openInput(file)) {
      report = RrdVerifier.verify(in, Io.sourceName(file));
    }
    for (RrdVerifier.Finding f : report.findings()) {
      out.println(f);
    }
    long errors = report.count(RrdVerifier.Severity.ERROR);
    long warnings = report.count(RrdVerifier.Severity.WARNING);
    long infos = report.count(RrdVerifier.Severity.INFO);
    boolean failed = !report.passes(strict);
    if (!quiet || failed) {
      String assets =
          report.assetBlobs() + report.frameReferences() == 0
              ? ""
              : ", "
                  + Reports.plural(report.assetBlobs(), "AssetVideo blob")
                  + ", "
                  + Reports.plural(report.frameReferences(), "frame reference");
      out.printf(
          "%s: %s: %s, %s, %s%s, %s, %s, %s%n",
          Io.sourceName(file),
          failed ? "FAILED" : "ok",
          Reports.plural(report.messages(), "message"),
          Reports.plural(report.chunks(), "chunk"),
          Reports.plural(report.samples(), "video sample"),
          assets,
          Reports.plural(errors, "error"),
          Reports.plural(warnings, "warning"),
          Reports.plural(infos, "info", "infos"));
    }
    out.flush();
    return failed ? ExitCode.CHECKS_FAILED : ExitCode.OK;
  }
}
