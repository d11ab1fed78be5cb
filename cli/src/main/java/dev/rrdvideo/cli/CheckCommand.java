package dev.rrdvideo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.VideoChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
    if (input.batch()) {
      return batch(co, fmt, out, err);
    }
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

  /** The check results of one file of a batch. */
  private static final class FileChecks extends BatchRunner.Result {
    List<CheckResult> results = List.of();
    boolean noStreams;
  }

  /**
   * Checks the files of a batch ({@link BatchInputs}) with {@code -j} workers, in path order: on
   * stdout each file's report as {@code check FILE} writes it (text), or one JSON document with a
   * list of files; on stderr one line per file (its verdict, or its error) and a total; with {@code
   * --junit}, one report with a test suite per file. A file that cannot be read never hides the
   * others. Exits with the worst outcome: 3, 4 or 5 when a file could not be read, else 6 when a
   * check failed.
   */
  private int batch(CheckOptions co, String fmt, PrintWriter out, PrintWriter err)
      throws IOException {
    List<BatchInputs.Item> items = input.batchItems();
    if (items.isEmpty()) {
      throw new CliException(
          ExitCode.IO, "no input files: " + String.join(" ", input.files) + " holds no video file");
    }
    int[] worst = {ExitCode.OK};
    long[] tally = new long[3]; // passed, failed, unreadable
    BatchJUnit report = junit == null ? null : new BatchJUnit();
    JsonGenerator json = null;
    if (fmt.equals("json")) {
      json = new JsonFactory().createGenerator(out);
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeArrayFieldStart("files");
    }
    JsonGenerator g = json;
    try (Progress progress =
        Progress.start(
            err,
            "checking " + Reports.plural(items.size(), "file"),
            items.size(),
            Progress.Unit.FILES,
            input.options.quiet)) {
      PrintWriter messages = progress.err();
      BatchRunner.run(
          items,
          input.batchOptions.jobs(),
          item -> checkOne(item, co),
          (item, r) -> {
            String path = item.path();
            r.printMessages(path, messages); // an unreadable file: its error line is its tally
            int code = r.exitCode();
            if (r.failure() != null) {
              tally[2]++;
              if (report != null) {
                report.unreadable(path, BatchRunner.failureMessage(path, r.failure()), code);
              }
              if (g != null) {
                g.writeStartObject();
                g.writeStringField("path", path);
                g.writeBooleanField("passed", false);
                g.writeObjectFieldStart("error");
                g.writeNumberField("exit_code", code);
                g.writeStringField("message", BatchRunner.failureMessage(path, r.failure()));
                g.writeEndObject();
                g.writeEndObject();
              }
            } else if (r.noStreams) {
              tally[1]++;
              code = ExitCode.CHECKS_FAILED;
              String why = "no video streams to check";
              messages.println(path + ": checks FAILED (" + why + ")");
              if (report != null) {
                report.failed(path, "video-streams", why);
              }
              if (g != null) {
                g.writeStartObject();
                g.writeStringField("path", path);
                g.writeBooleanField("passed", false);
                g.writeArrayFieldStart("results");
                g.writeEndArray();
                g.writeStringField("message", why);
                g.writeEndObject();
              }
            } else {
              boolean passed =
                  r.results.stream().noneMatch(c -> c.status() == CheckResult.Status.FAIL);
              code = passed ? ExitCode.OK : ExitCode.CHECKS_FAILED;
              tally[passed ? 0 : 1]++;
              java.io.StringWriter text = new java.io.StringWriter();
              Reports.checkText(r.results, path, new PrintWriter(text));
              String verdict = lastLine(text.toString());
              messages.println(verdict);
              if (report != null) {
                report.checked(path, r.results);
              }
              if (g != null) {
                writeFileJson(g, path, r.results);
              } else {
                out.print(text);
                out.flush();
              }
            }
            worst[0] = BatchRunner.worse(worst[0], code);
            progress.add(1);
          });
      if (g != null) {
        g.writeEndArray();
        g.writeBooleanField("passed", tally[1] == 0 && tally[2] == 0);
        g.writeNumberField("files_total", items.size());
        g.writeNumberField("files_passed", tally[0]);
        g.writeNumberField("files_failed", tally[1]);
        g.writeNumberField("files_unreadable", tally[2]);
        g.writeEndObject();
        g.flush();
        out.println();
        out.flush();
      }
      messages.printf(
          "checked %s: %d passed, %d failed, %d unreadable%n",
          Reports.plural(items.size(), "file"), tally[0], tally[1], tally[2]);
      if (report != null) {
        try (AtomicOutput o = AtomicOutput.open(junit.toString(), true)) {
          report.finish(o.stream());
          o.commit();
        }
      }
    } finally {
      if (report != null) {
        report.discard();
      }
    }
    return worst[0];
  }

  /** Checks one file of a batch on a worker. */
  private FileChecks checkOne(BatchInputs.Item item, CheckOptions co) {
    FileChecks r = new FileChecks();
    try {
      if (item.failed()) {
        throw item.failure();
      }
      VideoChecker checker = new VideoChecker(co);
      int streams;
      try (VideoInput.Opened in = input.forItem(item).open("checking")) {
        streams = in.scan(false, BitstreamAnalyzer::new, checker, r.messages());
      }
      r.results = checker.results();
      r.noStreams = streams == 0 && r.results.isEmpty();
    } catch (Exception e) {
      r.fail(e);
    }
    return r;
  }

  /**
   * Writes a checked file of a batch: {@code path}, then the fields of {@code check FILE --format
   * json}'s document but its {@code input}.
   */
  private static void writeFileJson(JsonGenerator g, String path, List<CheckResult> results)
      throws IOException {
    java.io.StringWriter doc = new java.io.StringWriter();
    Reports.checkJson(results, path, doc);
    g.writeStartObject();
    g.writeStringField("path", path);
    try (JsonParser p = new JsonFactory().createParser(doc.toString())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if (p.currentName().equals("input")) {
          p.nextToken();
          p.skipChildren();
        } else {
          g.copyCurrentStructure(p);
        }
      }
    }
    g.writeEndObject();
  }

  private static String lastLine(String text) {
    String t = text.stripTrailing();
    return t.substring(t.lastIndexOf('\n') + 1);
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
