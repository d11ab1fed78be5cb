package dev.rrdvideo.media;

import dev.rrdvideo.format.error.RrdFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Malformed video bitstream data: a NAL length prefix or OBU size running past its sample, an
 * unparseable parameter set, a bad IVF header. Carries the sample index (or -1) besides the byte
 * offset. A malformed-input error like {@link RrdFormatException} (the CLI exits 3).
 */
public class BitstreamException extends RrdFormatException {
  private static final long serialVersionUID = 1L;

  private final long sampleIndex;

  /**
   * Creates an exception.
   *
   * @param message what was expected and what was found
   * @param source input name, or {@code null}
   * @param offset absolute byte offset, or -1
   * @param sampleIndex index of the sample, or -1
   */
  public BitstreamException(
      String message, @Nullable String source, long offset, long sampleIndex) {
    super(message, source, offset, -1, null);
    this.sampleIndex = sampleIndex;
  }

  /** Returns the index of the sample the problem is in, or -1. */
  public long sampleIndex() {
    return sampleIndex;
  }

  @Override
  protected String locationSuffix() {
    String base = super.locationSuffix();
    if (sampleIndex < 0) {
      return base;
    }
    return "sample " + sampleIndex + (base.isEmpty() ? "" : " " + base);
  }
}
