package dev.rrdvideo.format.error;

import org.jspecify.annotations.Nullable;

/**
 * A size read from the input exceeds a configured limit; thrown before any memory is allocated.
 *
 * <p>Carries the requested and the allowed value so callers can raise the limit deliberately (see
 * {@link dev.rrdvideo.format.RrdReadOptions}).
 */
public class LimitExceededException extends RrdFormatException {
  private static final long serialVersionUID = 1L;

  private final long requested;
  private final long allowed;

  /**
   * Creates an exception for a size in bytes.
   *
   * @param what the quantity, e.g. {@code "message length"}
   * @param requested the value found in the input
   * @param allowed the configured maximum
   * @param source name of the input, or {@code null}
   * @param offset absolute byte offset of the size field
   * @param messageIndex index of the enclosing message, or {@code -1}
   */
  public LimitExceededException(
      String what,
      long requested,
      long allowed,
      @Nullable String source,
      long offset,
      long messageIndex) {
    this(what, requested, allowed, "bytes", source, offset, messageIndex);
  }

  /**
   * Creates an exception for a quantity in another unit.
   *
   * @param what the quantity, e.g. {@code "footer index"}
   * @param requested the value found in the input
   * @param allowed the configured maximum
   * @param unit the unit of both values, plural, e.g. {@code "chunks"}
   * @param source name of the input, or {@code null}
   * @param offset absolute byte offset of the size field
   * @param messageIndex index of the enclosing message, or {@code -1}
   */
  public LimitExceededException(
      String what,
      long requested,
      long allowed,
      String unit,
      @Nullable String source,
      long offset,
      long messageIndex) {
    super(
        what
            + " too large: expected at most "
            + allowed
            + " "
            + unit
            + ", found "
            + Long.toUnsignedString(requested),
        source,
        offset,
        messageIndex,
        null);
    this.requested = requested;
    this.allowed = allowed;
  }

  /** Returns the value found in the input (an unsigned 64-bit quantity). */
  public long requested() {
    return requested;
  }

  /** Returns the configured maximum. */
  public long allowed() {
    return allowed;
  }
}
