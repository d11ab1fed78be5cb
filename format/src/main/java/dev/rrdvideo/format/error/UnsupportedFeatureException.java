package dev.rrdvideo.format.error;

import org.jspecify.annotations.Nullable;

/**
 * Valid input that rrdvideo does not support: an unknown compression, a codec a container cannot
 * carry, B-frames in a {@code VideoStream}, a format version outside the supported range.
 *
 * <p>This is not corruption; the CLI reports it with its own exit code (4).
 */
public class UnsupportedFeatureException extends RrdVideoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what is unsupported and, where there is one, the way out
   * @param source name of the input, or {@code null}
   * @param offset absolute byte offset, or {@code -1}
   */
  public UnsupportedFeatureException(String message, @Nullable String source, long offset) {
    super(message, source, offset, null);
  }
}
