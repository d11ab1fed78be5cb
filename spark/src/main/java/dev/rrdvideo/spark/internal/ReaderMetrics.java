package dev.rrdvideo.spark.internal;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The reader's task metrics, shown in the Spark UI's SQL tab on the scan node (and readable from
 * the executed plan): what was read, and what was skipped. Spark creates each metric class by
 * reflection on the driver, hence one class per metric.
 */
final class ReaderMetrics {
  private ReaderMetrics() {}

  static final String FILES_SCANNED = "rrdvideoFilesScanned";
  static final String FILES_SKIPPED = "rrdvideoFilesSkipped";
  static final String FILES_PRUNED = "rrdvideoFilesPruned";
  static final String CORRUPT_FILES = "rrdvideoCorruptFiles";
  static final String ROWS = "rrdvideoRows";
  static final String BITSTREAM_PARSES = "rrdvideoBitstreamParses";
  static final String BYTES_COPIED = "rrdvideoBytesCopied";
  static final String READER_NANOS = "rrdvideoReaderNanos";

  /** Files scanned. */
  public static final class FilesScanned extends CustomSumMetric {
    @Override
    public String name() {
      return FILES_SCANNED;
    }

    @Override
    public String description() {
      return "rrdvideo files scanned";
    }
  }

  /** Files skipped by a pushed entity filter. */
  public static final class FilesSkipped extends CustomSumMetric {
    @Override
    public String name() {
      return FILES_SKIPPED;
    }

    @Override
    public String description() {
      return "rrdvideo files skipped by entity";
    }
  }

  /** Files not read because of a filter on {@code path} (a driver metric). */
  public static final class FilesPruned extends CustomSumMetric {
    @Override
    public String name() {
      return FILES_PRUNED;
    }

    @Override
    public String description() {
      return "rrdvideo files skipped by path";
    }
  }

  /** Corrupt files skipped. */
  public static final class CorruptFiles extends CustomSumMetric {
    @Override
    public String name() {
      return CORRUPT_FILES;
    }

    @Override
    public String description() {
      return "rrdvideo corrupt files skipped";
    }
  }

  /** Rows produced. */
  public static final class Rows extends CustomSumMetric {
    @Override
    public String name() {
      return ROWS;
    }

    @Override
    public String description() {
      return "rrdvideo rows read";
    }
  }

  /** Bitstream analyzer calls. */
  public static final class BitstreamParses extends CustomSumMetric {
    @Override
    public String name() {
      return BITSTREAM_PARSES;
    }

    @Override
    public String description() {
      return "rrdvideo samples parsed";
    }
  }

  /** Bytes copied to local disk. */
  public static final class BytesCopied extends CustomSumMetric {
    @Override
    public String name() {
      return BYTES_COPIED;
    }

    @Override
    public String description() {
      return "rrdvideo bytes copied to local disk";
    }
  }

  /**
   * Time in the reader (producer thread, waits for Spark excluded), summed over tasks: the value is
   * in nanoseconds, the UI shows milliseconds.
   */
  public static final class ReaderNanos extends CustomSumMetric {
    @Override
    public String name() {
      return READER_NANOS;
    }

    @Override
    public String description() {
      return "rrdvideo reader time";
    }

    @Override
    public String aggregateTaskMetrics(long[] taskMetrics) {
      long sum = 0;
      for (long t : taskMetrics) {
        sum += t;
      }
      return (sum / 1_000_000) + " ms";
    }
  }

  static CustomMetric[] supported() {
    return new CustomMetric[] {
      new FilesScanned(),
      new FilesSkipped(),
      new FilesPruned(),
      new CorruptFiles(),
      new Rows(),
      new BitstreamParses(),
      new BytesCopied(),
      new ReaderNanos()
    };
  }

  private record Value(String name, long value) implements CustomTaskMetric {}

  static CustomTaskMetric[] driverValues(long filesPruned) {
    return new CustomTaskMetric[] {new Value(FILES_PRUNED, filesPruned)};
  }

  static CustomTaskMetric[] values(ScanCounters c) {
    return new CustomTaskMetric[] {
      new Value(FILES_SCANNED, c.filesScanned),
      new Value(FILES_SKIPPED, c.filesSkipped),
      new Value(CORRUPT_FILES, c.corruptFiles),
      new Value(ROWS, c.rows),
      new Value(BITSTREAM_PARSES, c.bitstreamParses),
      new Value(BYTES_COPIED, c.bytesCopied),
      new Value(READER_NANOS, c.readerNanos)
    };
  }
}
