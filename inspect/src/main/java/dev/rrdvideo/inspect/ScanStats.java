package dev.rrdvideo.inspect;

/**
 * Counts what scans read and what they left unread, for callers that report it ({@link
 * ScanOptions.Builder#stats}): the sample chunks of recordings decoded, those a time range let a
 * scan skip, and the samples of MP4 files whose bytes were read. Added to by every scan given these
 * options; not thread-safe (one scan at a time).
 */
public final class ScanStats {
  private long sampleChunksRead;
  private long sampleChunksSkipped;
  private long mp4SamplesRead;
  private long sampleChunksWithoutBytes;
  private long sampleBytesSkipped;

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

  /**
   * Returns the number of MP4 samples whose bytes were read: none when no analyzer, hash or payload
   * sink looks at them (the rows then come from the file's sample table alone).
   */
  public long mp4SamplesRead() {
    return mp4SamplesRead;
  }

  /**
   * Returns the number of {@code VideoStream} sample chunks decoded without reading their samples'
   * bytes: chunks stored uncompressed, when no analyzer, hash or payload sink looks at the bytes
   * (only the metadata and the small Arrow buffers were read; LZ4-compressed chunks are read
   * whole).
   */
  public long sampleChunksWithoutBytes() {
    return sampleChunksWithoutBytes;
  }

  /**
   * Returns how many bytes of the {@code VideoStream} sample chunks decoded were left out: the
   * samples' bytes (and their Arrow validity bitmaps) of the chunks counted by {@link
   * #sampleChunksWithoutBytes()}, neither copied nor, past the first 16 KiB of a chunk, read.
   */
  public long sampleBytesSkipped() {
    return sampleBytesSkipped;
  }

  void readWithoutBytes(long chunks, long bytes) {
    sampleChunksWithoutBytes += chunks;
    sampleBytesSkipped += bytes;
  }

  void mp4SampleRead() {
    mp4SamplesRead++;
  }

  void read() {
    sampleChunksRead++;
  }

  void skipped(long chunks) {
    sampleChunksSkipped += chunks;
  }
}
