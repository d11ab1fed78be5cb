package dev.rrdvideo.media;

/**
 * The fixed limits the media readers (MP4, IVF, Annex B, OBU) enforce on untrusted input, each
 * checked before memory is allocated or arithmetic is done with the value (see {@code
 * docs/limits.md}). Configurable MP4 limits are in {@link
 * dev.rrdvideo.media.mp4.Mp4Demuxer.Limits}; their defaults are repeated here.
 */
public final class MediaLimits {
  /**
   * Largest magnitude of a time that leaves a reader, in nanoseconds: 4·10^18 ns (about 126 years;
   * Unix-epoch nanosecond times are within it until 2096). Every presentation time, decode time,
   * duration and edit of an MP4 track and every IVF frame time is checked against it (after
   * conversion to nanoseconds) where it is read, so that a sum or difference of two such times
   * never overflows a {@code long}, in ticks or in nanoseconds.
   */
  public static final long MAX_ABS_TIME_NANOS = 4_000_000_000_000_000_000L;

  /** How {@link #MAX_ABS_TIME_NANOS} is named in messages. */
  public static final String TIME_RANGE = "+-4e18 ns (about 126 years)";

  /** Largest access unit / temporal unit of a raw Annex B or OBU stream (256 MiB). */
  public static final int MAX_UNIT_BYTES = 256 << 20;

  /** Largest IVF frame (256 MiB). */
  public static final int MAX_IVF_FRAME_BYTES = 256 << 20;

  /** Largest MP4 sample (256 MiB) by default; the buffer that reads samples is sized by it. */
  public static final int MAX_MP4_SAMPLE_BYTES = 256 << 20;

  /** Largest {@code moov} or {@code moof} box read into memory (256 MiB) by default. */
  public static final int MAX_MP4_METADATA_BOX_BYTES = 256 << 20;

  /** Largest number of samples in one MP4 track (5 million) by default. */
  public static final int MAX_MP4_SAMPLES_PER_TRACK = 5_000_000;

  /**
   * Bytes of a raw Annex B stream searched for the first start code before it is declared not to be
   * an Annex B stream (1 MiB); leading bytes before a start code found within it are skipped with a
   * warning.
   */
  public static final int MAX_ANNEX_B_LEADING_BYTES = 1 << 20;

  private MediaLimits() {}

  /**
   * Returns the largest magnitude of a tick value of {@code timescale} that is accepted: the ticks
   * themselves and their value in nanoseconds are at most {@link #MAX_ABS_TIME_NANOS}.
   */
  public static long maxAbsTicks(Timescale timescale) {
    long ts = timescale.ticksPerSecond();
    if (ts >= 1_000_000_000L) {
      return MAX_ABS_TIME_NANOS; // a tick is at most a nanosecond
    }
    return MAX_ABS_TIME_NANOS / 1_000_000_000L * ts; // exact: 4e9 ticks per tick/s
  }

  /** Returns whether {@code ticks} of {@code timescale} is within {@link #maxAbsTicks}. */
  public static boolean ticksInRange(long ticks, Timescale timescale) {
    long max = maxAbsTicks(timescale);
    return ticks >= -max && ticks <= max;
  }

  /** Returns whether {@code nanos} is within {@link #MAX_ABS_TIME_NANOS}. */
  public static boolean nanosInRange(long nanos) {
    return nanos >= -MAX_ABS_TIME_NANOS && nanos <= MAX_ABS_TIME_NANOS;
  }
}
