package dev.rrdvideo.convert;

import dev.rrdvideo.media.MediaKind;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The output of a conversion: a file or a stream, of a {@link MediaKind}; for a raw-stream or IVF
 * export from a recording optionally also a stream that receives the sample times.
 *
 * <p>A file is created (or replaced) by the conversion and deleted again when the conversion fails;
 * a stream is written to and flushed, never closed.
 */
public final class ConvertOutput {
  private final @Nullable Path path;
  private final @Nullable OutputStream stream;
  private final MediaKind kind;
  private final @Nullable OutputStream timestamps;

  private ConvertOutput(
      @Nullable Path path,
      @Nullable OutputStream stream,
      MediaKind kind,
      @Nullable OutputStream timestamps) {
    this.path = path;
    this.stream = stream;
    this.kind = kind;
    this.timestamps = timestamps;
  }

  /**
   * A file of the kind its name tells ({@link MediaKind#fromFileName}).
   *
   * @throws IllegalArgumentException if the name does not tell
   */
  public static ConvertOutput file(Path path) {
    MediaKind kind =
        MediaKind.fromFileName(String.valueOf(path.getFileName()))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "cannot tell the kind of output from the name "
                            + path.getFileName()
                            + ": give it with ConvertOutput.file(path, kind)"));
    return new ConvertOutput(path, null, kind, null);
  }

  /** A file of the given kind. */
  public static ConvertOutput file(Path path, MediaKind kind) {
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(kind, "kind is null");
    return new ConvertOutput(path, null, kind, null);
  }

  /** A stream of the given kind (flushed, not closed). */
  public static ConvertOutput stream(OutputStream out, MediaKind kind) {
    Objects.requireNonNull(out, "out is null");
    Objects.requireNonNull(kind, "kind is null");
    return new ConvertOutput(null, out, kind, null);
  }

  /**
   * Returns this output with a stream that receives the sample times (ns, or frame numbers on a
   * sequence timeline; one per line) of a raw-stream or IVF export, so that the raw stream can be
   * imported again with the same times ({@link ConvertOptions.Builder#timestampsNanos}).
   *
   * @throws IllegalArgumentException if this output is not an elementary-stream kind
   */
  public ConvertOutput withTimestamps(OutputStream timestamps) {
    Objects.requireNonNull(timestamps, "timestamps is null");
    if (!kind.isElementaryStream()) {
      throw new IllegalArgumentException(
          "sample times are written beside a raw-stream or IVF output, not a " + kind.label());
    }
    return new ConvertOutput(path, stream, kind, timestamps);
  }

  /** Returns the kind. */
  public MediaKind kind() {
    return kind;
  }

  /** Returns the file, or empty for a stream. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /** Returns the stream, or null for a file. */
  @Nullable OutputStream stream() {
    return stream;
  }

  /** Returns the stream for the sample times, or null. */
  @Nullable OutputStream timestamps() {
    return timestamps;
  }
}
