package dev.rrdvideo.inspect;

/**
 * Counts what scans read and what they left unread, for callers that report it ({@link
 * ScanOptions.Builder#stats}): the sample chunks of recordings decoded, and those a time range let
 * a scan skip. Added to by every scan given these options; not thread-safe (one scan at a time).
 */
public final class ScanStats {
  private long sampleChunksRead;
  private long sampleChunksSkipped;

  /** Creates zeroed counters. */
  public ScanStats() {}

  /**
   * Returns the number of {@code VideoStream} sample chunks decoded (the chunks read to find an
   * entity's codec, timeline and keyframe markers not included).
   */
  public long sampleChunksRead() {
    return sampleChunksRead;
  }

  /**
   * Returns the number of {@code VideoStream} sample chunks of the scanned entities or parts that
   * were not decoded because their time range (from the file's index) lies outside the scanned
   * range ({@link ScanOptions#ptsRange()}).
   */
  public long sampleChunksSkipped() {
    return sampleChunksSkipped;
  }

  void read() {
    sampleChunksRead++;
  }

  void skipped(long chunks) {
    sampleChunksSkipped += chunks;
  }
}
