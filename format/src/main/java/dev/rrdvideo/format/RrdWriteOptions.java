package dev.rrdvideo.format;

import java.util.Objects;

/**
 * Immutable options for {@link RrdWriter}.
 *
 * <p>Defaults: LZ4-compressed chunks, version stamp 0.33.0 (read by the Rerun 0.33 viewer without a
 * warning and by Rerun 0.36), and a footer (End message, manifest per store, stream footer) laid
 * out the way Rerun writes it.
 */
public final class RrdWriteOptions {
  private static final RrdWriteOptions DEFAULTS = builder().build();

  private final Compression compression;
  private final RrdVersion version;
  private final boolean emitFooter;

  private RrdWriteOptions(Builder b) {
    this.compression = b.compression;
    this.version = b.version;
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

  /** Returns the version written into the stream header and store infos. */
  public RrdVersion version() {
    return version;
  }

  /** Returns whether {@link RrdWriter#finish()} writes the footer. */
  public boolean emitFooter() {
    return emitFooter;
  }

  /** Builds {@link RrdWriteOptions}. */
  public static final class Builder {
    private Compression compression = Compression.LZ4;
    private RrdVersion version = RrdVersion.V0_33_0;
    private boolean emitFooter = true;

    private Builder() {}

    /** Sets the chunk compression (default LZ4). */
    public Builder compression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression is null");
      return this;
    }

    /** Sets the version stamp (default 0.33.0); must be 0.23.0 or newer. */
    public Builder version(RrdVersion version) {
      Objects.requireNonNull(version, "version is null");
      if (!version.isReadable()) {
        throw new IllegalArgumentException(
            "version " + version + " would make the file unreadable: use 0.23.0 or newer");
      }
      this.version = version;
      return this;
    }

    /**
     * Sets whether to end the stream with a footer (default true). Without one the stream simply
     * ends after the last message, which every Rerun reader accepts.
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
