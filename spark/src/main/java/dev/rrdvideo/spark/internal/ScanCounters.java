package dev.rrdvideo.spark.internal;

/**
 * What one partition reader did, reported to Spark as task metrics ({@link ReaderMetrics}). Written
 * by the reader's producer thread only, read by the task thread.
 */
final class ScanCounters {
  /** Files whose contents were scanned (the 16-byte kind probe of a skipped file excluded). */
  volatile long filesScanned;

  /** Files skipped without scanning: media files whose name is not the pushed entity. */
  volatile long filesSkipped;

  /** Parts of split recordings scanned. */
  volatile long fileParts;

  /** Sample chunks of recordings decoded. */
  volatile long sampleChunksRead;

  /**
   * Sample chunks of recordings left unread because of a filter on {@code pts} / {@code pts_ns}.
   */
  volatile long sampleChunksSkipped;

  /** Corrupt files skipped with {@code ignoreCorruptFiles}. */
  volatile long corruptFiles;

  /** Rows produced. */
  volatile long rows;

  /** Calls of the bitstream analyzer (0 when no bitstream column is selected). */
  volatile long bitstreamParses;

  /** Bytes copied from non-local file systems to local temporary files. */
  volatile long bytesCopied;

  /**
   * Time the producer spent opening, copying and scanning files and filling batches, in
   * nanoseconds; the time it waited for Spark to take batches is not counted.
   */
  volatile long readerNanos;
}
