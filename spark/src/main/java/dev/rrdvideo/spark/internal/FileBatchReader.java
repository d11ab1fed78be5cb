package dev.rrdvideo.spark.internal;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdVideoException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Reads the files of one partition: a producer thread runs the (push-based) scanner into a {@link
 * BatchPipe}; {@link #next()} takes the batches. Closing the reader early (a {@code LIMIT}, a
 * failed task) stops the producer at its next row and deletes any temporary copy.
 *
 * <p>A malformed file fails the task with a {@link RrdVideoException} naming the file's full path
 * and the offset in it (the scanner's exception is the cause), or, with {@code ignoreCorruptFiles},
 * ends that file's rows where the problem was found (the rows before it stay, as with Spark's own
 * file sources) and goes on with the next file.
 */
final class FileBatchReader implements PartitionReader<ColumnarBatch> {
  private final FilePartition partition;
  private final ReaderConfig config;
  private final Configuration conf;
  private final BatchPipe pipe;
  private final ScanCounters counters = new ScanCounters();
  private Thread producer;
  private ColumnarBatch current;

  FileBatchReader(FilePartition partition, ReaderConfig config) {
    this.partition = partition;
    this.config = config;
    this.conf = config.hadoopConf().value().get();
    this.pipe = new BatchPipe(config.schema());
  }

  @Override
  public boolean next() throws IOException {
    if (producer == null) {
      producer = new Thread(this::produce, "rrdvideo-reader-" + partition.index());
      producer.setDaemon(true);
      producer.start();
    }
    current = pipe.next();
    return current != null;
  }

  @Override
  public ColumnarBatch get() {
    return current;
  }

  private void produce() {
    long start = System.nanoTime();
    try {
      if (partition.slice() != null) {
        produceSlice(partition.slice());
      }
      byte[] head = new byte[16];
      for (FileRef f : partition.files()) {
        pipe.path(config.pathPosition(), f.path());
        String entity = config.request().entityFilter();
        if (entity != null
            && InspectAdapter.skipsByEntity(
                head,
                LocalFile.head(f.uri(), conf, head),
                new org.apache.hadoop.fs.Path(java.net.URI.create(f.uri())).getName(),
                entity)) {
          // a media file of another name: not copied, not scanned
          counters.filesSkipped++;
          continue;
        }
        if (!scanned(
            f,
            () ->
                LocalFile.open(f.uri(), f.sizeBytes(), conf, config.maxLocalCopyBytes(), counters),
            path -> InspectAdapter.scan(path, config.request(), pipe, counters))) {
          counters.filesSkipped++;
        }
        counters.readerNanos = System.nanoTime() - start - pipe.waitNanos();
      }
      counters.readerNanos = System.nanoTime() - start - pipe.waitNanos();
      pipe.finish();
    } catch (Throwable t) {
      pipe.fail(t);
    }
  }

  private void produceSlice(FileSlice slice) throws IOException {
    FileRef f = slice.file();
    pipe.path(config.pathPosition(), f.path());
    scanned(
        f,
        () -> LocalFile.forSlice(slice, conf, config.maxLocalCopyBytes(), counters),
        path -> {
          InspectAdapter.scanSlice(path, slice, config.request(), pipe, counters);
          return true;
        });
  }

  /** Opens a local copy of a file (or the file in place). */
  private interface Opener {
    LocalFile open() throws IOException;
  }

  /** Scans a local file; returns whether it held anything the request reads. */
  private interface Scan {
    boolean scan(java.nio.file.Path local) throws IOException;
  }

  /**
   * Opens {@code f} and scans it. A malformed file (found while copying it or while scanning) fails
   * the task with an error naming the file's full path, or with {@code ignoreCorruptFiles} is
   * counted and passed over (returns true); a limit of the options (a file too large to copy) fails
   * the task either way.
   */
  private boolean scanned(FileRef f, Opener opener, Scan scan) throws IOException {
    try (LocalFile local = opener.open()) {
      return scan.scan(local.path());
    } catch (BatchPipe.Cancelled | LimitExceededException e) {
      throw e;
    } catch (RrdVideoException e) {
      if (!config.ignoreCorruptFiles()) {
        throw new RrdVideoException(e.getOriginalMessage(), f.path(), e.offset(), e);
      }
      counters.corruptFiles++;
      return true;
    }
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return ReaderMetrics.values(counters);
  }

  @Override
  public void close() throws IOException {
    pipe.cancel();
    if (producer != null) {
      producer.interrupt();
      try {
        producer.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pipe.close();
    current = null;
  }
}
