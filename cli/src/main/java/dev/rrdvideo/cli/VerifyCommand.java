package dev.rrdvideo.cli;

import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.inspect.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "The .rrd file, or - for stdin; several files, directories (their .rrd files) or @LIST"
              + " files (one path per line) for a batch.")
  List<String> files;

  @Mixin BatchOptions batchOptions;

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
    if (BatchInputs.isBatch(files)) {
      return batch(out, spec.commandLine().getErr());
    }
    batchOptions.refuseForOneFile();
    String file = files.get(0);
    int code = verify(file, Io.sourceName(file), "", out);
    out.flush();
    return code;
  }

  /**
   * Verifies one file: its findings, then (unless it passes with {@code --quiet}) a summary line
   * named {@code name}; every line starts with {@code prefix}. Returns 0 or 6.
   */
  private int verify(String file, String name, String prefix, PrintWriter out) throws IOException {
    RrdVerifier.Report report;
    if (!Io.isDash(file)) {
      InputSniffer.requireRecording(java.nio.file.Path.of(file), name, false);
    }
    try (InputStream in = Io.openInput(file)) {
      report = RrdVerifier.verify(in, name);
    }
    for (RrdVerifier.Finding f : report.findings()) {
      out.println(prefix + f);
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
          name,
          failed ? "FAILED" : "ok",
          Reports.plural(report.messages(), "message"),
          Reports.plural(report.chunks(), "chunk"),
          Reports.plural(report.samples(), "video sample"),
          assets,
          Reports.plural(errors, "error"),
          Reports.plural(warnings, "warning"),
          Reports.plural(infos, "info", "infos"));
    }
    return failed ? ExitCode.CHECKS_FAILED : ExitCode.OK;
  }

  /** What verifying one file of a batch printed, and whether it passed. */
  private static final class FileReport extends BatchRunner.Result {
    int code;
  }

  /**
   * Verifies the files of a batch with {@code -j} workers, in path order: each file's findings
   * (each line starting with its path) and summary line on stdout, a file that cannot be read as
   * {@code error: PATH: ...} on stderr, then a total; exits with the worst file's code.
   */
  private int batch(PrintWriter out, PrintWriter err) throws IOException {
    List<BatchInputs.Item> items =
        BatchInputs.expand(files, batchOptions.glob, BatchInputs.RECORDINGS);
    if (items.isEmpty()) {
      throw new CliException(
          ExitCode.IO,
          "no input files: "
              + String.join(" ", files)
              + " holds no .rrd file"
              + (batchOptions.glob == null
                  ? ""
                  : " whose name matches --glob '" + batchOptions.glob + "'"));
    }
    int[] worst = {ExitCode.OK};
    long[] tally = new long[3]; // ok, failed, unreadable
    BatchRunner.run(
        items,
        batchOptions.jobs(),
        item -> {
          FileReport r = new FileReport();
          try {
            if (item.failed()) {
              throw item.failure();
            }
            PrintWriter text =
                new PrintWriter(
                    new java.io.OutputStreamWriter(
                        r.data, java.nio.charset.StandardCharsets.UTF_8));
            r.code = verify(item.file().toString(), item.path(), item.path() + ": ", text);
            text.flush();
          } catch (Exception e) {
            r.fail(e);
          }
          return r;
        },
        (item, r) -> {
          r.printMessages(item.path(), err);
          int code = r.failure() != null ? r.exitCode() : r.code;
          if (r.failure() == null) {
            out.flush();
            try (InputStream in = r.data.open()) {
              new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)
                  .transferTo(out);
            }
            out.flush();
          }
          tally[r.failure() != null ? 2 : code == ExitCode.OK ? 0 : 1]++;
          worst[0] = BatchRunner.worse(worst[0], code);
        });
    err.printf(
        "verified %s: %d ok, %d failed, %d unreadable%n",
        Reports.plural(items.size(), "file"), tally[0], tally[1], tally[2]);
    err.flush();
    return worst[0];
  }
}
