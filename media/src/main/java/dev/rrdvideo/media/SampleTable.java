package dev.rrdvideo.media;

import dev.rrdvideo.format.video.VideoCodec;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, columnar table of the samples (frames) of one video stream, in decode order.
 *
 * <p>This is the shared currency between the modules: an MP4 track ({@link
 * dev.rrdvideo.media.mp4.Mp4Track#sampleTable()}), an elementary stream ({@link
 * dev.rrdvideo.media.bitstream.IvfReader#readTable()}, {@link
 * dev.rrdvideo.media.bitstream.AccessUnitReader#readTable(double)}) and a {@code VideoStream}
 * entity of a recording (the converter reads one before muxing it into an MP4) all describe their
 * samples with one, and the MP4 muxer writes one. Every column is a primitive array; there is no
 * object per sample. Times are in ticks of {@link #timescale()}.
 *
 * <ul>
 *   <li>{@code dtsTicks}: decode time;
 *   <li>{@code ptsTicks}: presentation time (equal to the decode time when there is no reordering);
 *   <li>{@code durationTicks}: time until the next sample in decode order (the last sample's is the
 *       container's value, or 0 when unknown);
 *   <li>{@code sizeBytes}: payload size as stored in the source;
 *   <li>{@code offsetBytes}: absolute position of the payload in the source, or -1;
 *   <li>{@code keyframe}: the sync flag the source declares;
 *   <li>{@code gopIndex}: number of keyframes strictly before this sample's GOP start (samples
 *       before the first keyframe have GOP index -1).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SampleTable {
  private final Timescale timescale;
  private final @Nullable VideoCodec codec;
  private final int count;
  private final long[] dtsTicks;
  private final long[] ptsTicks;
  private final long[] durationTicks;
  private final int[] sizeBytes;
  private final long[] offsetBytes;
  private final boolean[] keyframe;
  private final int[] gopIndex;

  private SampleTable(Builder b) {
    this.timescale = b.timescale;
    this.codec = b.codec;
    this.count = b.count;
    this.dtsTicks = Arrays.copyOf(b.dts, count);
    this.ptsTicks = Arrays.copyOf(b.pts, count);
    this.durationTicks = Arrays.copyOf(b.duration, count);
    this.sizeBytes = Arrays.copyOf(b.size, count);
    this.offsetBytes = Arrays.copyOf(b.offset, count);
    this.keyframe = Arrays.copyOf(b.key, count);
    this.gopIndex = new int[count];
    int gop = -1;
    for (int i = 0; i < count; i++) {
      if (keyframe[i]) {
        gop++;
      }
      gopIndex[i] = gop;
    }
  }

  /** Returns a builder for a table in the given timescale. */
  public static Builder builder(Timescale timescale, @Nullable VideoCodec codec) {
    return new Builder(timescale, codec);
  }

  /** Returns the timescale of all time columns. */
  public Timescale timescale() {
    return timescale;
  }

  /** Returns the codec, or {@code null} if unknown. */
  public @Nullable VideoCodec codec() {
    return codec;
  }

  /** Returns the number of samples. */
  public int size() {
    return count;
  }

  /** Returns the decode time of sample {@code i} in ticks. */
  public long dtsTicks(int i) {
    return dtsTicks[Objects.checkIndex(i, count)];
  }

  /** Returns the presentation time of sample {@code i} in ticks. */
  public long ptsTicks(int i) {
    return ptsTicks[Objects.checkIndex(i, count)];
  }

  /** Returns the duration of sample {@code i} in ticks. */
  public long durationTicks(int i) {
    return durationTicks[Objects.checkIndex(i, count)];
  }

  /** Returns the presentation time of sample {@code i} in nanoseconds. */
  public long ptsNanos(int i) {
    return timescale.toNanos(ptsTicks(i));
  }

  /** Returns the decode time of sample {@code i} in nanoseconds. */
  public long dtsNanos(int i) {
    return timescale.toNanos(dtsTicks(i));
  }

  /** Returns the payload size of sample {@code i} in bytes. */
  public int sizeBytes(int i) {
    return sizeBytes[Objects.checkIndex(i, count)];
  }

  /** Returns the absolute source position of sample {@code i}, or -1 if unknown. */
  public long offsetBytes(int i) {
    return offsetBytes[Objects.checkIndex(i, count)];
  }

  /** Returns whether the source declares sample {@code i} a keyframe (sync sample). */
  public boolean isKeyframe(int i) {
    return keyframe[Objects.checkIndex(i, count)];
  }

  /** Returns the GOP index of sample {@code i} (-1 before the first keyframe). */
  public int gopIndex(int i) {
    return gopIndex[Objects.checkIndex(i, count)];
  }

  /** Returns the number of samples declared as keyframes. */
  public int keyframeCount() {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (keyframe[i]) {
        n++;
      }
    }
    return n;
  }

  /** Returns the sum of all sample sizes in bytes. */
  public long totalBytes() {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += sizeBytes[i];
    }
    return sum;
  }

  /**
   * Returns whether presentation order differs from decode order (B-frames or other reordering),
   * i.e. whether the presentation times are not strictly increasing in decode order or some sample
   * has a presentation time different from its decode time.
   */
  public boolean hasReordering() {
    for (int i = 0; i < count; i++) {
      if (ptsTicks[i] != dtsTicks[i]) {
        if (i > 0 && ptsTicks[i] <= ptsTicks[i - 1]) {
          return true;
        }
      }
      if (i > 0 && ptsTicks[i] < ptsTicks[i - 1]) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether some sample's presentation time differs from its decode time. */
  public boolean hasCompositionOffsets() {
    for (int i = 0; i < count; i++) {
      if (ptsTicks[i] != dtsTicks[i]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Grows primitive columns while samples are appended; {@link #build()} copies them into an
   * immutable table. Not thread-safe.
   */
  public static final class Builder {
    private final Timescale timescale;
    private final @Nullable VideoCodec codec;
    private int count;
    private long[] dts = new long[64];
    private long[] pts = new long[64];
    private long[] duration = new long[64];
    private int[] size = new int[64];
    private long[] offset = new long[64];
    private boolean[] key = new boolean[64];

    private Builder(Timescale timescale, @Nullable VideoCodec codec) {
      this.timescale = Objects.requireNonNull(timescale, "timescale is null");
      this.codec = codec;
    }

    /**
     * Appends a sample in decode order.
     *
     * @return this builder
     */
    public Builder add(
        long dtsTicks,
        long ptsTicks,
        long durationTicks,
        int sizeBytes,
        long offsetBytes,
        boolean keyframe) {
      if (count == dts.length) {
        int n = Math.max(64, dts.length * 2);
        dts = Arrays.copyOf(dts, n);
        pts = Arrays.copyOf(pts, n);
        duration = Arrays.copyOf(duration, n);
        size = Arrays.copyOf(size, n);
        offset = Arrays.copyOf(offset, n);
        key = Arrays.copyOf(key, n);
      }
      dts[count] = dtsTicks;
      pts[count] = ptsTicks;
      duration[count] = durationTicks;
      size[count] = sizeBytes;
      offset[count] = offsetBytes;
      key[count] = keyframe;
      count++;
      return this;
    }

    /** Returns the number of samples appended so far. */
    public int size() {
      return count;
    }

    /** Returns an immutable table of the samples appended so far. */
    public SampleTable build() {
      return new SampleTable(this);
    }

    /**
     * Returns an immutable table of the samples appended so far in which each sample's duration is
     * the next sample's decode time minus its own, and the last sample's is {@code
     * lastDurationTicks} (the durations given to {@link #add} are not used): for sources whose
     * samples have times but no durations (elementary streams, {@code VideoStream} entities).
     *
     * @throws IllegalArgumentException if a difference does not fit in a {@code long} (the caller
     *     keeps times within {@link MediaLimits})
     */
    public SampleTable buildWithDurationsToNext(long lastDurationTicks) {
      for (int i = 0; i < count; i++) {
        try {
          duration[i] = i + 1 < count ? Math.subtractExact(dts[i + 1], dts[i]) : lastDurationTicks;
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException(
              "decode times " + dts[i] + " and " + dts[i + 1] + " are too far apart", e);
        }
      }
      return new SampleTable(this);
    }
  }
}
