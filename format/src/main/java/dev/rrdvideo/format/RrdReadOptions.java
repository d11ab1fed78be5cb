package dev.rrdvideo.format;

import dev.rrdvideo.format.error.RrdFormatException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable options for {@link RrdReader} and {@link RrdFile}: limits checked before allocation,
 * the strictness policy and where warnings go.
 *
 * <p>Policy. A bad stream header at the start of the input is always an error. In the default
 * (lenient) mode the reader behaves like Rerun's decoder for everything after that: a stream cut
 * off inside a message, bytes that are neither a message nor a new stream, a malformed stream
 * footer or a footer checksum mismatch end the stream (or are skipped) and are reported as {@link
 * RrdWarning}s. In strict mode each of those is a {@link RrdFormatException}. Size limits are
 * enforced in both modes.
 */
public final class RrdReadOptions {
  /** Largest message the JVM can hold in one array. */
  public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  private static final RrdReadOptions DEFAULTS = builder().build();

  /** Default of {@link #maxChunks()}. */
  public static final int DEFAULT_MAX_CHUNKS = 1 << 20;

  private final long maxMessageBytes;
  private final long maxUncompressedBytes;
  private final int maxChunks;
  private final boolean strict;
  private final Consumer<RrdWarning> warnings;
  private final String sourceName;

  private RrdReadOptions(Builder b) {
    this.maxMessageBytes = b.maxMessageBytes;
    this.maxUncompressedBytes = b.maxUncompressedBytes;
    this.maxChunks = b.maxChunks;
    this.strict = b.strict;
    this.warnings = b.warnings;
    this.sourceName = b.sourceName;
  }

  /** Returns the default options: lenient, 2 GiB limits, 2^20 chunks, warnings dropped. */
  public static RrdReadOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder with default values. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxMessageBytes = maxMessageBytes;
    b.maxUncompressedBytes = maxUncompressedBytes;
    b.maxChunks = maxChunks;
    b.strict = strict;
    b.warnings = warnings;
    b.sourceName = sourceName;
    return b;
  }

  /** Returns the largest accepted message payload ({@code MessageHeader.len}). */
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  /** Returns the largest accepted uncompressed chunk or manifest size. */
  public long maxUncompressedBytes() {
    return maxUncompressedBytes;
  }

  /**
   * Returns the largest number of chunks a chunk index may hold: the chunks a footer lists, or the
   * chunks {@link RrdFile} finds when it scans. The index keeps a few values per chunk in memory
   * (about 300 bytes), so this bounds its size; streaming reads hold no index and are not limited.
   */
  public int maxChunks() {
    return maxChunks;
  }

  /** Returns whether recoverable problems are errors. */
  public boolean strict() {
    return strict;
  }

  /** Returns the warning consumer. */
  public Consumer<RrdWarning> warnings() {
    return warnings;
  }

  /** Returns the name used for the input in messages, or {@code null}. */
  public String sourceName() {
    return sourceName;
  }

  /** Builds {@link RrdReadOptions}. */
  public static final class Builder {
    private long maxMessageBytes = MAX_ARRAY_BYTES;
    private long maxUncompressedBytes = MAX_ARRAY_BYTES;
    private int maxChunks = DEFAULT_MAX_CHUNKS;
    private boolean strict;
    private Consumer<RrdWarning> warnings = w -> {};
    private String sourceName;

    private Builder() {}

    /** Sets the largest accepted message (1 .. 2 GiB - 9). */
    public Builder maxMessageBytes(long n) {
      this.maxMessageBytes = checkLimit(n);
      return this;
    }

    /** Sets the largest accepted uncompressed payload (1 .. 2 GiB - 9). */
    public Builder maxUncompressedBytes(long n) {
      this.maxUncompressedBytes = checkLimit(n);
      return this;
    }

    /** Sets the largest number of chunks a chunk index may hold (at least 1; default 2^20). */
    public Builder maxChunks(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxChunks must be at least 1, was " + n);
      }
      this.maxChunks = n;
      return this;
    }

    /** Makes recoverable problems errors ({@code true}) or warnings ({@code false}, default). */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Sets where warnings go (default: dropped). */
    public Builder warnings(Consumer<RrdWarning> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings is null");
      return this;
    }

    /** Sets the input name used in messages, e.g. a file name or {@code <stdin>}. */
    public Builder sourceName(String sourceName) {
      this.sourceName = sourceName;
      return this;
    }

    private static long checkLimit(long n) {
      if (n < 1 || n > MAX_ARRAY_BYTES) {
        throw new IllegalArgumentException("limit must be in 1.." + MAX_ARRAY_BYTES + ", was " + n);
      }
      return n;
    }

    /** Returns the options. */
    public RrdReadOptions build() {
      return new RrdReadOptions(this);
    }
  }
}
