package dev.rrdvideo.spark.internal;

import dev.rrdvideo.inspect.PtsRange;
import dev.rrdvideo.inspect.StreamContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A planned read: the pruned columns, the files (listed once, on the driver, minus those a {@code
 * path} filter excludes) and their partitions.
 */
final class RrdVideoScan implements Scan, Batch {
  /** Cost of opening a file, in bytes, when packing files ({@code maxPartitionBytes}). */
  static final long OPEN_COST_BYTES = 4L << 20;

  private final ReadOptions options;
  private final StructType readSchema;
  private final PushedFilters filters;
  private List<FileRef> files;
  private long filesPruned;
  private InputPartition[] planned;
  private long filesSplit;
  private long contextParts;
  private long contextPartsCached;

  RrdVideoScan(ReadOptions options, StructType readSchema, PushedFilters filters) {
    this.options = options;
    this.readSchema = readSchema;
    this.filters = filters;
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public String description() {
    return "rrdvideo "
        + options.table().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + options.paths()
        + " PushedFilters: "
        + Arrays.toString(filters.pushed());
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  private Configuration hadoopConf() {
    Configuration conf = new Configuration(SparkContext.getOrCreate().hadoopConfiguration());
    for (Map.Entry<String, String> e : options.hadoopOptions().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return conf;
  }

  private synchronized List<FileRef> files() {
    if (files == null) {
      List<FileRef> all;
      try {
        all =
            FileLister.list(
                options.paths(),
                hadoopConf(),
                options.recursiveFileLookup(),
                options.pathGlobFilter());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<FileRef> kept = new ArrayList<>();
      for (FileRef f : all) {
        if (filters.mayMatch(f.path())) {
          kept.add(f);
        }
      }
      filesPruned = all.size() - kept.size();
      files = kept;
    }
    return files;
  }

  /**
   * Returns the size above which recordings are split: option {@code maxPartitionBytes}, else the
   * session's {@code spark.sql.files.maxPartitionBytes} (128 MiB by default).
   */
  private long splitBytes() {
    if (options.maxPartitionBytes() > 0) {
      return options.maxPartitionBytes();
    }
    return org.apache.spark.sql.internal.SQLConf.get().filesMaxPartitionBytes();
  }

  @Override
  public synchronized InputPartition[] planInputPartitions() {
    if (planned == null) {
      try {
        planned = plan();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return planned.clone();
  }

  /**
   * Plans the partitions: whole files (one per partition, or packed up to {@code
   * maxPartitionBytes}) and, for recordings larger than {@link #splitBytes()} read into the sample
   * table, their parts ({@link SplitPlanner}), each continuing from the context of the parts before
   * it when the selected columns need it ({@link ContextPass}). Parts that a time filter excludes
   * by the footer index are not planned.
   */
  private InputPartition[] plan() throws IOException {
    InspectAdapter.Request request = request();
    long split = splitBytes();
    Configuration conf = hadoopConf();
    SplitPlanner planner = new SplitPlanner(conf, options.maxLocalCopyBytes());
    List<Object> items = new ArrayList<>();
    for (FileRef f : files()) {
      SplitPlanner.FilePlan p =
          options.table() == TableKind.SAMPLES && f.sizeBytes() > split
              ? planner.plan(f, split, request.entity())
              : null;
      items.add(p == null ? f : p);
    }
    Map<SplitPlanner.StreamPlan, List<FileSlice>> slices = slices(items, request, conf);
    List<InputPartition> out = new ArrayList<>();
    List<FileRef> group = new ArrayList<>();
    long groupBytes = 0;
    for (Object item : items) {
      if (item instanceof SplitPlanner.FilePlan p) {
        if (!group.isEmpty()) {
          out.add(new FilePartition(out.size(), group));
          group = new ArrayList<>();
          groupBytes = 0;
        }
        filesSplit++;
        for (SplitPlanner.StreamPlan s : p.streams()) {
          for (FileSlice slice : slices.get(s)) {
            out.add(new FilePartition(out.size(), List.of(), slice));
          }
        }
        if (p.assets() != null) {
          out.add(new FilePartition(out.size(), List.of(), p.assets()));
        }
        continue;
      }
      FileRef f = (FileRef) item;
      long cost = f.sizeBytes() + OPEN_COST_BYTES;
      if (!group.isEmpty()
          && (options.maxPartitionBytes() == 0
              || groupBytes + cost > options.maxPartitionBytes())) {
        out.add(new FilePartition(out.size(), group));
        group = new ArrayList<>();
        groupBytes = 0;
      }
      group.add(f);
      groupBytes += cost;
    }
    if (!group.isEmpty()) {
      out.add(new FilePartition(out.size(), group));
    }
    return out.toArray(new InputPartition[0]);
  }

  /**
   * The parts to read of each stream of the split recordings: those a time filter does not exclude,
   * each with the context of the parts before it when the selected columns need one (one {@link
   * ContextPass} job for all); a stream whose contexts cannot be had is read in one part.
   */
  private Map<SplitPlanner.StreamPlan, List<FileSlice>> slices(
      List<Object> items, InspectAdapter.Request request, Configuration conf) {
    boolean context = request.needsContext();
    PtsRange pts = request.ptsRange();
    PtsRange nanos = request.ptsNanosRange();
    List<ContextPass.Task> tasks = new ArrayList<>();
    List<SplitPlanner.StreamPlan> streams = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof SplitPlanner.FilePlan p) {
        for (SplitPlanner.StreamPlan s : p.streams()) {
          streams.add(s);
          if (context) {
            for (FileSlice slice : s.needingContext(pts, nanos)) {
              tasks.add(
                  new ContextPass.Task(
                      slice,
                      request.timeline(),
                      request.needsBitstreamContext(),
                      options.maxLocalCopyBytes()));
            }
          }
        }
      }
    }
    List<StreamContext> contexts = List.of();
    if (!tasks.isEmpty()) {
      java.util.concurrent.atomic.AtomicLong scanned = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicLong cached = new java.util.concurrent.atomic.AtomicLong();
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate());
      contexts =
          ContextPass.run(jsc, jsc.broadcast(new SerializableConf(conf)), tasks, scanned, cached);
      contextParts += scanned.get();
      contextPartsCached += cached.get();
    }
    Map<SplitPlanner.StreamPlan, List<FileSlice>> out = new java.util.IdentityHashMap<>();
    int t = 0;
    for (SplitPlanner.StreamPlan s : streams) {
      List<StreamContext> owns = null;
      if (context) {
        int n = s.needingContext(pts, nanos).size();
        owns = contexts.subList(t, t + n);
        t += n;
      }
      out.put(s, s.toRead(pts, nanos, owns));
    }
    return out;
  }

  /** What every task computes: the table's columns in the pruned schema, entity, time ranges. */
  private InspectAdapter.Request request() {
    StructType columns = options.table().columns();
    int[] positions = new int[columns.size()];
    List<String> names = Arrays.asList(readSchema.fieldNames());
    for (int i = 0; i < positions.length; i++) {
      positions[i] = names.indexOf(columns.fields()[i].name());
    }
    String entity = options.entity() != null ? options.entity() : filters.entity();
    return new InspectAdapter.Request(
        options.table(),
        entity,
        filters.entity(),
        options.timeline(),
        positions,
        filters.pts(),
        filters.ptsNanos());
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    List<String> names = Arrays.asList(readSchema.fieldNames());
    boolean ignoreCorrupt =
        options.ignoreCorruptFiles() != null
            ? options.ignoreCorruptFiles()
            : Boolean.parseBoolean(
                SparkSession.active().conf().get("spark.sql.files.ignoreCorruptFiles", "false"));
    SparkContext sc = SparkContext.getOrCreate();
    return new ReaderFactory(
        new ReaderConfig(
            readSchema,
            request(),
            names.indexOf(TableKind.PATH),
            ignoreCorrupt,
            options.maxLocalCopyBytes(),
            JavaSparkContext.fromSparkContext(sc).broadcast(new SerializableConf(hadoopConf()))));
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ReaderMetrics.supported();
  }

  @Override
  public synchronized CustomTaskMetric[] reportDriverMetrics() {
    files();
    return ReaderMetrics.driverValues(filesPruned, filesSplit, contextParts, contextPartsCached);
  }

  /** Returns the pruned schema: the table's columns that {@code required} names, in table order. */
  static StructType prune(StructType table, StructType required) {
    List<String> names = Arrays.asList(required.fieldNames());
    StructType out = new StructType();
    for (StructField f : table.fields()) {
      if (names.contains(f.name())) {
        out = out.add(f);
      }
    }
    return out;
  }

  /** Returns the filters used to skip work. */
  Filter[] pushedFilters() {
    return filters.pushed();
  }
}
