import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Times queries over a directory with spark.read.format("rrdvideo") (run through SparkSubmit by
 * bench/spark-fleet/run.sh) and prints, per query, the wall time and the rrdvideo reader's own
 * time (metric rrdvideoReaderNanos, summed over tasks).
 */
public final class FleetBench {
  static final List<Map<String, Long>> metrics = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    SparkSession spark = SparkSession.builder().appName("rrdvideo-fleet-bench").getOrCreate();
    ((org.apache.spark.sql.classic.SparkSession) spark)
        .listenerManager()
        .register(
            new QueryExecutionListener() {
              @Override
              public void onSuccess(String f, QueryExecution qe, long ns) {
                metrics.add(scanMetrics(qe.executedPlan()));
              }

              @Override
              public void onFailure(String f, QueryExecution qe, Exception e) {}
            });
    System.out.printf("session start: %.2f s%n", (System.nanoTime() - t0) / 1e9);
    String dir = args[0];
    if (dir.equals("split")) {
      split(spark, args[1]);
      spark.stop();
      return;
    }
    if (args.length > 1) {
      // one query, as a batch job would run it: the whole cold cost is in spark-submit's wall time
      time("all columns but sha256 (noop write), maxPartitionBytes=" + args[1], 1, () ->
          read(spark, dir, args[1], "samples").drop("sha256")
              .write().format("noop").mode("overwrite").save());
      spark.stop();
      return;
    }
    for (int run = 1; run <= 2; run++) {
      for (String packed : new String[] {null, "134217728"}) {
        String how = packed == null ? "per file" : "packed";
        time("all columns but sha256 (noop write), " + how, run, () ->
            read(spark, dir, packed, "samples").drop("sha256")
                .write().format("noop").mode("overwrite").save());
        time("SELECT path, max(duration_ns) GROUP BY path, " + how, run, () -> {
          read(spark, dir, packed, "samples").createOrReplaceTempView("samples");
          spark.sql("SELECT path, max(duration_ns) FROM samples GROUP BY path").collectAsList();
        });
        time("gops: files whose longest GOP > 30 frames, " + how, run, () -> {
          read(spark, dir, packed, "gops").createOrReplaceTempView("gops");
          spark.sql("SELECT path FROM gops GROUP BY path HAVING max(frames) > 30").collectAsList();
        });
      }
    }
    spark.stop();
  }

  /**
   * One large recording read whole (one partition) and split (Spark's default 128 MiB parts, and
   * 32 MiB), each query twice in the session: the second time the context pass is cached.
   */
  static void split(SparkSession spark, String file) throws Exception {
    String[][] sizes = {{"one partition", "1099511627776"}, {"128 MiB parts", null}, {"32 MiB parts", "33554432"}};
    // warm-up (JIT), not timed: the first query of a JVM is several times slower than the next
    time("warm-up: count(*), one partition", 0, () ->
        read(spark, file, sizes[0][1], "samples").agg(org.apache.spark.sql.functions.count("*"))
            .collectAsList());
    for (int run = 1; run <= 3; run++) {
      for (String[] size : sizes) {
        time("all columns but sha256 (noop write), " + size[0], run, () ->
            read(spark, file, size[1], "samples").drop("sha256")
                .write().format("noop").mode("overwrite").save());
        time("count(*), max(duration_ns) (no context), " + size[0], run, () ->
            read(spark, file, size[1], "samples")
                .agg(org.apache.spark.sql.functions.count("*"),
                    org.apache.spark.sql.functions.max("duration_ns"))
                .collectAsList());
        time("pts_ns in [60 s, 62 s), all columns, " + size[0], run, () ->
            read(spark, file, size[1], "samples")
                .filter("pts_ns >= 60000000000 AND pts_ns < 62000000000")
                .collectAsList());
      }
    }
  }

  static Dataset<Row> read(
      SparkSession spark, String dir, String maxPartitionBytes, String table) {
    var r = spark.read().format("rrdvideo").option("recursiveFileLookup", "true")
        .option("table", table);
    if (maxPartitionBytes != null) {
      r = r.option("maxPartitionBytes", maxPartitionBytes);
    }
    return r.load(dir);
  }

  static void time(String what, int run, Runnable r) throws Exception {
    metrics.clear();
    long t = System.nanoTime();
    r.run();
    double wall = (System.nanoTime() - t) / 1e9;
    Thread.sleep(200); // listener events are delivered asynchronously
    Map<String, Long> sum = new java.util.HashMap<>();
    for (Map<String, Long> m : metrics) {
      m.forEach((k, v) -> sum.merge(k, v, Long::sum));
    }
    long reader = sum.getOrDefault("rrdvideoReaderNanos", 0L);
    long rows = sum.getOrDefault("rrdvideoRows", 0L);
    long files = sum.getOrDefault("rrdvideoFilesScanned", 0L);
    long parts = sum.getOrDefault("rrdvideoFileParts", 0L);
    System.out.printf(
        "run %d | %-55s | wall %6.2f s | reader %6.2f s (summed over tasks) | files %d | parts %d"
            + " | rows %d | context parts %d (cached %d) | sample chunks read %d, skipped %d%n",
        run, what, wall, reader / 1e9, files, parts, rows,
        sum.getOrDefault("rrdvideoContextParts", 0L),
        sum.getOrDefault("rrdvideoContextPartsCached", 0L),
        sum.getOrDefault("rrdvideoSampleChunksRead", 0L),
        sum.getOrDefault("rrdvideoSampleChunksSkipped", 0L));
  }

  static Map<String, Long> scanMetrics(SparkPlan plan) {
    Map<String, Long> out = new java.util.HashMap<>();
    for (SparkPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
      if (leaf instanceof BatchScanExec scan) {
        for (Map.Entry<String, SQLMetric> e : CollectionConverters.asJava(scan.metrics()).entrySet()) {
          out.merge(e.getKey(), e.getValue().value(), Long::sum);
        }
      }
    }
    return out;
  }
}
