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
  static final String FILE_PARTS = "rrdvideoFileParts";
  static final String CHUNKS_READ = "rrdvideoSampleChunksRead";
  static final String CHUNKS_SKIPPED = "rrdvideoSampleChunksSkipped";
  static final String FILES_SPLIT = "rrdvideoFilesSplit";
  static final String CONTEXT_PARTS = "rrdvideoContextParts";
  static final String CONTEXT_CACHED = "rrdvideoContextPartsCached";

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

  /** Parts of split recordings read. */
  public static final class FileParts extends CustomSumMetric {
    @Override
    public String name() {
      return FILE_PARTS;
    }

    @Override
    public String description() {
      return "rrdvideo parts of split files read";
    }
  }

  /** Sample chunks decoded. */
  public static final class SampleChunksRead extends CustomSumMetric {
    @Override
    public String name() {
      return CHUNKS_READ;
    }

    @Override
    public String description() {
      return "rrdvideo sample chunks decoded";
    }
  }

  /** Sample chunks left unread by a time filter. */
  public static final class SampleChunksSkipped extends CustomSumMetric {
    @Override
    public String name() {
      return CHUNKS_SKIPPED;
    }

    @Override
    public String description() {
      return "rrdvideo sample chunks skipped by time";
    }
  }

  /** Recordings split into several partitions (a driver metric). */
  public static final class FilesSplit extends CustomSumMetric {
    @Override
    public String name() {
      return FILES_SPLIT;
    }

    @Override
    public String description() {
      return "rrdvideo files split";
    }
  }

  /** Parts scanned by the context pass while planning (a driver metric). */
  public static final class ContextParts extends CustomSumMetric {
    @Override
    public String name() {
      return CONTEXT_PARTS;
    }

    @Override
    public String description() {
      return "rrdvideo parts scanned for their context";
    }
  }

  /** Parts whose context an earlier query left on the driver (a driver metric). */
  public static final class ContextPartsCached extends CustomSumMetric {
    @Override
    public String name() {
      return CONTEXT_CACHED;
    }

    @Override
    public String description() {
      return "rrdvideo part contexts kept from earlier queries";
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
      new ReaderNanos(),
      new FileParts(),
      new SampleChunksRead(),
      new SampleChunksSkipped(),
      new FilesSplit(),
      new ContextParts(),
      new ContextPartsCached()
    };
  }

  private record Value(String name, long value) implements CustomTaskMetric {}

  static CustomTaskMetric[] driverValues(
      long filesPruned, long filesSplit, long contextParts, long contextCached) {
    return new CustomTaskMetric[] {
      new Value(FILES_PRUNED, filesPruned),
      new Value(FILES_SPLIT, filesSplit),
      new Value(CONTEXT_PARTS, contextParts),
      new Value(CONTEXT_CACHED, contextCached)
    };
  }

  static CustomTaskMetric[] values(ScanCounters c) {
    return new CustomTaskMetric[] {
      new Value(FILES_SCANNED, c.filesScanned),
      new Value(FILES_SKIPPED, c.filesSkipped),
      new Value(CORRUPT_FILES, c.corruptFiles),
      new Value(ROWS, c.rows),
      new Value(BITSTREAM_PARSES, c.bitstreamParses),
      new Value(BYTES_COPIED, c.bytesCopied),
      new Value(READER_NANOS, c.readerNanos),
      new Value(FILE_PARTS, c.fileParts),
      new Value(CHUNKS_READ, c.sampleChunksRead),
      new Value(CHUNKS_SKIPPED, c.sampleChunksSkipped)
    };
  }
}
