package dev.rrdvideo.convert;

import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.media.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The input of a conversion: a file (of a given kind, or one {@link MediaKind#detect} tells), or a
 * stream of an elementary-stream kind. MP4 files and recordings are read through their index, so
 * they must be files.
 */
public final class ConvertInput {
  private final @Nullable Path path;
  private final @Nullable InputStream stream;
  private final @Nullable MediaKind kind;
  private final String name;

  private ConvertInput(
      @Nullable Path path, @Nullable InputStream stream, @Nullable MediaKind kind, String name) {
    this.path = path;
    this.stream = stream;
    this.kind = kind;
    this.name = name;
  }

  /** A file whose kind {@link MediaKind#detect(Path)} tells (when converting). */
  public static ConvertInput file(Path path) {
    Objects.requireNonNull(path, "path is null");
    return new ConvertInput(path, null, null, String.valueOf(path.getFileName()));
  }

  /** A file of a known kind (for files whose name does not tell). */
  public static ConvertInput file(Path path, MediaKind kind) {
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(kind, "kind is null");
    return new ConvertInput(path, null, kind, String.valueOf(path.getFileName()));
  }

  /**
   * A stream of an elementary-stream kind (Annex B, OBU, IVF), read once and not closed.
   *
   * @param name the name of the input in messages, and of the entity written unless the options
   *     name one
   * @throws IllegalArgumentException if {@code kind} is not an elementary-stream kind (an MP4 or a
   *     recording must be a {@link #file})
   */
  public static ConvertInput stream(InputStream in, MediaKind kind, String name) {
    Objects.requireNonNull(in, "in is null");
    Objects.requireNonNull(name, "name is null");
    if (!kind.isElementaryStream()) {
      throw new IllegalArgumentException(
          "a " + kind.label() + " is read through its index: give it as a file, not a stream");
    }
    return new ConvertInput(null, in, kind, name);
  }

  /** Returns the file, or empty for a stream. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /** Returns the kind given, or empty when it is detected from the file. */
  public Optional<MediaKind> kind() {
    return Optional.ofNullable(kind);
  }

  /** Returns the name of the input: the file name, or the name given with the stream. */
  public String name() {
    return name;
  }

  /** Returns the stream given, or null for a file. */
  @Nullable InputStream stream() {
    return stream;
  }

  /** Returns the kind given or detected. */
  MediaKind resolveKind() throws IOException {
    if (kind != null) {
      return kind;
    }
    return MediaKind.detect(Objects.requireNonNull(path, "a stream input has a kind"))
        .orElseThrow(
            () ->
                new UnsupportedFeatureException(
                    "cannot tell what "
                        + name
                        + " is: expected an .rrd recording, an MP4, an IVF file, or a raw stream"
                        + " named .h264, .h265 or .obu",
                    name,
                    0));
  }
}
