package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.GopTableWriter;
import dev.rrdvideo.inspect.ReferenceTableWriter;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.SampleColumns;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.inspect.TableWriter;
import dev.rrdvideo.inspect.VideoSummary;
import dev.rrdvideo.media.MediaKind;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rrdvideo inspect}: the per-sample table of every video stream in an input. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    header = "List a video's samples, GOPs or frame references, or summarize it.",
    description = {
      "Print one row per video sample: timing, size, keyframe flags (declared and from the"
          + " bitstream), frame type, NAL/OBU types, codec, resolution, GOP, chunk and offset."
          + " Columns are documented in docs/inspect.md (schema rrdvideo.samples/2)."
          + " AssetVideo entities are read from their MP4 blob (timeline 'AssetVideo track N');"
          + " --references lists their VideoFrameReference rows."
    },
    footer = {"", "Example: rrdvideo inspect recording.rrd --format csv -o samples.csv"})
final class InspectCommand implements Callable<Integer> {
  @Mixin VideoInput input;

  @Option(
      names = "--format",
      defaultValue = "pretty",
      paramLabel = "FORMAT",
      description = "pretty, csv, jsonl (or json) or arrow (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "-",
      paramLabel = "OUT",
      description = "Output file (default: stdout).")
  String output;

  @Option(names = "--hash", description = "Add a sha256 column (hash of each sample).")
  boolean hash;

  @Option(
      names = "--columns",
      paramLabel = "LIST",
      description =
          "Only these columns of the sample table, in this order (comma-separated, e.g."
              + " pts_ns,size_bytes,keyframe_declared); the bitstream is read only for"
              + " keyframe_bitstream, frame_type, nal_types, width, height and gop_index.")
  String columns;

  @Option(
      names = "--wide",
      description =
          "Every column in a pretty table on a terminal (by default the columns are chosen to fit"
              + " its width).")
  boolean wide;

  @Option(names = "--gops", description = "One row per GOP instead of one per sample.")
  boolean gops;

  @Option(
      names = "--references",
      description =
          "One row per VideoFrameReference (which AssetVideo it points at, its time and timestamp,"
              + " the frame the viewer shows for it) instead of one per sample.")
  boolean references;

  @Option(
      names = "--summary",
      description = "Per-stream summary (text, or JSON with --format json) instead of rows.")
  boolean summary;

  @Spec CommandSpec spec;

  /** The sample table's columns ({@code --columns}, or all of them). */
  private List<SampleColumns.Column> selected;

  @Override
  public Integer call() throws IOException {
    TableFormat fmt = checkOptions();
    PrintWriter err = spec.commandLine().getErr();
    if (input.batch()) {
      return batch(fmt, err);
    }
    try (VideoInput.Opened in = input.open("inspecting")) {
      if (references && in.kind() != MediaKind.RECORDING) {
        throw VideoInput.notHere(
            "--references",
            "lists the VideoFrameReference rows of a .rrd recording (the input is "
                + VideoInput.label(in.kind())
                + ")");
      }
      try (AtomicOutput out = AtomicOutput.open(output)) {
        int streams = write(in, fmt, new FailureGate(out.stream()), err);
        out.commit();
        if (streams == 0) {
          err.println("warning: no video streams in " + input.name());
        }
      }
    }
    return ExitCode.OK;
  }

