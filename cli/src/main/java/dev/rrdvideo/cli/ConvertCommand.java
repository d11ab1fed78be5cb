package dev.rrdvideo.cli;

import dev.rrdvideo.convert.ConvertInput;
import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ConvertOutput;
import dev.rrdvideo.convert.ConvertResult;
import dev.rrdvideo.convert.ConvertWarning;
import dev.rrdvideo.convert.ConvertedVideo;
import dev.rrdvideo.convert.Converter;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rrdvideo convert}: video files to and from recordings, without re-encoding. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    header = "Convert MP4 and raw video streams to and from .rrd (no re-encoding).",
    description = {
      "Convert between video files and Rerun recordings without re-encoding. The direction"
          + " comes from the file types:",
      "  MP4 (H.264, H.265, AV1, VP8, VP9) -> .rrd as a VideoStream (default) or an AssetVideo"
          + " (--mode asset); B-frames need --mode asset or --transcode.",
      "  .rrd -> MP4 (a VideoStream is muxed; an AssetVideo is written out unchanged).",
      "  .h264/.h265 (Annex B), .obu (AV1), .ivf (VP8/VP9/AV1) <-> .rrd; raw streams take"
          + " --fps or --timestamps.",
      "  .rrd -> .rrd with --mode stream|asset: switch video entities between VideoStream and"
          + " AssetVideo, other entities copied unchanged.",
      "The output is written to a temporary file and renamed only on success.",
      "With - as OUT and --connect URL the recording is pushed to a running message proxy (rerun"
          + " --serve-grpc, a viewer, rrdvideo serve) as it is converted, instead of written."
    },
    footer = {"", "Example: rrdvideo convert clip.mp4 clip.rrd --entity /camera --timeline video"})
final class ConvertCommand implements Callable<Integer> {
  /** The entity name of a video read from stdin when no --entity is given. */
  static final String STDIN_ENTITY = "video";

  /** The highest --fps accepted. */
  static final double MAX_FPS = 1000;

  @Parameters(
      index = "0",
      paramLabel = "IN",
      description = "Input file, or - for stdin; a directory converts every video file under it.")
  String input;

  @Parameters(
      index = "1",
      paramLabel = "OUT",
      description =
          "Output file, or - for stdout; for a directory IN, the directory of the outputs (the"
              + " same tree).")
  String output;

  @picocli.CommandLine.Mixin BatchOptions batchOptions;

  @Option(
      names = "--force",
      description =
          "With a directory: convert also the files whose output is newer than the input (by"
              + " default they are skipped).")
  boolean force;

  /** A file of a directory conversion: no progress line of its own. */
  private boolean inBatch;

  @Option(
      names = "--mode",
      defaultValue = "stream",
      paramLabel = "MODE",
      description = "stream (VideoStream, default) or asset (AssetVideo + frame references).")
  String mode;

  @Option(names = "--entity", paramLabel = "PATH", description = "Entity path (default: /FILE).")
  String entity;

  @Option(
      names = "--timeline",
      defaultValue = "video",
      paramLabel = "NAME",
      description = "Timeline name (default: ${DEFAULT-VALUE}).")
  String timeline;

  @Option(
      names = "--timeline-type",
      defaultValue = "duration",
      paramLabel = "TYPE",
      description = "duration (ns, default), timestamp (ns) or sequence (frame numbers).")
  String timelineType;

  @Option(
      names = "--track",
      paramLabel = "ID",
      description = "MP4 track id (default: first video).")
  Long track;

  @Option(
      names = "--edit-list",
      defaultValue = "apply",
      paramLabel = "POLICY",
      description =
          "apply (default: times as players show them) or shift (ignore edits, first frame at 0,"
              + " like Rerun's MP4 reader).")
  String editList;

  @Option(
      names = "--fps",
      defaultValue = "30",
      paramLabel = "FPS",
      description =
          "Frame rate of inputs without timestamps (elementary streams) and of sequence timelines"
              + " on export (default: ${DEFAULT-VALUE}).")
  double fps;

  @Option(
      names = "--timestamps",
      paramLabel = "FILE",
      description =
          "Sample times for raw streams: one per line, integer nanoseconds or a number with a"
              + " unit (ns, us, ms, s).")
  Path timestamps;

