package dev.rrdvideo.media;

import dev.rrdvideo.format.error.RrdFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Malformed ISO base media file (MP4) input: a box that is too short or too long, a table that
 * contradicts another, a sample that lies outside the file.
 *
 * <p>Besides the absolute byte offset of the problem it records the path of the box in which it was
 * found, e.g. {@code moov/trak[1]/mdia/minf/stbl/stsz}: box types separated by {@code /}, with the
 * zero-based index among siblings of the same type in brackets for boxes that may repeat ({@code
 * trak}, {@code moof}, {@code traf}, {@code trun}). The message says what was expected and what was
 * found; {@link #getMessage()} appends offset, box path and source name.
 *
 * <p>Instances are immutable and therefore thread-safe.
 */
public class Mp4FormatException extends RrdFormatException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String boxPath;

  /**
   * Creates an exception.
   *
   * @param message what was expected and what was found, without location
   * @param source name of the input, or {@code null}
   * @param offset absolute byte offset of the problem, or {@code -1}
   * @param boxPath path of the enclosing box, or {@code null} (top level / unknown)
   * @param cause the underlying failure, or {@code null}
   */
  public Mp4FormatException(
      String message,
      @Nullable String source,
      long offset,
      @Nullable String boxPath,
      @Nullable Throwable cause) {
    super(message, source, offset, -1, cause);
    this.boxPath = boxPath;
  }

  /** Creates an exception without a cause. */
  public Mp4FormatException(
      String message, @Nullable String source, long offset, @Nullable String boxPath) {
    this(message, source, offset, boxPath, null);
  }

  /**
   * Returns the path of the box in which the problem was found, e.g. {@code
   * moov/trak[0]/mdia/minf/stbl/stsz}, or {@code null} when the problem is at the top level of the
   * file or its box is unknown.
   */
  public @Nullable String boxPath() {
    return boxPath;
  }

  @Override
  protected String locationSuffix() {
    String base = super.locationSuffix();
    if (boxPath == null || boxPath.isEmpty()) {
      return base;
    }
    return "in box " + boxPath + (base.isEmpty() ? "" : " " + base);
  }
}