  /**
   * Checks the options against each other before anything is read, and returns the format: an
   * option that would be ignored is a usage error that says why.
   */
  private TableFormat checkOptions() {
    TableFormat fmt;
    try {
      fmt = TableFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.USAGE,
          "unknown --format '" + format + "': expected pretty, csv, jsonl (or json) or arrow");
    }
    if ((summary ? 1 : 0) + (gops ? 1 : 0) + (references ? 1 : 0) > 1) {
      throw new CliException(
          ExitCode.USAGE,
          "--summary, --gops and --references are alternatives (a summary, one row per GOP, one"
              + " row per frame reference): give one");
    }
    String table = summary ? "--summary" : gops ? "--gops" : references ? "--references" : null;
    if (hash && table != null) {
      throw VideoInput.notHere(
          "--hash", "adds a sha256 column to the sample table, which " + table + " replaces");
    }
    if (columns != null && table != null) {
      throw VideoInput.notHere(
          "--columns", "selects columns of the sample table, which " + table + " replaces");
    }
    if (wide && fmt != TableFormat.PRETTY) {
      throw VideoInput.notHere(
          "--wide",
          "shows every column of a pretty table (--format "
              + format.toLowerCase(java.util.Locale.ROOT)
              + " always has every column)");
    }
    if (wide && summary) {
      throw VideoInput.notHere("--wide", "shows every column of a table, which --summary replaces");
    }
    if (wide && columns != null) {
      throw new CliException(
          ExitCode.USAGE, "--wide shows every column and --columns chooses them: give one");
    }
    if (columns != null) {
      try {
        selected = new ArrayList<>(SampleColumns.parse(columns));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--columns: " + e.getMessage());
      }
      if (hash && !selected.contains(SampleColumns.Column.SHA256)) {
        selected.add(SampleColumns.Column.SHA256);
      }
    } else {
      selected = SampleColumns.columns(hash);
    }
    if (summary && (fmt == TableFormat.CSV || fmt == TableFormat.ARROW)) {
      throw new CliException(
          ExitCode.USAGE,
          "--summary is text (--format pretty) or one JSON document (--format json), not "
              + format.toLowerCase(java.util.Locale.ROOT));
    }
    return fmt;
  }

  /** The width a pretty table fits: a terminal's, unless the columns were asked for; else 0. */
  private int width(TableFormat fmt) {
    return fmt == TableFormat.PRETTY
            && !wide
            && columns == null
            && Io.isDash(output)
            && Terminal.stdout()
        ? Terminal.width()
        : 0;
  }

  /** The rows (or summary) of one file of a batch, kept until its turn. */
  private static final class FileRows extends BatchRunner.Result {
    int streams;
  }

  /**
   * Inspects the files of a batch ({@link BatchInputs}) with {@code -j} workers into one table with
   * a leading {@code path} column (a summary: one block or JSON line per file), in path order; a
   * file that fails is reported on stderr ({@code error: PATH: ...}) and the others are written.
   * Exits with the worst file's code.
   */
  private int batch(TableFormat fmt, PrintWriter err) throws IOException {
    List<BatchInputs.Item> items = input.batchItems();
    if (items.isEmpty()) {
      throw new CliException(
          ExitCode.IO,
          "no input files: "
              + String.join(" ", input.files)
              + " holds no file inspect reads (.rrd, .mp4, .m4v, .mov, .ivf, .h264, .264, .avc,"
              + " .h265, .265, .hevc, .obu, .av1)"
              + (input.batchOptions.glob == null
                  ? ""
                  : " whose name matches --glob '" + input.batchOptions.glob + "'"));
    }
    int jobs = input.batchOptions.jobs();
    int[] worst = {ExitCode.OK};
    try (AtomicOutput out = AtomicOutput.open(output);
        Progress progress =
            Progress.start(
                err,
                "inspecting " + Reports.plural(items.size(), "file"),
                items.size(),
                Progress.Unit.FILES,
                input.options.quiet)) {
      PrintWriter messages = progress.err();
      OutputStream os = out.stream();
      if (summary) {
        Writer text = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        BatchRunner.run(
            items,
            jobs,
            item -> inspectOne(item, fmt, null),
            (item, r) -> {
              r.printMessages(item.path(), messages);
              if (r.failure() == null) {
                writeSummary(item.path(), r, fmt, text);
              }
              worst[0] = BatchRunner.worse(worst[0], r.exitCode());
              progress.add(1);
            });
        text.flush();
      } else {
        int width = width(fmt);
        BatchTables.Merged merged = new BatchTables.Merged(TableWriter.factory(fmt, os, width));
        Table table = table(merged.factory());
        BatchRunner.run(
            items,
            jobs,
            item -> inspectOne(item, fmt, table),
            (item, r) -> {
              r.printMessages(item.path(), messages);
              if (r.failure() == null) {
                merged.add(item.path(), r.data);
              }
              worst[0] = BatchRunner.worse(worst[0], r.exitCode());
              progress.add(1);
            });
        table.writer().close();
        noteLeftOut(table.leftOut().get(), width, messages);
      }
      out.commit();
    }
    return worst[0];
  }

  /** A table class (samples, GOPs or references), its writer and what it left out. */
  private record Table(
      java.io.Closeable writer,
      dev.rrdvideo.inspect.SampleListener listener,
      Supplier<List<String>> leftOut) {}

  /** The table this run writes ({@code --gops}, {@code --references} or samples) to {@code to}. */
  private Table table(TableWriter.Factory to) throws IOException {
    if (references) {
      ReferenceTableWriter w = new ReferenceTableWriter(to);
      return new Table(w::close, w, w::leftOut);
    }
    if (gops) {
      GopTableWriter w = new GopTableWriter(to);
      return new Table(w::close, w, w::leftOut);
    }
    SampleTableWriter w = new SampleTableWriter(selected, to);
    return new Table(w::close, w, w::leftOut);
  }

  /**
   * Inspects one file of a batch on a worker: its rows as cells ({@link BatchTables.Recorder}), or
   * its summary as text or JSON, in the result's buffer.
   *
   * @param merged the batch's table (for its kind), or null for a summary
   */
  private FileRows inspectOne(BatchInputs.Item item, TableFormat fmt, Table merged) {
    FileRows r = new FileRows();
    try {
      if (item.failed()) {
        throw item.failure();
      }
      VideoInput one = input.forItem(item);
      PrintWriter messages = r.messages();
      try (VideoInput.Opened in = one.open("inspecting")) {
        refuseReferences(in.kind());
        if (merged == null) {
          VideoSummary sum = new VideoSummary();
          r.streams = in.scan(false, BitstreamAnalyzer::new, sum, messages);
          writeSummary(sum, r.data, fmt);
        } else {
          Table t = table(BatchTables.recorder(r.data));
          boolean samples = !gops && !references;
          Supplier<SampleAnalyzer> analyzers =
              !samples || SampleColumns.needsBitstream(selected)
                  ? BitstreamAnalyzer::new
                  : () -> SampleAnalyzer.NONE;
          boolean hashed = samples && selected.contains(SampleColumns.Column.SHA256);
          r.streams = in.scan(hashed, analyzers, t.listener(), messages);
          t.writer().close();
        }
      }
      if (r.streams == 0) {
        messages.println("warning: no video streams in " + item.path());
      }
    } catch (Exception e) {
      r.fail(e);
    }
    return r;
  }

  /** Refuses --references for an input that is no recording. */
  private void refuseReferences(MediaKind kind) {
    if (references && kind != MediaKind.RECORDING) {
      throw VideoInput.notHere(
          "--references",
          "lists the VideoFrameReference rows of a .rrd recording (the input is "
              + VideoInput.label(kind)
              + ")");
    }
  }

  /**
   * Writes one file's summary in a batch: as text, a line {@code PATH:} and the file's summary
   * indented by two spaces; as JSON, one line: an object with {@code path} first, then the fields
   * of the file's summary document.
   */
  private static void writeSummary(String path, FileRows r, TableFormat fmt, Writer out)
      throws IOException {
    String text;
    try (java.io.InputStream in = r.data.open()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (fmt == TableFormat.JSONL) {
      com.fasterxml.jackson.core.JsonFactory json = new com.fasterxml.jackson.core.JsonFactory();
      try (com.fasterxml.jackson.core.JsonParser p = json.createParser(text);
          com.fasterxml.jackson.core.JsonGenerator g = json.createGenerator(out)) {
        g.configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        p.nextToken();
        g.writeStartObject();
        g.writeStringField(BatchTables.PATH, path);
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          g.copyCurrentStructure(p);
        }
        g.writeEndObject();
      }
      out.write('\n');
    } else {
      out.write(path + ":\n");
      for (String line : text.split("\n", -1)) {
        if (!line.isEmpty()) {
          out.write("  " + line + "\n");
        }
      }
    }
  }

  private int write(VideoInput.Opened in, TableFormat fmt, FailureGate out, PrintWriter err)
      throws IOException {
    Supplier<SampleAnalyzer> analyzer = BitstreamAnalyzer::new;
    // a pretty table on a terminal fits its width, unless the columns were asked for
    int width = width(fmt);
    int streams;
    if (summary) {
      VideoSummary sum = new VideoSummary();
      streams = in.scan(false, analyzer, sum, err);
      writeSummary(sum, out, fmt);
    } else if (references) {
      ReferenceTableWriter w = new ReferenceTableWriter(fmt, out, width);
      streams = scanInto(w, out, () -> in.scan(false, analyzer, w, err));
      noteLeftOut(w.leftOut(), width, err);
    } else if (gops) {
      GopTableWriter w = new GopTableWriter(fmt, out, width);
      streams = scanInto(w, out, () -> in.scan(false, analyzer, w, err));
      noteLeftOut(w.leftOut(), width, err);
    } else {
      // the bitstream is read (and the samples hashed) only for the columns that show it
      Supplier<SampleAnalyzer> needed =
          SampleColumns.needsBitstream(selected) ? analyzer : () -> SampleAnalyzer.NONE;
      boolean hashed = selected.contains(SampleColumns.Column.SHA256);
      SampleTableWriter w = new SampleTableWriter(fmt, selected, out, width);
      streams = scanInto(w, out, () -> in.scan(hashed, needed, w, err));
      noteLeftOut(w.leftOut(), width, err);
    }
    return streams;
  }

  /**
   * Says on stderr, in one line that fits too, that a pretty table hid columns to fit the terminal.
   */
  private static void noteLeftOut(List<String> leftOut, int width, PrintWriter err) {
    if (!leftOut.isEmpty()) {
      err.println(
          "("
              + Reports.plural(leftOut.size(), "column")
              + " hidden to fit "
              + width
              + " characters; --wide shows all)");
    }
  }

  /** A scan that feeds a table writer. */
  private interface Scan {
    int run() throws IOException;
  }

  /**
   * Runs {@code scan} and closes {@code writer}; when the scan fails, whatever the writer still
   * writes on closing is dropped (see {@link FailureGate}).
   */
  private static int scanInto(AutoCloseable writer, FailureGate gate, Scan scan)
      throws IOException {
    int streams;
    try {
      streams = scan.run();
    } catch (IOException | RuntimeException e) {
      gate.failed = true;
      try {
        writer.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
    return streams;
  }

  /**
   * Passes bytes through until the scan failed: then what the table writers write while they are
   * closed (a pretty table's header, an Arrow footer) is dropped, so that a failed run prints the
   * error alone, not the start of a table (a file output is discarded anyway).
   */
  private static final class FailureGate extends FilterOutputStream {
    boolean failed;

    FailureGate(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      if (!failed) {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!failed) {
        out.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (!failed) {
        out.flush();
      }
    }

    @Override
    public void close() {
      // the AtomicOutput owns the stream
    }
  }

  /** Writes the summary of a scan: text, or one JSON document for --format json. */
  private static void writeSummary(VideoSummary sum, OutputStream out, TableFormat fmt)
      throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    if (fmt == TableFormat.JSONL) {
      Reports.summaryJson(sum.streams(), sum.danglingReferences(), w);
    } else {
      PrintWriter pw = new PrintWriter(w);
      Reports.summaryText(sum.streams(), sum.danglingReferences(), pw);
      pw.flush();
    }
    w.flush();
  }
}
