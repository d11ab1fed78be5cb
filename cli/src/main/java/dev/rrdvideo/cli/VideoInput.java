package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.SampleListener;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.media.MediaKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The input of {@code inspect} and {@code check} (picocli mixin): a recording or media file, or
 * {@code -} for stdin, its type when the name does not tell, which entity and timeline of a
 * recording (or track of an MP4) to read, and the damage policy ({@link ReadPolicy}). Several
 * files, directories and {@code @LIST} files make a batch ({@link BatchInputs}, {@link #batch()}),
 * each file of which is read through a copy of this input ({@link #forItem}).
 */
final class VideoInput {
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "An .rrd recording, MP4, IVF or raw .h264/.h265/.obu stream (- for stdin); several"
              + " files, directories or @LIST files (one path per line) for a batch.")
  List<String> files;

  @Mixin BatchOptions batchOptions;

  /** The name a file of a batch is shown as (its path), or null for the name of the file. */
  private String shownName;

  @Mixin InputOptions options;

  /** Returns the one input file (or {@code -}) of a run that is no batch. */
  String file() {
    return files.get(0);
  }

  /** Returns the name used in messages and reports. */
  String name() {
    return shownName != null ? shownName : Io.sourceName(file());
  }

  /**
   * Returns whether the arguments make a batch ({@link BatchInputs#isBatch}); for a single file,
   * refuses the batch options (exit 2).
   */
  boolean batch() {
    if (BatchInputs.isBatch(files)) {
      return true;
    }
    batchOptions.refuseForOneFile();
    return false;
  }

  /** Returns the files of the batch, sorted by shown path. */
  List<BatchInputs.Item> batchItems() {
    return BatchInputs.expand(files, batchOptions.glob, BatchInputs.MEDIA);
  }

  /**
   * Returns this input for one file of a batch: the same options, the file shown as its path, its
   * own damage policy (it counts problems), and no progress line of its own.
   */
  VideoInput forItem(BatchInputs.Item item) {
    VideoInput one = new VideoInput();
    one.files = List.of(item.file().toString());
    one.shownName = item.path();
    one.options = options.copy();
    one.options.quiet = true;
    one.batchOptions = batchOptions;
    return one;
  }

  /**
   * Opens the input (spooling stdin), finds its kind and refuses (exit 2, saying why) the options
   * that do not apply to it. The caller closes the result.
   *
   * @param verb what the progress line says is being done ({@code inspecting})
   */
  Opened open(String verb) throws IOException {
    MediaKind given =
        options.from == null ? null : ConvertCommand.parseKind(options.from, "--from");
    Inputs.Local local = Inputs.local(file());
    try {
      MediaKind kind = given != null ? given : MediaKind.detect(local.path()).orElse(null);
      if (kind == null) {
        throw new dev.rrdvideo.format.error.UnsupportedFeatureException(
            "cannot tell what "
                + name()
                + " is: expected an .rrd recording, an MP4, an IVF file, or a raw stream named"
                + " .h264, .h265 or .obu (or say which with --from)",
            null,
            -1);
      }
      checkOptionsApply(kind);
      if (kind == MediaKind.MP4) {
        InputSniffer.requireMp4(local.path(), name(), true);
      } else if (kind == MediaKind.RECORDING) {
        InputSniffer.requireRecording(local.path(), name(), true);
      }
      return new Opened(local, kind, verb);
    } catch (IOException | RuntimeException e) {
      local.close();
      throw e;
    }
  }

  /** Refuses every option given that the input's kind would ignore. */
  private void checkOptionsApply(MediaKind kind) {
    boolean recording = kind == MediaKind.RECORDING;
    String input = "the input is " + label(kind);
    if (options.entity != null && !recording) {
      throw notHere("--entity", "chooses an entity of a .rrd recording (" + input + ")");
    }
    if (options.timeline != null && !recording) {
      throw notHere("--timeline", "chooses a timeline of a .rrd recording (" + input + ")");
    }
    if (options.readPolicy.salvage && !recording) {
      throw notHere("--salvage", "reads damaged recordings (" + input + ")");
    }
    if (options.track != null && kind != MediaKind.MP4) {
      throw notHere("--track", "chooses a track of an MP4 (" + input + ")");
    }
  }

  /** A usage error: {@code option} does not apply, and {@code why}. */
  static CliException notHere(String option, String why) {
    return new CliException(ExitCode.USAGE, option + " does not apply here: it " + why);
  }

  /** How the input kinds are named in messages. */
  static String label(MediaKind kind) {
    return switch (kind) {
      case RECORDING -> "an .rrd recording";
      case MP4 -> "an MP4";
      case IVF -> "an IVF file";
      case ANNEXB_H264 -> "a raw H.264 stream";
      case ANNEXB_H265 -> "a raw H.265 stream";
      case OBU -> "a raw AV1 OBU stream";
    };
  }

  /**
   * Passes samples on and counts their bytes as the work done for the progress line: the rows of a
   * recording or MP4 add up to about its size. One volatile add per sample, nothing allocated.
   */
  private static final class Counting implements SampleListener {
    private final SampleListener next;
    private final Progress progress;

    Counting(SampleListener next, Progress progress) {
      this.next = next;
      this.progress = progress;
    }

    @Override
    public void sample(dev.rrdvideo.inspect.SampleRow row) throws IOException {
      progress.add(row.sizeBytes());
      next.sample(row);
    }

    @Override
    public void endOfStream(String entity, String timeline) throws IOException {
      next.endOfStream(entity, timeline);
    }

    @Override
    public void frameReference(dev.rrdvideo.inspect.FrameReference ref) throws IOException {
      next.frameReference(ref);
    }

    @Override
    public void endOfFrameReferences(String video, long references) throws IOException {
      next.endOfFrameReferences(video, references);
    }
  }

  /** An input ready to scan. */
  final class Opened implements AutoCloseable {
    private final Inputs.Local local;
    private final MediaKind kind;
    private final String verb;

    private Opened(Inputs.Local local, MediaKind kind, String verb) {
      this.local = local;
      this.kind = kind;
      this.verb = verb;
    }

    /** Returns what kind of input it is. */
    MediaKind kind() {
      return kind;
    }

    /** Returns the input's size in bytes. */
    long sizeBytes() throws IOException {
      return Files.size(local.path());
    }

    /**
     * Feeds every sample of the selected streams to {@code listener}, with the bitstream read by an
     * analyzer per stream from {@code analyzers} ({@code () -> SampleAnalyzer.NONE}: not read);
     * container warnings go to {@code err}. Returns the number of streams.
     */
    int scan(
        boolean hash,
        Supplier<? extends SampleAnalyzer> analyzers,
        SampleListener listener,
        PrintWriter err)
        throws IOException {
      return scan(ScanOptions.builder().hash(hash).analyzers(analyzers), listener, err);
    }

    /**
     * {@link #scan(boolean, Supplier, SampleListener, PrintWriter)} with what {@code base} says
     * (hashing, analyzers, a payload sink); kind, read policy, entity, timeline and track are this
     * input's.
     */
    int scan(ScanOptions.Builder base, SampleListener listener, PrintWriter err)
        throws IOException {
      long size = Files.size(local.path());
      int streams;
      try (Progress progress =
          Progress.start(err, verb + " " + name(), size, Progress.Unit.BYTES, options.quiet)) {
        PrintWriter messages = progress.err();
        streams =
            SampleScanner.scan(
                local.path(), scanOptions(base, messages), new Counting(listener, progress));
      }
      options.readPolicy.reportLoss(name(), size, err);
      return streams;
    }

    /**
     * The scanner's options: {@code base} with this input's kind, read policy, entity, timeline and
     * track.
     */
    private ScanOptions scanOptions(ScanOptions.Builder base, PrintWriter messages) {
      ScanOptions.Builder scan =
          base.kind(kind).readOptions(options.readPolicy.readOptions(name(), messages));
      if (options.entity != null) {
        scan.entity(OptionValues.entityPath("--entity", options.entity));
      }
      if (options.timeline != null) {
        scan.timeline(options.timeline);
      }
      if (options.track != null) {
        scan.trackId(options.track);
      }
      return scan.build();
    }

    @Override
    public void close() throws IOException {
      local.close();
    }
  }
}
