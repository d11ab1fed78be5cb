package dev.rrdvideo.cli;

import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.media.MediaKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code convert DIR_IN DIR_OUT}: converts every video file under {@code DIR_IN} into the same
 * place under {@code DIR_OUT} ({@code a/b.mp4} to {@code a/b.rrd}; a recording {@code a/c.rrd} to
 * {@code a/c.mp4}; {@code --to TYPE} chooses one output type for all), with {@code -j} workers.
 * Output subdirectories are created; each output is written atomically ({@link AtomicOutput}); an
 * output newer than its input is skipped unless {@code --force}. A file that fails is reported with
 * its path and the others are converted; stderr ends with a tally, and the exit code is the worst
 * file's.
 */
final class ConvertTree {
  private final ConvertCommand command;

  /** The output subdirectories this run created (those left empty are removed at the end). */
  private final java.util.Set<Path> created = java.util.concurrent.ConcurrentHashMap.newKeySet();

  ConvertTree(ConvertCommand command) {
    this.command = command;
  }

  /** What happened to one file. */
  private static final class FileResult extends BatchRunner.Result {
    boolean skipped;
  }

  int run(PrintWriter err) throws IOException {
    for (String option :
        new String[] {"--from", "--timestamps", "--timestamps-out", "--recording-id"}) {
      if (command.given(option)) {
        throw VideoInput.notHere(
            option,
            switch (option) {
              case "--from" ->
                  "gives the type of one input (in a directory, each file's name tells)";
              case "--recording-id" ->
                  "names one recording (each output of a directory is a recording of its own)";
              default -> "belongs to one raw stream (the input is a directory)";
            });
      }
    }
    if (Io.isDash(command.output)) {
      throw new CliException(
          ExitCode.USAGE,
          "the outputs of a directory go to a directory, not to - (stdout): give one, e.g."
              + " convert "
              + command.input
              + " out/");
    }
    Path inDir = Path.of(command.input);
    Path outDir = Path.of(command.output);
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw new CliException(
          ExitCode.USAGE,
          command.output
              + " is a file: the outputs of the directory "
              + command.input
              + " go to a directory");
    }
    Path realIn = inDir.toRealPath();
    Path absOut = Files.exists(outDir) ? outDir.toRealPath() : outDir.toAbsolutePath().normalize();
    if (absOut.startsWith(realIn)) {
      throw new CliException(
          ExitCode.USAGE,
          "the output directory "
              + command.output
              + " is inside the input directory "
              + command.input
              + " (the outputs would be inputs of the next run): choose one outside it");
    }
    MediaKind to = command.to == null ? null : ConvertCommand.parseKind(command.to, "--to");
    List<BatchInputs.Item> items =
        BatchInputs.expand(List.of(command.input), command.batchOptions.glob, BatchInputs.MEDIA);
    if (items.isEmpty()) {
      throw new CliException(
          ExitCode.IO,
          "no input files: "
              + command.input
              + " holds no file convert reads (.mp4, .m4v, .mov, .ivf, .h264, .264, .avc, .h265,"
              + " .265, .hevc, .obu, .av1, .rrd)"
              + (command.batchOptions.glob == null
                  ? ""
                  : " whose name matches --glob '" + command.batchOptions.glob + "'"));
    }
    if (!Files.isDirectory(outDir)) {
      Path parent = outDir.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new CliException(ExitCode.IO, "output directory does not exist: " + parent);
      }
      Files.createDirectory(outDir);
    }
    // each input's output, and the first input of each output (two inputs, one output: refused)
    Map<String, String> outputOf = new HashMap<>();
    Map<String, String> firstInput = new HashMap<>();
    for (BatchInputs.Item item : items) {
      if (!item.failed()) {
        String out = outputPath(item, to);
        outputOf.put(item.path(), out);
        firstInput.putIfAbsent(out, item.path());
      }
    }
    int[] worst = {ExitCode.OK};
    long[] tally = new long[3]; // converted, skipped, failed
    try (Progress progress =
        Progress.start(
            err,
            "converting " + Reports.plural(items.size(), "file"),
            items.size(),
            Progress.Unit.FILES,
            command.quiet)) {
      PrintWriter messages = progress.err();
      BatchRunner.run(
          items,
          command.batchOptions.jobs(),
          item -> convertOne(item, outDir, outputOf.get(item.path()), firstInput),
          (item, r) -> {
            r.printMessages(item.path(), messages);
            tally[r.failure() != null ? 2 : r.skipped ? 1 : 0]++;
            worst[0] = BatchRunner.worse(worst[0], r.exitCode());
            progress.add(1);
          });
      removeEmptyDirectories();
      if (!command.quiet || tally[2] > 0) {
        messages.printf(
            "%s: %d converted, %d skipped, %d failed%s%n",
            Reports.plural(items.size(), "file"),
            tally[0],
            tally[1],
            tally[2],
            tally[1] > 0
                ? " (skipped: outputs newer than their input; --force converts them)"
                : "");
      }
    }
    return worst[0];
  }

  /** Converts one file; its output path relative to the output directory is {@code out}. */
  private FileResult convertOne(
      BatchInputs.Item item, Path outDir, String out, Map<String, String> firstInput) {
    FileResult r = new FileResult();
    try {
      if (item.failed()) {
        throw item.failure();
      }
      String first = firstInput.get(out);
      if (!first.equals(item.path())) {
        throw new CliException(
            ExitCode.USAGE,
            "its output " + out + " is already the output of " + first + "; not converted");
      }
      Path target = outDir.resolve(out);
      if (!command.force
          && Files.exists(target)
          && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(item.file()))
              > 0) {
        r.skipped = true;
        return r;
      }
      createDirectories(target.getParent());
      String shown =
          command.output.endsWith("/") ? command.output + out : command.output + "/" + out;
      command.forFile(item.file().toString(), shown).convertFile(r.messages());
    } catch (Exception e) {
      r.fail(e);
    }
    return r;
  }

  /** Creates a directory and its missing parents, remembering which it created. */
  private void createDirectories(Path d) throws IOException {
    java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
    for (Path p = d; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    Files.createDirectories(d);
    created.addAll(missing);
  }

  /** Removes the output subdirectories this run created and left empty (their files failed). */
  private void removeEmptyDirectories() {
    List<Path> dirs = new java.util.ArrayList<>(created);
    dirs.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path d : dirs) {
      try (var entries = Files.list(d)) {
        if (entries.findAny().isEmpty()) {
          Files.delete(d);
        }
      } catch (IOException e) {
        // not empty after all, or gone: nothing to tidy
      }
    }
  }

  /**
   * The output of a file, relative to the output directory: its path with the extension of {@code
   * to}, or of the other side of the conversion (a recording becomes an MP4, anything else a
   * recording).
   */
  static String outputPath(BatchInputs.Item item, MediaKind to) {
    MediaKind kind = to;
    if (kind == null) {
      MediaKind in;
      try {
        in = ConvertCommand.kindOf(item.file().toString(), true);
      } catch (IOException | RuntimeException e) {
        in = null; // the conversion says what is wrong
      }
      kind = in == MediaKind.RECORDING ? MediaKind.MP4 : MediaKind.RECORDING;
    }
    String p = item.path();
    int slash = p.lastIndexOf('/');
    int dot = p.lastIndexOf('.');
    String stem = dot > slash + 1 ? p.substring(0, dot) : p;
    return stem + extension(kind);
  }

  /** The file name extension of a kind. */
  static String extension(MediaKind kind) {
    return switch (kind) {
      case RECORDING -> ".rrd";
      case MP4 -> ".mp4";
      case IVF -> ".ivf";
      case ANNEXB_H264 -> ".h264";
      case ANNEXB_H265 -> ".h265";
      case OBU -> ".obu";
    };
  }
}
