package dev.rrdvideo.inspect;

import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.mp4.Mp4Track;

/**
 * The frames of an MP4 video track as the Rerun viewer's player sees them, for looking up {@code
 * VideoFrameReference} timestamps: presentation times in track ticks, sorted, with each frame's
 * decode index. Two primitive arrays, nothing per frame.
 *
 * <p>Presentation times are those of Rerun's MP4 reader ({@code re_mp4} 0.5, used by Rerun 0.24 to
 * 0.33): decode time plus composition offset, and for the samples {@code moov} describes minus the
 * smallest such time among them (samples of movie fragments keep theirs); edit lists are not
 * applied. A timestamp in nanoseconds becomes ticks as in {@code re_video::Time::from_nanos}:
 * {@code nanos / 1e9 * timescale} in 64-bit floating point, rounded half away from zero. The player
 * shows the frame with the greatest presentation time at or before that ({@code
 * latest_sample_index_at_presentation_timestamp}), none before the first frame or for a negative
 * time.
 */
final class VideoFrames {
  private final long timescale;
  private final long[] pts;
  private final int[] decodeIndex;

  private VideoFrames(long timescale, long[] pts, int[] decodeIndex) {
    this.timescale = timescale;
    this.pts = pts;
    this.decodeIndex = decodeIndex;
  }

  /** The frames of a track. */
  static VideoFrames of(Mp4Track track) {
    SampleTable s = track.sampleTable();
    int n = s.size();
    int moov = track.samplesInMoov();
    long min = Long.MAX_VALUE;
    for (int i = 0; i < moov; i++) {
      min = Math.min(min, s.ptsTicks(i));
    }
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      // times are bounded by the demuxer (MediaLimits), so the difference cannot overflow
      times[i] = i < moov ? s.ptsTicks(i) - min : s.ptsTicks(i);
    }
    int[] order = sortedIndices(times);
    long[] sorted = new long[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = times[order[i]];
    }
    return new VideoFrames(s.timescale().ticksPerSecond(), sorted, order);
  }

  /** Returns the number of frames. */
  int size() {
    return pts.length;
  }

  /**
   * Converts nanoseconds to ticks exactly as Rerun's {@code Time::from_nanos} does (the division
   * and the multiplication in doubles, then {@code const_round_f64}; the cast saturates as Rust's).
   */
  static long ticks(long nanos, long timescale) {
    double v = (double) nanos / 1e9 * (double) timescale;
    return v > 0.0 ? (long) (v + 0.5) : (long) (v - 0.5);
  }

  /** Sets the video fields of {@code ref} (status, frame, ticks) for a timestamp. */
  void resolve(long timestampNanos, FrameReference ref) {
    long t = ticks(timestampNanos, timescale);
    ref.videoTicks = t;
    int p = upperBound(t) - 1; // the last frame at or before t
    if (t < 0 || p < 0) {
      ref.status = FrameReference.Status.BEFORE_FIRST_FRAME;
      ref.frame = -1;
      ref.sampleIndex = -1;
      ref.framePtsTicks = SampleRow.ABSENT;
      return;
    }
    ref.frame = p;
    ref.sampleIndex = decodeIndex[p];
    ref.framePtsTicks = pts[p];
    if (pts[p] == t) {
      ref.status = FrameReference.Status.FRAME;
    } else if (p == pts.length - 1) {
      ref.status = FrameReference.Status.PAST_LAST_FRAME;
    } else {
      ref.status = FrameReference.Status.BETWEEN_FRAMES;
    }
  }

  /** The first position whose time is greater than {@code t}. */
  private int upperBound(long t) {
    int lo = 0;
    int hi = pts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pts[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Indices of {@code keys} in ascending order of key (stable: ties keep decode order). */
  static int[] sortedIndices(long[] keys) {
    int n = keys.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] swap = a;
      a = b;
      b = swap;
      if (width > n / 2) {
        break;
      }
    }
    return a;
  }
}
