package dev.rrdvideo.inspect;

/**
 * Restores presentation order from samples that arrive in decode order, with a bounded reorder
 * window: samples are held in a min-heap (by presentation time) of {@value #WINDOW} entries, and
 * the earliest one is released whenever the window is full. Memory is three primitive arrays of
 * {@value #WINDOW} + 1 entries, whatever the stream length; no allocation per sample.
 *
 * <p>Why a window suffices: a decoder outputs pictures from a buffer of at most 16 frames (H.264
 * {@code max_dec_frame_buffering}, H.265 {@code sps_max_dec_pic_buffering}), so in a valid stream a
 * sample is never presented before one decoded more than 16 samples earlier. The window is four
 * times that. A sample whose presentation time is earlier than one already released (its stream
 * reorders further than any decoder can) cannot be put in place: it is reported through {@link
 * Sink#late} and left out of the presentation sequence.
 *
 * <pre>
 *   decode order   I0 P4 B2 b1 b3 P8 ...      (presentation times)
 *   window         [0 4 2 1 3 8 ...] -- full --> release the smallest
 *   released       0 1 2 3 4 ...               (presentation order)
 * </pre>
 */
final class PresentationOrder {
  /** Samples held back; far more reordering than any decoder allows (16 frames). */
  static final int WINDOW = 64;

  /** Receives the samples in presentation order. */
  interface Sink {
    /**
     * The next sample in presentation order.
     *
     * @param time its presentation time
     * @param sampleIndex its index in decode order
     * @param durationNanos its duration as the row gave it, or {@link SampleRow#ABSENT}
     */
    void presented(long time, long sampleIndex, long durationNanos);

    /**
     * A sample presented earlier than a sample already released: reordered beyond the window.
     *
     * @param time its presentation time
     * @param sampleIndex its index in decode order
     * @param releasedTime the latest presentation time released so far
     */
    void late(long time, long sampleIndex, long releasedTime);
  }

  private final Sink sink;
  private final long[] time = new long[WINDOW + 1];
  private final long[] index = new long[WINDOW + 1];
  private final long[] duration = new long[WINDOW + 1];
  private int size;
  private boolean released;
  private long lastReleased;

  PresentationOrder(Sink sink) {
    this.sink = sink;
  }

  /** Adds the next sample in decode order. */
  void add(long t, long sampleIndex, long durationNanos) {
    if (released && t < lastReleased) {
      sink.late(t, sampleIndex, lastReleased);
      return;
    }
    // sift up
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(t, sampleIndex, parent)) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, t, sampleIndex, durationNanos);
    if (size > WINDOW) {
      release();
    }
  }

  /** Releases every held sample (end of stream) and starts over for the next stream. */
  void finish() {
    while (size > 0) {
      release();
    }
    released = false;
  }

  /** Whether sample (t, idx) goes before heap slot {@code j}: earlier time, then decode order. */
  private boolean before(long t, long idx, int j) {
    return t < time[j] || (t == time[j] && idx < index[j]);
  }

  private void release() {
    long t = time[0];
    long idx = index[0];
    long dur = duration[0];
    size--;
    if (size > 0) {
      // sift the last entry down from the root
      long lt = time[size];
      long li = index[size];
      long ld = duration[size];
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= size) {
          break;
        }
        if (c + 1 < size
            && (time[c + 1] < time[c] || (time[c + 1] == time[c] && index[c + 1] < index[c]))) {
          c++;
        }
        if (!(time[c] < lt || (time[c] == lt && index[c] < li))) {
          break;
        }
        move(c, i);
        i = c;
      }
      set(i, lt, li, ld);
    }
    released = true;
    lastReleased = t;
    sink.presented(t, idx, dur);
  }

  private void move(int from, int to) {
    time[to] = time[from];
    index[to] = index[from];
    duration[to] = duration[from];
  }

  private void set(int i, long t, long idx, long dur) {
    time[i] = t;
    index[i] = idx;
    duration[i] = dur;
  }
}
