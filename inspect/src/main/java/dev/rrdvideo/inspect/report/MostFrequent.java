package dev.rrdvideo.inspect.report;

/**
 * The most frequent value of a stream of values in fixed memory (the Misra-Gries summary with
 * {@value #SLOTS} counters): any value that makes up more than 1/{@value #SLOTS} of the stream is
 * guaranteed to be among the candidates, and the candidate with the highest remaining count is
 * returned. For the frame intervals of a video, where one interval (the frame period) dominates,
 * that is the frame period even with gaps, jitter and a few odd intervals. No allocation per value.
 */
final class MostFrequent {
  static final int SLOTS = 16;

  private final long[] keys = new long[SLOTS];
  private final long[] counts = new long[SLOTS];
  private int used;

  void add(long v) {
    for (int i = 0; i < used; i++) {
      if (keys[i] == v) {
        counts[i]++;
        return;
      }
    }
    if (used < SLOTS) {
      keys[used] = v;
      counts[used] = 1;
      used++;
      return;
    }
    // no free counter: every count drops by one, and the counters that reach zero are freed
    int kept = 0;
    for (int i = 0; i < used; i++) {
      if (counts[i] > 1) {
        keys[kept] = keys[i];
        counts[kept] = counts[i] - 1;
        kept++;
      }
    }
    used = kept;
  }

  /** Returns whether no value was added (or none survived). */
  boolean isEmpty() {
    return used == 0;
  }

  /** Returns the candidate with the highest count (the first such one); undefined when empty. */
  long mode() {
    int best = 0;
    for (int i = 1; i < used; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return keys[best];
  }

  void clear() {
    used = 0;
  }
}