  @Option(
      names = "--timestamps-out",
      paramLabel = "FILE",
      description = "With a raw-stream output: also write the sample times (ns, one per line).")
  String timestampsOut;

  @Option(
      names = "--transcode",
      description =
          "MP4 with B-frames: re-encode without B-frames with ffmpeg (lossy) instead of refusing.")
  boolean transcode;

  @Option(names = "--no-footer", description = "Write no footer index.")
  boolean noFooter;

  @Option(
      names = "--compression",
      defaultValue = "AUTO",
      description =
          "Chunk compression for .rrd output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  dev.rrdvideo.format.Compression compression;

  @Option(
      names = "--application-id",
      defaultValue = "rrdvideo",
      paramLabel = "ID",
      description = "Application id of the recording (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--recording-id", paramLabel = "ID", description = "Recording id (default: new).")
  String recordingId;

  @Option(
      names = "--from",
      paramLabel = "TYPE",
      description =
          "Input type when the name does not tell (needed for - on stdin): rrd, mp4, h264, h265,"
              + " ivf, obu.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TYPE",
      description =
          "Output type when the name does not tell (needed for - on stdout): rrd, mp4, h264, h265,"
              + " ivf, obu.")
  String to;

  @Option(
      names = "--connect",
      paramLabel = "URL",
      description =
          "With - as OUT: push the recording to a running message proxy (rerun --serve-grpc, a"
              + " viewer, rrdvideo serve) instead of writing it, e.g."
              + " rerun+http://127.0.0.1:9876/proxy.")
  String connect;

  @picocli.CommandLine.Mixin RerunVersionOption rerunVersion;

  @picocli.CommandLine.Mixin ReadPolicy readPolicy;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress line and no summary line on stderr (warnings and errors stay).")
  boolean quiet;

  @Spec CommandSpec spec;

  /** Where warnings go during the conversion (stderr, past the progress line). */
  private PrintWriter messages;

  /**
   * With --connect: what was pushed where, once the output is committed (not a LivePush field:
   * picocli's reflection would load that class in every conversion).
   */
  private java.util.function.Supplier<String> pushed;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!(fps > 0) || fps > MAX_FPS) {
      throw new CliException(
          ExitCode.USAGE,
          "--fps must be a frame rate above 0 and at most "
              + (long) MAX_FPS
              + ", not "
              + (fps == Math.rint(fps) && Math.abs(fps) < 1e15
                  ? Long.toString((long) fps)
                  : Double.toString(fps)));
    }
    recordingOptions(); // validates the options before anything is opened
    if (!Io.isDash(input) && Files.isDirectory(Path.of(input))) {
      return new ConvertTree(this).run(err);
    }
    batchOptions.refuseForOneFile();
    if (force) {
      throw VideoInput.notHere(
          "--force",
          "converts again the files of a directory whose output is newer (the input is one file,"
              + " always converted)");
    }
    return convertFile(err);
  }

  /**
   * Returns this command for one file of a directory conversion: the same options, {@code in} to
   * {@code out}, its own damage policy, no progress line.
   */
  ConvertCommand forFile(String in, String out) {
    ConvertCommand c = new ConvertCommand();
    c.input = in;
    c.output = out;
    c.mode = mode;
    c.entity = entity;
    c.timeline = timeline;
    c.timelineType = timelineType;
    c.track = track;
    c.editList = editList;
    c.fps = fps;
    c.timestamps = timestamps;
    c.timestampsOut = timestampsOut;
    c.transcode = transcode;
    c.noFooter = noFooter;
    c.compression = compression;
    c.applicationId = applicationId;
    c.recordingId = recordingId;
    c.from = from;
    c.to = to;
    c.rerunVersion = rerunVersion;
    c.readPolicy = readPolicy.copy();
    c.quiet = quiet;
    c.spec = spec;
    c.batchOptions = batchOptions;
    c.inBatch = true;
    return c;
  }

  /** Converts {@code input} to {@code output}, one file (as {@code convert IN OUT} does). */
  int convertFile(PrintWriter err) throws IOException {
    MediaKind in = from != null ? parseKind(from, "--from") : kindOf(input, true);
    MediaKind out =
        connect != null
            ? connectedOutput()
            : to != null ? parseKind(to, "--to") : kindOf(output, false);
    checkOptionsApply(in, out);
    long total =
        !Io.isDash(input) && Files.isRegularFile(Path.of(input)) ? Files.size(Path.of(input)) : -1;
    try (Progress progress =
        Progress.start(
            err,
            "converting " + Io.sourceName(input),
            total,
            Progress.Unit.BYTES,
            quiet || inBatch)) {
      messages = progress.err();
      int code = convert(in, out, messages, progress);
      if (pushed != null && !quiet) {
        messages.println(pushed.get());
      }
      return code;
    }
  }

  /**
   * {@code --connect}: checks that OUT is {@code -} and the URL a proxy URL (exit 2 otherwise), and
   * returns the kind pushed: a recording.
   */
  private MediaKind connectedOutput() {
    if (!Io.isDash(output)) {
      throw new CliException(
          ExitCode.USAGE,
          "--connect pushes the recording to a proxy instead of writing it: give - as OUT"
              + " (rrdvideo convert IN - --connect URL), or convert to a file and push it with"
              + " rrdvideo serve FILE --connect URL");
    }
    if (to != null && parseKind(to, "--to") != MediaKind.RECORDING) {
      throw new CliException(
          ExitCode.USAGE, "--connect pushes a recording: --to must be rrd, not '" + to + "'");
    }
    LivePush.checkUrl(connect);
    return MediaKind.RECORDING;
  }

  /**
   * The output: {@code OUT} (a file written atomically, or stdout), or with --connect the stream
   * that pushes to the proxy (connected here, once the input was found readable).
   */
  private AtomicOutput openOutput() throws IOException {
    if (connect == null) {
      return AtomicOutput.open(output);
    }
    LivePush push =
        LivePush.open(
            connect,
            RrdWriteOptions.builder()
                .target(rerunVersion.target())
                .compression(compression)
                .emitFooter(false)
                .build(),
            quiet ? null : messages);
    pushed = push::summary;
    return push.output();
  }

  /** The output stream, counted by the progress line (the input's size is its total). */
  private static java.io.OutputStream sink(Progress progress, AtomicOutput target) {
    return progress.counting(target.stream());
  }

  private int convert(MediaKind in, MediaKind out, PrintWriter err, Progress progress)
      throws IOException {
    if (in == null || out == null || !Converter.supports(in, out)) {
      throw new UnsupportedFeatureException(
          "converting "
              + label(in)
              + " to "
              + label(out)
              + " is not supported (supported: MP4, .h264,"
              + " .h265, .ivf, .obu to .rrd; .rrd to MP4, .h264, .h265, .ivf, .obu; .rrd to .rrd"
              + " with --mode stream|asset)",
          null,
          -1);
    }
    if (in == MediaKind.MP4) {
      try (Inputs.Local local = localInput(in);
          AtomicOutput target = openOutput()) {
        Path source = local.path();
        Path transcoded = null;
        try {
          if (transcode) {
            transcoded = TempFiles.create("rrdvideo-transcode-", ".mp4");
            source = transcodeIfReordered(source, transcoded, err);
          }
          ConvertResult r =
              Converter.convert(
                  ConvertInput.file(source, in),
                  ConvertOutput.stream(sink(progress, target), out),
                  mediaOptions());
          target.commit();
          report(err, r);
        } finally {
          if (transcoded != null) {
            TempFiles.delete(transcoded);
          }
        }
      }
      return ExitCode.OK;
    }
    if (in != MediaKind.RECORDING) { // an elementary stream
      ConvertOptions options = mediaOptions();
      if (timestamps != null) {
        options = options.toBuilder().timestampsNanos(readTimestamps(timestamps)).build();
      }
      try (InputStream is = Io.openInput(input);
          AtomicOutput target = openOutput()) {
        ConvertResult r =
            Converter.convert(
                ConvertInput.stream(is, in, Io.sourceName(input)),
                ConvertOutput.stream(sink(progress, target), out),
                options);
        target.commit();
        report(err, r);
      }
      return ExitCode.OK;
    }
    try (Inputs.Local local = localInput(in);
        AtomicOutput target = openOutput();
        AtomicOutput times = timestampsOut == null ? null : AtomicOutput.open(timestampsOut)) {
      ConvertOutput o = ConvertOutput.stream(sink(progress, target), out);
      ConvertResult r =
          Converter.convert(
              ConvertInput.file(local.path(), in),
              times == null ? o : o.withTimestamps(times.stream()),
              recordingOptions());
      if (out == MediaKind.RECORDING) {
        report(err, r); // as each entity was converted, then the file is complete
        target.commit();
      } else {
        target.commit();
        if (times != null) {
          times.commit();
        }
        if (out == MediaKind.MP4) {
          for (ConvertedVideo v : r.videos()) {
            if (v.codec().isEmpty() && !Io.isDash(output) && !quiet) {
              // an AssetVideo: its MP4 blob, written out byte for byte (no codec: not demuxed)
              err.printf(
                  "wrote the AssetVideo blob of %s to %s byte for byte%n", v.entity(), output);
            }
          }
        }
        report(err, r);
      }
      if (!out.isElementaryStream()) {
        readPolicy.reportLoss(Io.sourceName(input), Files.size(local.path()), err);
      }
    }
    return ExitCode.OK;
  }

  /**
   * Refuses (exit 2, saying why) every option given that this conversion would ignore, so that an
   * option never silently does nothing.
   */
  private void checkOptionsApply(MediaKind in, MediaKind out) {
    boolean rawIn =
        in == MediaKind.ANNEXB_H264 || in == MediaKind.ANNEXB_H265 || in == MediaKind.OBU;
    boolean rawOut =
        out == MediaKind.ANNEXB_H264 || out == MediaKind.ANNEXB_H265 || out == MediaKind.OBU;
    String input = "the input is " + label(in);
    String output = "the output is " + label(out);
    requireApplies(
        "--transcode",
        in == MediaKind.MP4,
        "applies to MP4 inputs only ("
            + input
            + "); to re-encode a recording's AssetVideo,"
            + " export it to MP4 first: rrdvideo convert IN.rrd video.mp4, then rrdvideo convert"
            + " video.mp4 OUT.rrd --transcode");
    requireApplies("--track", in == MediaKind.MP4, "chooses an MP4 track (" + input + ")");
    requireApplies("--edit-list", in == MediaKind.MP4, "applies to MP4 edit lists (" + input + ")");
    requireApplies(
        "--timestamps",
        rawIn,
        "gives the times of a raw .h264/.h265/.obu stream ("
            + input
            + (in == MediaKind.IVF ? ", which has its own frame times" : "")
            + ")");
    requireApplies(
        "--fps",
        rawIn || in == MediaKind.RECORDING,
        "is the frame rate of raw streams without times and of sequence timelines on export ("
            + input
            + (in == MediaKind.IVF ? ", which has its own frame times" : "")
            + ")");
    if (given("--fps") && given("--timestamps")) {
      throw new CliException(
          ExitCode.USAGE, "--fps and --timestamps both set the sample times: give one of them");
    }
    requireApplies(
        "--timestamps-out",
        in == MediaKind.RECORDING && (rawOut || out == MediaKind.IVF),
        "writes the times of a raw-stream export (" + output + ")");
    requireApplies(
        "--salvage", in == MediaKind.RECORDING, "reads damaged recordings (" + input + ")");
    requireApplies(
        "--no-footer",
        connect == null,
        "leaves out the footer index of a file; a recording pushed with --connect has none");
    String rrdOnly = "shapes the recording written (" + output + ")";
    for (String o :
        new String[] {
          "--mode",
          "--timeline-type",
          "--compression",
          "--no-footer",
          "--application-id",
          "--recording-id",
          "--rerun-version",
        }) {
      requireApplies(o, out == MediaKind.RECORDING, rrdOnly);
    }
    if (rawIn && given("--mode") && !"stream".equalsIgnoreCase(mode)) {
      throw new CliException(
          ExitCode.USAGE,
          "--mode asset needs an MP4 (an AssetVideo is an MP4 file); a raw stream becomes a"
              + " VideoStream: mux it into an MP4 first (ffmpeg -i IN -c copy OUT.mp4)");
    }
  }

  /** Returns whether the option was given on the command line. */
  boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private void requireApplies(String option, boolean applies, String why) {
    if (!applies && given(option)) {
      throw new CliException(ExitCode.USAGE, option + " does not apply here: it " + why);
    }
  }

  /**
   * The input as a seekable file (stdin spooled), refused with a message that says what it is when
   * it is not the MP4 or recording its name or --from says.
   */
  private Inputs.Local localInput(MediaKind in) throws IOException {
    Inputs.Local local = Inputs.local(input);
    try {
      if (in == MediaKind.MP4) {
        InputSniffer.requireMp4(local.path(), Io.sourceName(input), true);
      } else if (in == MediaKind.RECORDING) {
        InputSniffer.requireRecording(local.path(), Io.sourceName(input), true);
      }
      return local;
    } catch (IOException | RuntimeException e) {
      local.close();
      throw e;
    }
  }

  /** Re-encodes {@code source} into {@code tmp} when it has B-frames; returns what to convert. */
  private Path transcodeIfReordered(Path source, Path tmp, PrintWriter err) throws IOException {
    try (Mp4Demuxer d = Mp4Demuxer.open(source)) {
      Mp4Track t = track == null ? d.videoTrack() : d.track(track).orElse(d.videoTrack());
      if (!t.sampleTable().hasReordering()) {
        return source;
      }
      err.println(
          "note: re-encoding " + Io.sourceName(input) + " without B-frames with ffmpeg (lossy)");
      FfmpegTranscoder.removeBFrames(source, tmp, t.codec());
      track = null;
      return tmp;
    }
  }

  /**
   * Reads one timestamp per line: integer nanoseconds, or a number with ns/us/ms/s; blank lines and
   * lines starting with {@code #} are skipped. Times must increase strictly (samples of a
   * VideoStream are in presentation order). A file that breaks this is malformed input (exit 3)
   * named with its line.
   */
  static long[] readTimestamps(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CliException(
          ExitCode.MALFORMED, file + ": not a text file of timestamps (invalid UTF-8)");
    }
    long[] out = new long[lines.size()];
    int n = 0;
    int previousLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      long t;
      try {
        t = parseTime(l);
      } catch (NumberFormatException e) {
        throw new CliException(
            ExitCode.MALFORMED,
            file
                + " line "
                + (i + 1)
                + ": not a time: '"
                + l
                + "' (expected e.g. 33366667, 33.4ms)");
      }
      if (n > 0 && t <= out[n - 1]) {
        throw new CliException(
            ExitCode.MALFORMED,
            file
                + " line "
                + (i + 1)
                + ": time "
                + t
                + " ns is not after "
                + out[n - 1]
                + " ns on line "
                + previousLine
                + " (times must increase)");
      }
      out[n++] = t;
      previousLine = i + 1;
    }
    if (n == 0) {
      throw new CliException(ExitCode.MALFORMED, file + ": no timestamps in the file");
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Parses one time to nanoseconds; throws NumberFormatException if it is not one. */
  static long parseTime(String t) {
    String s = t.toLowerCase(Locale.ROOT);
    double scale = 1;
    if (s.endsWith("ns")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("us")) {
      scale = 1e3;
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("ms")) {
      scale = 1e6;
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("s")) {
      scale = 1e9;
      s = s.substring(0, s.length() - 1);
    }
    s = s.strip();
    if (scale == 1 && !s.contains(".") && !s.contains("e")) {
      return Long.parseLong(s);
    }
    double v = Double.parseDouble(s) * scale;
    // 2^63 ns is about 292 years; anything outside a long (or NaN) is not a time
    if (!(Math.abs(v) < 9.2e18)) {
      throw new NumberFormatException("out of range: " + t);
    }
    return Math.round(v);
  }

  private void report(PrintWriter err, ConvertResult result) {
    for (ConvertedVideo r : result.videos()) {
      for (ConvertWarning w : r.warnings()) {
        err.println("warning: " + w);
      }
      if ((Io.isDash(output) && connect == null) || r.codec().isEmpty() || quiet) {
        continue;
      }
      // concatenated, not printf: a %d makes Formatter load the locale's number symbols, ~5 ms
      err.print(
          "converted "
              + r.samples()
              + " "
              + r.codec().get().shortName()
              + " "
              + (r.samples() == 1 ? "sample" : "samples")
              + " ("
              + Reports.plural(r.keyframes(), "keyframe")
              + ") to "
              + r.entity()
              + (connect == null ? " in " + output : "")
              + System.lineSeparator());
    }
  }

  /** The file name the default entity path is made from: the input's, or "video" for stdin. */
  private String defaultEntityName() {
    return Io.isDash(input) ? STDIN_ENTITY : Io.sourceName(input);
  }

  /**
   * Options for a media input (MP4, raw stream): the entity defaults to one named after the input
   * file ({@code /video} for stdin), never after a temporary file.
   */
  private ConvertOptions mediaOptions() {
    return options(
        entity != null
            ? OptionValues.entityPath("--entity", entity)
            : EntityPath.of(defaultEntityName()));
  }

  /**
   * Options for a recording input: no entity means every video entity (or the first); on export, no
   * --timeline means the samples' own.
   */
  private ConvertOptions recordingOptions() {
    return options(entity == null ? null : OptionValues.entityPath("--entity", entity));
  }

  /** How an input recording is read: strict unless --salvage; warnings to stderr. */
  private dev.rrdvideo.format.RrdReadOptions readOptions() {
    return readPolicy.readOptions(
        Io.sourceName(input), messages != null ? messages : spec.commandLine().getErr());
  }

  private ConvertOptions options(EntityPath entityPath) {
    ConvertOptions.Builder b = ConvertOptions.builder();
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "stream" -> b.mode(ConvertOptions.Mode.STREAM);
      case "asset" -> b.mode(ConvertOptions.Mode.ASSET);
      default -> throw new CliException(ExitCode.USAGE, "--mode must be stream or asset");
    }
    switch (editList.toLowerCase(Locale.ROOT)) {
      case "apply" -> b.editList(ConvertOptions.EditListPolicy.APPLY);
      case "shift" -> b.editList(ConvertOptions.EditListPolicy.SHIFT);
      default -> throw new CliException(ExitCode.USAGE, "--edit-list must be apply or shift");
    }
    try {
      b.timeType(TimeType.valueOf(timelineType.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.USAGE, "--timeline-type must be duration, timestamp or sequence");
    }
    if (!dev.rrdvideo.format.StoreId.isSafeApplicationId(applicationId)) {
      throw new CliException(
          ExitCode.USAGE, "--application-id must be 1-180 characters of letters, digits, _ and -");
    }
    if (entityPath != null) {
      b.entity(entityPath);
    }
    if (given("--timeline")) { // else: 'video' on import, the samples' own on export
      b.timeline(timeline);
    }
    if (track != null) {
      b.trackId(track);
    }
    if (recordingId != null) {
      b.recordingId(recordingId);
    }
    return b.readOptions(readOptions())
        .fps(fps)
        .emitFooter(!noFooter && connect == null) // a pushed recording has no footer
        .compression(compression)
        .applicationId(applicationId)
        .target(rerunVersion.target())
        .build();
  }

  /** How a kind is named in messages ({@code null}: a file of no known kind). */
  static String label(MediaKind kind) {
    return kind == null ? "unknown file type" : kind.label();
  }

  /** The kind a {@code --from}/{@code --to} value names (never {@code null}). */
  static MediaKind parseKind(String type, String option) {
    MediaKind k = kindByName("x." + type.toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""));
    if (k == null) {
      throw new CliException(
          ExitCode.USAGE, option + " must be rrd, mp4, h264, h265, ivf or obu, not '" + type + "'");
    }
    return k;
  }

  /** The kind from a file name's extension, or {@code null}. */
  static MediaKind kindByName(String arg) {
    return MediaKind.fromFileName(arg).orElse(null);
  }

  /**
   * The kind of a command-line file: its name decides; an input whose name does not tell is looked
   * at ({@link MediaKind#fromMagic}). {@code null} when neither tells.
   */
  static MediaKind kindOf(String arg, boolean sniff) throws IOException {
    MediaKind byName = kindByName(arg);
    if (byName != null) {
      return byName;
    }
    if (sniff && !Io.isDash(arg) && Files.isRegularFile(Path.of(arg))) {
      byte[] head = new byte[12];
      int n;
      try (InputStream in = Files.newInputStream(Path.of(arg))) {
        n = in.readNBytes(head, 0, head.length);
      }
      MediaKind byMagic = MediaKind.fromMagic(head, n).orElse(null);
      if (byMagic != null) {
        return byMagic;
      }
    }
    if (Io.isDash(arg)) {
      throw new CliException(
          ExitCode.USAGE,
          "cannot tell the type of '-': say it with --from (stdin) or --to (stdout),"
              + " e.g. --from mp4");
    }
    return null;
  }
}
