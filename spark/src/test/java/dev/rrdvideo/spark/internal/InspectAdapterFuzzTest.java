package dev.rrdvideo.spark.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.error.RrdVideoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

  /** One Hadoop configuration for every input (creating one reads its default resources). */
  static final org.apache.hadoop.conf.Configuration CONF =
      new org.apache.hadoop.conf.Configuration();

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

  /**
   * The parts of a recording as the Spark scan plans and reads them: input byte 0 picks the split
   * size ({@code 64 << (b % 12)} bytes), byte 1 the columns (bit 2: every column, else only those
   * that need no context) and a time range (bits 0-1: none, on {@code pts}, on {@code pts_ns}),
   * bytes 2-9 the range's ends (two int32, in ms when on {@code pts_ns}); the rest is a recording.
   * Besides the contract of {@link #scan}, the oracle: when one scan of the whole file succeeds,
   * the parts (each from the context the context pass gives it, composed as the planner does)
   * succeed too and give the same rows in the same order.
   */
  @FuzzTest(maxDuration = "80m", maxExecutions = 1_100_000)
  void parts(byte[] data) throws Exception {
    if (data.length < 10) {
      return;
    }
    long split = 64L << ((data[0] & 0xFF) % 12);
    int flags = data[1] & 0xFF;
    java.nio.ByteBuffer ends = java.nio.ByteBuffer.wrap(data, 2, 8);
    long a = ends.getInt();
    long b = ends.getInt();
    final dev.rrdvideo.inspect.PtsRange pts =
        (flags & 3) == 1 ? new dev.rrdvideo.inspect.PtsRange(Math.min(a, b), Math.max(a, b)) : null;
    dev.rrdvideo.inspect.PtsRange nanos = null;
    if ((flags & 3) == 2) {
      nanos =
          new dev.rrdvideo.inspect.PtsRange(Math.min(a, b) * 1_000_000, Math.max(a, b) * 1_000_000);
    }
    final dev.rrdvideo.inspect.PtsRange ns = nanos;
    TableKind table = TableKind.SAMPLES;
    List<String> cheap =
        List.of("entity", "pts", "pts_ns", "duration_ns", "size_bytes", "nal_types", "sha256");
    StructType columns = table.columns();
    int[] positions = new int[columns.size()];
    StructType schema = new StructType().add(table.schema().fields()[0]);
    for (int i = 0; i < positions.length; i++) {
      if ((flags & 4) != 0 || cheap.contains(columns.fields()[i].name())) {
        positions[i] = schema.size();
        schema = schema.add(columns.fields()[i]);
      } else {
        positions[i] = -1;
      }
    }
    InspectAdapter.Request request =
        new InspectAdapter.Request(table, null, null, null, positions, pts, ns);
    if (dir == null) {
      dir = Files.createTempDirectory("rrdvideo-spark-fuzz");
      dir.toFile().deleteOnExit();
    }
    Path file = dir.resolve("parts.rrd");
    Files.write(file, Arrays.copyOfRange(data, 10, data.length));
    file.toFile().deleteOnExit();
    long arrowBefore = Allocators.root().getAllocatedMemory();

    final StructType s = schema;
    List<String> whole =
        rows(s, pipe -> InspectAdapter.scan(file, request, pipe, new ScanCounters()));

    org.apache.hadoop.conf.Configuration conf = CONF;
    String uri = file.toUri().toString();
    FileRef ref = new FileRef(uri, uri, Files.size(file), 0);
    SplitPlanner.FilePlan plan = new SplitPlanner(conf, 1L << 40).plan(ref, split, null);
    if (plan != null) {
      List<String> parts =
          rows(
              s,
              pipe -> {
                for (SplitPlanner.StreamPlan sp : plan.streams()) {
                  List<dev.rrdvideo.inspect.StreamContext> owns = null;
                  if (request.needsContext()) {
                    owns = new java.util.ArrayList<>();
                    for (FileSlice slice : sp.needingContext(pts, ns)) {
                      owns.add(
                          ContextPass.compute(
                              new ContextPass.Task(
                                  slice, null, request.needsBitstreamContext(), 1L << 40),
                              conf));
                    }
                  }
                  for (FileSlice slice : sp.toRead(pts, ns, owns)) {
                    InspectAdapter.scanSlice(file, slice, request, pipe, new ScanCounters());
                  }
                }
                if (plan.assets() != null) {
                  InspectAdapter.scanSlice(file, plan.assets(), request, pipe, new ScanCounters());
                }
              });
      if (whole != null && !whole.equals(parts)) {
        throw new AssertionError(
            "the parts gave other rows than one scan:\n" + whole + "\n" + parts);
      }
    }
    long arrowAfter = Allocators.root().getAllocatedMemory();
    if (arrowAfter != arrowBefore) {
      throw new AssertionError("Arrow memory " + arrowBefore + " -> " + arrowAfter);
    }
  }

  /** Something that writes rows into a pipe. */
  interface Producer {
    void produce(BatchPipe pipe) throws IOException;
  }

  /**
   * Returns the rows {@code producer} gives, as text, or null when it threw a {@link
   * RrdVideoException}; anything else it throws fails the target.
   */
  static List<String> rows(StructType schema, Producer producer) throws Exception {
    BatchPipe pipe = new BatchPipe(schema);
    pipe.path(0, "file:/fuzz/parts.rrd");
    List<String> out = new java.util.ArrayList<>();
    Future<Long> consumed = CONSUMER.submit(() -> consume(pipe, schema, out));
    RrdVideoException typed = null;
    try {
      producer.produce(pipe);
      pipe.finish();
    } catch (RrdVideoException e) {
      typed = e;
      pipe.fail(e);
    } catch (Throwable t) {
      pipe.fail(t);
      throw t;
    }
    try {
      consumed.get();
    } catch (ExecutionException e) {
      if (typed == null || e.getCause() != typed) {
        throw new AssertionError("the consumer failed", e.getCause());
      }
    }
    return typed == null ? out : null;
  }

  /** Reads every cell of every batch with its column's type; returns the rows. */
  static long consume(BatchPipe pipe, StructType schema) throws IOException {
    return consume(pipe, schema, null);
  }

  /**
   * Reads every cell of every batch with its column's type, adding each row as text to {@code out}
   * when given; returns the number of rows.
   */
  static long consume(BatchPipe pipe, StructType schema, List<String> out) throws IOException {
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
      StringBuilder[] text = new StringBuilder[out == null ? 0 : b.numRows()];
      for (int r = 0; r < text.length; r++) {
        text[r] = new StringBuilder();
      }
      for (int c = 0; c < types.length; c++) {
        ColumnVector v = b.column(c);
        for (int r = 0; r < b.numRows(); r++) {
          Object cell;
          if (v.isNullAt(r)) {
            if (c == 0) {
              throw new AssertionError("path is null");
            }
            cell = null;
          } else {
            DataType t = types[c];
            if (t.equals(DataTypes.StringType)) {
              cell = v.getUTF8String(r).toString();
            } else if (t.equals(DataTypes.LongType)) {
              cell = v.getLong(r);
            } else if (t.equals(DataTypes.IntegerType)) {
              cell = v.getInt(r);
              if ((int) cell < 0) {
                throw new AssertionError("negative " + schema.fields()[c].name());
              }
            } else if (t.equals(DataTypes.BooleanType)) {
              cell = v.getBoolean(r);
            } else if (t.equals(DataTypes.DoubleType)) {
              double d = v.getDouble(r);
              if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new AssertionError(schema.fields()[c].name() + " is " + d);
              }
              cell = d;
            } else {
              throw new AssertionError("unexpected type " + t);
            }
          }
          if (out != null) {
            text[r].append(cell).append('|');
          }
        }
      }
      for (StringBuilder t : text) {
        out.add(t.toString());
      }
      rows += b.numRows();
    }
    return rows;
  }
}
