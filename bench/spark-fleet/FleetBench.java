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
    String extra = args.length > 1 ? args[1] : "";
    for (int run = 1; run <= 2; run++) {
      time(spark, "all columns (noop write), one partition per file", run, () ->
          read(spark, dir, null).write().format("noop").mode("overwrite").save());
      time(spark, "all columns (noop write), files packed to 128 MB", run, () ->
          read(spark, dir, "134217728").write().format("noop").mode("overwrite").save());
      time(spark, "SELECT path, max(duration_ns) GROUP BY path", run, () -> {
        read(spark, dir, extra.isEmpty() ? null : extra).createOrReplaceTempView("samples");
        spark.sql("SELECT path, max(duration_ns) FROM samples GROUP BY path").collectAsList();
      });
      time(spark, "gops: files whose longest GOP > 30 frames", run, () -> {
        spark.read().format("rrdvideo").option("table", "gops")
            .option("recursiveFileLookup", "true").load(dir).createOrReplaceTempView("gops");
        spark.sql("SELECT path FROM gops GROUP BY path HAVING max(frames) > 30").collectAsList();
      });
    }
    spark.stop();
  }

  static Dataset<Row> read(SparkSession spark, String dir, String maxPartitionBytes) {
    var r = spark.read().format("rrdvideo").option("recursiveFileLookup", "true");
    if (maxPartitionBytes != null) {
      r = r.option("maxPartitionBytes", maxPartitionBytes);
    }
    return r.load(dir);
  }

  static void time(SparkSession spark, String what, int run, Runnable r) throws Exception {
    metrics.clear();
    long t = System.nanoTime();
    r.run();
    double wall = (System.nanoTime() - t) / 1e9;
    Thread.sleep(200); // listener events are delivered asynchronously
    long reader = 0;
    long rows = 0;
    long files = 0;
    for (Map<String, Long> m : metrics) {
      reader += m.getOrDefault("rrdvideoReaderNanos", 0L);
      rows += m.getOrDefault("rrdvideoRows", 0L);
      files += m.getOrDefault("rrdvideoFilesScanned", 0L);
    }
    System.out.printf(
        "run %d | %-50s | wall %6.2f s | reader %6.2f s (summed over tasks) | files %d | rows %d%n",
        run, what, wall, reader / 1e9, files, rows);
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
