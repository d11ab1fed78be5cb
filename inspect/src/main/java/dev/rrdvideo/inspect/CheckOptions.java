package dev.rrdvideo.inspect;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Expectations for {@code rrdvideo check}. Each expectation is optional: an absent one switches its
 * rule off (the built-in rules always run). Built with {@link #builder()}; {@link #none()} has no
 * expectations. Immutable.
 */
public final class CheckOptions {
  private static final CheckOptions NONE = builder().build();

  private final Optional<String> expectCodec;
  private final OptionalLong maxGopFrames;
  private final OptionalDouble minFps;
  private final OptionalDouble maxFps;
  private final boolean noBFrames;
  private final OptionalLong maxGapNanos;
  private final OptionalLong frames;

  private CheckOptions(Builder b) {
    this.expectCodec = b.expectCodec;
    this.maxGopFrames = b.maxGopFrames;
    this.minFps = b.minFps;
    this.maxFps = b.maxFps;
    this.noBFrames = b.noBFrames;
    this.maxGapNanos = b.maxGapNanos;
    this.frames = b.frames;
  }

  /** Returns options with no expectations (only the built-in rules run). */
  public static CheckOptions none() {
    return NONE;
  }

  /** Returns a builder with no expectations. */
  public static Builder builder() {
    return new Builder();
  }

  /** The codec short name every stream must have ({@code h264}, ...), if expected. */
  public Optional<String> expectCodec() {
    return expectCodec;
  }

  /** The longest allowed GOP in samples, if limited. */
  public OptionalLong maxGopFrames() {
    return maxGopFrames;
  }

  /** The lowest allowed mean frame rate, if limited. */
  public OptionalDouble minFps() {
    return minFps;
  }

  /** The highest allowed mean frame rate, if limited. */
  public OptionalDouble maxFps() {
    return maxFps;
  }

  /** Whether B-frames / reordered samples fail the check. */
  public boolean noBFrames() {
    return noBFrames;
  }

  /** The longest allowed interval between consecutive samples in ns, if limited. */
  public OptionalLong maxGapNanos() {
    return maxGapNanos;
  }

  /** The exact number of samples each stream must have, if expected. */
  public OptionalLong frames() {
    return frames;
  }

  /** Builds {@link CheckOptions}; every expectation starts absent. Not thread-safe. */
  public static final class Builder {
    private Optional<String> expectCodec = Optional.empty();
    private OptionalLong maxGopFrames = OptionalLong.empty();
    private OptionalDouble minFps = OptionalDouble.empty();
    private OptionalDouble maxFps = OptionalDouble.empty();
    private boolean noBFrames;
    private OptionalLong maxGapNanos = OptionalLong.empty();
    private OptionalLong frames = OptionalLong.empty();

    private Builder() {}

    /** Every stream must have this codec (short name: {@code h264}, {@code h265}, ...). */
    public Builder expectCodec(String codec) {
      this.expectCodec = Optional.of(Objects.requireNonNull(codec, "codec is null"));
      return this;
    }

    /**
     * No GOP may be longer than {@code frames} samples.
     *
     * @throws IllegalArgumentException unless {@code frames} is positive
     */
    public Builder maxGopFrames(long frames) {
      if (frames <= 0) {
        throw new IllegalArgumentException("max GOP must be positive, was " + frames);
      }
      this.maxGopFrames = OptionalLong.of(frames);
      return this;
    }

    /**
     * The mean frame rate must be at least {@code fps}.
     *
     * @throws IllegalArgumentException if {@code fps} is NaN
     */
    public Builder minFps(double fps) {
      this.minFps = OptionalDouble.of(notNaN(fps));
      return this;
    }

    /**
     * The mean frame rate must be at most {@code fps}.
     *
     * @throws IllegalArgumentException if {@code fps} is NaN
     */
    public Builder maxFps(double fps) {
      this.maxFps = OptionalDouble.of(notNaN(fps));
      return this;
    }

    /** Whether B-frames / reordered samples fail the check (default false). */
    public Builder noBFrames(boolean noBFrames) {
      this.noBFrames = noBFrames;
      return this;
    }

    /**
     * No interval between consecutive samples may be longer than {@code nanos}.
     *
     * @throws IllegalArgumentException unless {@code nanos} is positive
     */
    public Builder maxGapNanos(long nanos) {
      if (nanos <= 0) {
        throw new IllegalArgumentException("max gap must be positive, was " + nanos + " ns");
      }
      this.maxGapNanos = OptionalLong.of(nanos);
      return this;
    }

    /**
     * Every stream must have exactly {@code frames} samples.
     *
     * @throws IllegalArgumentException if {@code frames} is negative
     */
    public Builder frames(long frames) {
      if (frames < 0) {
        throw new IllegalArgumentException("frames must not be negative, was " + frames);
      }
      this.frames = OptionalLong.of(frames);
      return this;
    }

    /** Returns the options. */
    public CheckOptions build() {
      return new CheckOptions(this);
    }

    private static double notNaN(double fps) {
      if (Double.isNaN(fps)) {
        throw new IllegalArgumentException("frame rate is NaN");
      }
      return fps;
    }
  }
}
