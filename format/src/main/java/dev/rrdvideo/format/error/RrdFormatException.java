package dev.rrdvideo.format.error;

import org.jspecify.annotations.Nullable;

/**
 * Malformed {@code .rrd} input: bad framing, protobuf, LZ4, Arrow IPC or chunk schema.
 *
 * <p>Besides the byte offset it records the zero-based index of the message in which the problem
 * was found ({@code -1} when the problem is not inside a message, e.g. in the stream header).
 */
public class RrdFormatException extends RrdVideoException {
  private static final long serialVersionUID = 1L;

  private final long messageIndex;

  /**
   * Creates an exception.
   *
   * @param message what was expected and what was found
   * @param source name of the input, or {@code null}
   * @param offset absolute byte offset of the problem, or {@code -1}
   * @param messageIndex index of the enclosing message, or {@code -1}
   * @param cause underlying failure, or {@code null}
   */
  public RrdFormatException(
      String message,
      @Nullable String source,
      long offset,
      long messageIndex,
      @Nullable Throwable cause) {
    super(message, source, offset, cause);
    this.messageIndex = messageIndex;
  }

  /** Creates an exception without message index or cause. */
  public RrdFormatException(String message, @Nullable String source, long offset) {
    this(message, source, offset, -1, null);
  }

  /** Returns the zero-based index of the enclosing message, or {@code -1}. */
  public long messageIndex() {
    return messageIndex;
  }

  @Override
  protected String locationSuffix() {
    String base = super.locationSuffix();
    if (messageIndex < 0) {
      return base;
    }
    return "message #" + messageIndex + (base.isEmpty() ? "" : " " + base);
  }
}
