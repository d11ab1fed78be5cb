package dev.rrdvideo.spark.internal;

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

  @Override
  public InputPartition[] planInputPartitions() {
    List<InputPartition> out = new ArrayList<>();
    List<FileRef> group = new ArrayList<>();
    long groupBytes = 0;
    for (FileRef f : files()) {
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

  @Override
  public PartitionReaderFactory createReaderFactory() {
    StructType columns = options.table().columns();
    int[] positions = new int[columns.size()];
    List<String> names = Arrays.asList(readSchema.fieldNames());
    for (int i = 0; i < positions.length; i++) {
      positions[i] = names.indexOf(columns.fields()[i].name());
    }
    String entity = options.entity() != null ? options.entity() : filters.entity();
    boolean ignoreCorrupt =
        options.ignoreCorruptFiles() != null
            ? options.ignoreCorruptFiles()
            : Boolean.parseBoolean(
                SparkSession.active().conf().get("spark.sql.files.ignoreCorruptFiles", "false"));
    SparkContext sc = SparkContext.getOrCreate();
    return new ReaderFactory(
        new ReaderConfig(
            readSchema,
            new InspectAdapter.Request(
                options.table(), entity, filters.entity(), options.timeline(), positions),
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
  public CustomTaskMetric[] reportDriverMetrics() {
    files();
    return ReaderMetrics.driverValues(filesPruned);
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
