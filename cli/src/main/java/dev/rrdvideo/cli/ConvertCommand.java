package dev.rrdvideo.cli;

import dev.rrdvideo.convert.ConvertOptions;
import dev.rrdvideo.convert.ConvertResult;
import dev.rrdvideo.convert.Mp4ToRecording;
import dev.rrdvideo.convert.RecordingToMp4;
import dev.rrdvideo.format.UnsupportedFeatureException;
import dev.rrdvideo.format.chunk.TimeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    description = {
      "Convert between video files and Rerun recordings without re-encoding. The direction"
          + " comes from the file types: MP4 (H.264, H.265, AV1, VP8, VP9) to .rrd as a"
          + " VideoStream (default) or an AssetVideo (--mode asset).",
      "The output is written to a temporary file and renamed only on success."
    },
    footer = {"", "Example: rrdvideo convert clip.mp4 clip.rrd --entity /camera --timeline video"})
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for stdin.")
  String input;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file, or - for stdout.")
  String output;

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

  @Option(names = "--no-footer", description = "Write no footer index.")
  boolean noFooter;

  @Option(
      names = "--application-id",
      defaultValue = "rrdvideo",
      paramLabel = "ID",
      description = "Application id of the recording (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--recording-id", paramLabel = "ID", description = "Recording id (default: new).")
  String recordingId;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    ConvertOptions options = options();
    Kind in = kindOf(input, true);
    Kind out = kindOf(output, false);
    if (in == Kind.MP4 && out == Kind.RRD) {
      try (Inputs.Local local = Inputs.local(input, ".mp4");
          AtomicOutput target = AtomicOutput.open(output)) {
        ConvertResult r = Mp4ToRecording.convert(local.path(), target.stream(), options);
        target.commit();
        report(err, r);
      }
      return ExitCode.OK;
    }
    if (in == Kind.RRD && out == Kind.MP4) {
      try (Inputs.Local local = Inputs.local(input, ".rrd");
          AtomicOutput target = AtomicOutput.open(output)) {
        ConvertResult r =
            RecordingToMp4.convert(local.path(), entity, timelineOrNull(), fps, target.stream());
        target.commit();
        report(err, r);
      }
      return ExitCode.OK;
    }
    throw new UnsupportedFeatureException(
        "converting " + in.label + " to " + out.label + " is not supported", null, -1);
  }

  /** On export, a timeline given explicitly; the default 'video' means "pick one". */
  private String timelineOrNull() {
    return spec.commandLine().getParseResult().hasMatchedOption("--timeline") ? timeline : null;
  }

  private void report(PrintWriter err, ConvertResult r) {
    for (String w : r.warnings()) {
      err.println("warning: " + w);
    }
    if (!Io.isDash(output)) {
      err.printf(
          "converted %d %s sample(s) (%d keyframes) to %s in %s%n",
          r.samples(),
          r.codec() == null ? "?" : r.codec().shortName(),
          r.keyframes(),
          r.entityPath(),
          output);
    }
  }

  private ConvertOptions options() {
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
    return b.entityPath(entity)
        .timeline(timeline)
        .trackId(track)
        .emitFooter(!noFooter)
        .applicationId(applicationId)
        .recordingId(recordingId)
        .build();
  }

  /** File kinds, from the extension or (for inputs) the first bytes. */
  enum Kind {
    RRD(".rrd recording"),
    MP4("MP4"),
    ANNEXB_H264("H.264 Annex B stream"),
    ANNEXB_H265("H.265 Annex B stream"),
    IVF("IVF stream"),
    OBU("AV1 OBU stream"),
    UNKNOWN("unknown file type");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  static Kind kindOf(String arg, boolean sniff) throws IOException {
    String name = arg.toLowerCase(Locale.ROOT);
    if (name.endsWith(".rrd")) {
      return Kind.RRD;
    }
    if (name.endsWith(".mp4") || name.endsWith(".m4v") || name.endsWith(".mov")) {
      return Kind.MP4;
    }
    if (name.endsWith(".h264") || name.endsWith(".264") || name.endsWith(".avc")) {
      return Kind.ANNEXB_H264;
    }
    if (name.endsWith(".h265") || name.endsWith(".265") || name.endsWith(".hevc")) {
      return Kind.ANNEXB_H265;
    }
    if (name.endsWith(".ivf")) {
      return Kind.IVF;
    }
    if (name.endsWith(".obu") || name.endsWith(".av1")) {
      return Kind.OBU;
    }
    if (sniff && !Io.isDash(arg) && Files.isRegularFile(Path.of(arg))) {
      byte[] head = new byte[12];
      int n;
      try (InputStream in = Files.newInputStream(Path.of(arg))) {
        n = in.readNBytes(head, 0, head.length);
      }
      if (n >= 4 && head[0] == 'R' && head[1] == 'R' && head[2] == 'F' && head[3] == '2') {
        return Kind.RRD;
      }
      if (n >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
        return Kind.MP4;
      }
      if (n >= 4 && head[0] == 'D' && head[1] == 'K' && head[2] == 'I' && head[3] == 'F') {
        return Kind.IVF;
      }
    }
    if (Io.isDash(arg)) {
      throw new CliException(
          ExitCode.USAGE,
          "cannot tell the type of '-': name the other side with an extension (.rrd, .mp4, ...)");
    }
    return Kind.UNKNOWN;
  }
}
