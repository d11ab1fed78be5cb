package dev.rrdvideo.format.error;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Root of every checked exception rrdvideo throws for bad or unsupported input.
 *
 * <p>Each instance carries where the problem was found: {@link #offset()} is the absolute byte
 * offset in the source (or {@code -1} when unknown) and {@link #source()} names the source (a file
 * name, {@code <stdin>}, or {@code <memory>}). {@link #getMessage()} appends that location to the
 * message; {@link #getOriginalMessage()} returns the message alone.
 *
 * <p>Instances are immutable and therefore thread-safe.
 */
public class RrdVideoException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The offset value used when the position of the problem is not known. */
  public static final long UNKNOWN_OFFSET = -1;

  private final long offset;
  private final @Nullable String source;
  private final String originalMessage;

  /**
   * Creates an exception.
   *
   * @param message what was expected and what was found, without location
   * @param source name of the input, or {@code null} when unknown
   * @param offset absolute byte offset of the problem, or {@link #UNKNOWN_OFFSET}
   * @param cause the underlying failure, or {@code null}
   */
  public RrdVideoException(
      String message, @Nullable String source, long offset, @Nullable Throwable cause) {
    super(message, cause);
    this.originalMessage = message;
    this.source = source;
    this.offset = offset;
  }

  /** Returns the absolute byte offset of the problem in the source, or {@code -1} if unknown. */
  public long offset() {
    return offset;
  }

  /** Returns the name of the source (a file name or {@code <stdin>}), or {@code null}. */
  public @Nullable String source() {
    return source;
  }

  /** Returns the message without the location suffix. */
  public String getOriginalMessage() {
    return originalMessage;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder(String.valueOf(originalMessage));
    String location = locationSuffix();
    if (!location.isEmpty()) {
      sb.append(" (").append(location).append(')');
    }
    return sb.toString();
  }

  /** Returns the location part of the message, e.g. {@code at offset 12 (0xc) in a.rrd}. */
  protected String locationSuffix() {
    StringBuilder sb = new StringBuilder();
    if (offset >= 0) {
      sb.append("at offset ").append(offset).append(" (0x").append(Long.toHexString(offset));
      sb.append(')');
    }
    if (source != null) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append("in ").append(source);
    }
    return sb.toString();
  }
}
