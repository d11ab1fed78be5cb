package dev.rrdvideo.cli;

import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdWarning;
import dev.rrdvideo.inspect.Reports;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * How commands that produce data from a recording treat damage (picocli mixin). By default a
 * damaged recording (cut off inside a message, trailing bytes that are not a stream, a corrupt
 * stream footer or footer checksum) is malformed input: exit 3 with the byte offset, and no output.
 * With {@code --salvage} the readable part is used, every problem is reported as a warning, and a
 * last line says how much of the file could not be used.
 */
final class ReadPolicy {
  @Option(
      names = "--salvage",
      description =
          "Use what is readable from a damaged (e.g. truncated) recording instead of failing;"
              + " says how much was lost.")
  boolean salvage;

  private long firstProblemOffset = -1;
  private int problems;

  /** Returns the same policy with its own count of problems (one per file of a batch). */
  ReadPolicy copy() {
    ReadPolicy p = new ReadPolicy();
    p.salvage = salvage;
    return p;
  }

  /** Returns read options for an input named {@code name}; warnings are printed to {@code err}. */
  RrdReadOptions readOptions(String name, PrintWriter err) {
    return RrdReadOptions.builder()
        .sourceName(name)
        .strict(!salvage)
        .warnings(w -> warn(w, err))
        .build();
  }

  private void warn(RrdWarning w, PrintWriter err) {
    err.println("warning: " + w);
    if (salvage && w.offset() >= 0 && losesData(w.kind())) {
      problems++;
      if (firstProblemOffset < 0 || w.offset() < firstProblemOffset) {
        firstProblemOffset = w.offset();
      }
    }
  }

  /** Whether a problem of this kind means that data after it could not be used. */
  private static boolean losesData(RrdWarning.Kind kind) {
    return switch (kind) {
      case TRUNCATED, TRAILING_DATA -> true;
      // a newer writer is only a note; an unusable footer or stream footer costs the index,
      // not data (the file is scanned instead)
      case NEWER_VERSION, STREAM_FOOTER, FOOTER_UNUSABLE -> false;
    };
  }

  /**
   * After a salvaging read, says how much of the input could not be used (nothing when no data was
   * lost).
   *
   * @param sizeBytes the input's size, or {@code -1} if unknown
   */
  void reportLoss(String name, long sizeBytes, PrintWriter err) {
    if (!salvage || problems == 0) {
      return;
    }
    if (sizeBytes > 0 && firstProblemOffset <= sizeBytes) {
      long lost = sizeBytes - firstProblemOffset;
      err.printf(
          "salvaged %s: %s; data from offset %d on (%d of %d bytes, %.1f%%) could not be used%n",
          name,
          Reports.plural(problems, "problem"),
          firstProblemOffset,
          lost,
          sizeBytes,
          100.0 * lost / sizeBytes);
    } else {
      err.printf(
          "salvaged %s: %s, the first at offset %d; data after it could not be used%n",
          name, Reports.plural(problems, "problem"), firstProblemOffset);
    }
  }
}
