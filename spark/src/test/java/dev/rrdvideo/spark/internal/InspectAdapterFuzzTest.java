package dev.rrdvideo.spark.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.error.RrdVideoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Coverage-guided fuzzing of what the Spark reader adds to the inspect library: any file, of any
 * kind, scanned into each table with every column selected, through {@link BatchPipe} into Spark
 * column vectors that a consumer thread reads back cell by cell. The contract: only {@link
 * RrdVideoException} escapes the scan, every cell the consumer reads has its column's type, and the
 * library's Arrow allocator is back where it was. (In the {@code internal} package rather than a
 * {@code fuzz} one: the adapter and the pipe are package-private.)
 *
 * <p>Input: byte 0 picks the file kind ({@code % 6}: rrd, mp4, h264, h265, obu, ivf) and the table
 * ({@code / 6 % 3}: samples, gops, summary); the rest is the file.
 */
class InspectAdapterFuzzTest {
  static final String[] NAMES = {"in.rrd", "in.mp4", "in.h264", "in.h265", "in.obu", "in.ivf"};
  static final ExecutorService CONSUMER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "fuzz-consumer");
            t.setDaemon(true);
            return t;
          });
  static Path dir;

  @FuzzTest(maxDuration = "20m", maxExecutions = 1_100_000)
  void scan(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    int k = data[0] & 0xFF;
    String name = NAMES[k % NAMES.length];
    TableKind table = TableKind.values()[k / NAMES.length % 3];
    if (dir == null) {
      Path shm = Path.of("/dev/shm");
      dir =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? Files.createTempDirectory(shm, "rrdvideo-spark-fuzz")
              : Files.createTempDirectory("rrdvideo-spark-fuzz");
      dir.toFile().deleteOnExit();
    }
    Path file = dir.resolve(name);
    Files.write(file, Arrays.copyOfRange(data, 1, data.length));
    file.toFile().deleteOnExit();

    StructType schema = table.schema();
    int[] positions = new int[table.columns().size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i + 1;
    }
    BatchPipe pipe = new BatchPipe(schema);
    pipe.path(0, "file:/fuzz/" + name);
    Future<Long> consumed = CONSUMER.submit(() -> consume(pipe, schema));
    long arrowBefore = Allocators.root().getAllocatedMemory();
    ScanCounters counters = new ScanCounters();
    RrdVideoException typed = null;
    try {
      InspectAdapter.scan(
          file,
          new InspectAdapter.Request(table, null, null, null, positions, null, null),
          pipe,
          counters);
      pipe.finish();
    } catch (RrdVideoException e) {
      typed = e;
      pipe.fail(e);
    } catch (Throwable t) {
      pipe.fail(t);
      throw t;
    }
    long rows;
    try {
      rows = consumed.get();
    } catch (ExecutionException e) {
      if (typed != null && e.getCause() == typed) {
        rows = -1;
      } else {
        throw new AssertionError("the consumer failed", e.getCause());
      }
    }
    if (rows >= 0 && rows != counters.rows) {
      throw new AssertionError("consumer saw " + rows + " rows, the scan counted " + counters.rows);
    }
    long arrowAfter = Allocators.root().getAllocatedMemory();
    if (arrowAfter != arrowBefore) {
      throw new AssertionError("Arrow memory " + arrowBefore + " -> " + arrowAfter);
    }
  }

  /** Reads every cell of every batch with its column's type; returns the rows. */
  static long consume(BatchPipe pipe, StructType schema) throws IOException {
    long rows = 0;
    DataType[] types = new DataType[schema.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = schema.fields()[i].dataType();
    }
    ColumnarBatch b;
    while ((b = pipe.next()) != null) {
      if (b.numRows() <= 0 || b.numCols() != types.length) {
        throw new AssertionError("batch of " + b.numRows() + " rows, " + b.numCols() + " columns");
      }
      for (int c = 0; c < types.length; c++) {
        ColumnVector v = b.column(c);
        for (int r = 0; r < b.numRows(); r++) {
          if (v.isNullAt(r)) {
            if (c == 0) {
              throw new AssertionError("path is null");
            }
            continue;
          }
          DataType t = types[c];
          if (t.equals(DataTypes.StringType)) {
            v.getUTF8String(r).toString();
          } else if (t.equals(DataTypes.LongType)) {
            v.getLong(r);
          } else if (t.equals(DataTypes.IntegerType)) {
            if (v.getInt(r) < 0) {
              throw new AssertionError("negative " + schema.fields()[c].name());
            }
          } else if (t.equals(DataTypes.BooleanType)) {
            v.getBoolean(r);
          } else if (t.equals(DataTypes.DoubleType)) {
            double d = v.getDouble(r);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
              throw new AssertionError(schema.fields()[c].name() + " is " + d);
            }
          } else {
            throw new AssertionError("unexpected type " + t);
          }
        }
      }
      rows += b.numRows();
    }
    return rows;
  }
}
