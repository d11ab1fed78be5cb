package dev.rrdvideo.format;

import java.util.Objects;

/**
 * Immutable options for {@link RrdWriter}.
 *
 * <p>Defaults: LZ4-compressed chunks, written for Rerun {@link RerunTarget#DEFAULT 0.33} (stamp
 * 0.33.0, read by the 0.33 viewer without a warning and by 0.34 to 0.36), and the end of stream the
 * target's own encoder writes (for 0.28 and later: End message, manifest per store, stream footer).
 */
public final class RrdWriteOptions {
  private static final RrdWriteOptions DEFAULTS = builder().build();

  private final Compression compression;
  private final RerunTarget target;
  private final boolean emitFooter;

  private RrdWriteOptions(Builder b) {
    this.compression = b.compression;
    this.target = b.target;
    this.emitFooter = b.emitFooter;
  }

  /** Returns the defaults. */
  public static RrdWriteOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder with default values. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the chunk payload compression. */
  public Compression compression() {
    return compression;
  }

  /** Returns the Rerun release the output is written for. */
  public RerunTarget target() {
    return target;
  }

  /** Returns the version written into the stream header and store infos: the target's stamp. */
  public RrdVersion version() {
    return target.stamp();
  }

  /**
   * Returns whether {@link RrdWriter#finish()} ends the stream the way the target's encoder does
   * (see {@link Builder#emitFooter}).
   */
  public boolean emitFooter() {
    return emitFooter;
  }

  /** Builds {@link RrdWriteOptions}. */
  public static final class Builder {
    private Compression compression = Compression.AUTO;
    private RerunTarget target = RerunTarget.DEFAULT;
    private boolean emitFooter = true;

    private Builder() {}

    /** Sets the chunk compression (default {@link Compression#AUTO}). */
    public Builder compression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression is null");
      return this;
    }

    /**
     * Sets the Rerun release to write for (default {@link RerunTarget#DEFAULT}, 0.33): it decides
     * the version stamp, the store-info fields, the end of stream and the chunk schema version (see
     * {@link RerunTarget}). Chunks that the target cannot read (a {@code VideoStream} codec it
     * lacks) are refused by the writer.
     */
    public Builder target(RerunTarget target) {
      this.target = Objects.requireNonNull(target, "target is null");
      return this;
    }

    /**
     * Sets whether to end the stream the way the target's encoder does (default true): for 0.28 and
     * later an End message carrying the footer manifest, then the 32-byte stream footer; for 0.24
     * to 0.27 an End message with an empty payload. With {@code false} the stream simply ends after
     * the last message, which every Rerun reader accepts.
     */
    public Builder emitFooter(boolean emitFooter) {
      this.emitFooter = emitFooter;
      return this;
    }

    /** Returns the options. */
    public RrdWriteOptions build() {
      return new RrdWriteOptions(this);
    }
  }
}
