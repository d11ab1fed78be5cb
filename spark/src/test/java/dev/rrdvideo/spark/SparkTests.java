package dev.rrdvideo.spark;

import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.inspect.GopTableWriter;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.testdata.Csv;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

/** One local[2] Spark session for all test classes, fixtures, and the expected tables. */
final class SparkTests {
  private static SparkSession spark;

  private SparkTests() {}

  /** The shared session (local[2], no UI, no adaptive execution, loopback only). */
  static synchronized SparkSession spark() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("rrdvideo-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.hadoop.fs.testfs.impl", TestFileSystem.class.getName())
              .config("spark.hadoop.fs.testfs.impl.disable.cache", "true")
              .getOrCreate();
    }
    return spark;
  }

  /** Every video fixture of the testdata module (from its MANIFEST.tsv). */
  static List<String> fixtures() {
    List<String> out = new ArrayList<>();
    for (String line : TestData.text("MANIFEST.tsv").split("\n")) {
      String name = line.split("\t")[0];
      if (name.matches(".*\\.(rrd|mp4|h264|h265|264|265|ivf|obu)")) {
        out.add(name);
      }
    }
    return out;
  }

  /** Copies fixtures into {@code dir}, keeping their folders. */
  static void copy(List<String> names, Path dir) throws IOException {
    for (String n : names) {
      Path to = dir.resolve(n);
      Files.createDirectories(to.getParent());
      Files.copy(TestData.path(n), to);
    }
  }

  /**
   * The {@code rrdvideo inspect --format csv --hash} table of a file made by the inspect library,
   * as cells (header first), or null when the library refuses the file.
   */
  static List<List<String>> inspectCsv(Path file) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, true, bos)) {
      SampleScanner.scan(file, ScanOptions.builder().hash(true).build(), w);
    } catch (RrdVideoException e) {
      return null;
    }
    return Csv.parse(bos.toString(StandardCharsets.UTF_8));
  }

  /** The {@code rrdvideo inspect --gops --format csv} table of a file, as cells (header first). */
  static List<List<String>> gopsCsv(Path file) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GopTableWriter w = new GopTableWriter(TableFormat.CSV, bos)) {
      SampleScanner.scan(file, ScanOptions.defaults(), w);
    }
    return Csv.parse(bos.toString(StandardCharsets.UTF_8));
  }

  /** The exception the inspect library throws for a file, or null. */
  static RrdVideoException libraryFailure(Path file) throws IOException {
    try {
      SampleScanner.scan(file, ScanOptions.defaults(), row -> {});
      return null;
    } catch (RrdVideoException e) {
      return e;
    }
  }

  /** A Spark row's cells from {@code from} on, written as the CSV writer writes them. */
  static List<String> cells(Row r, int from) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < r.length(); i++) {
      Object v = r.get(i);
      out.add(v == null ? "" : v.toString());
    }
    return out;
  }

  /** Spark rows grouped by their {@code path} (column 0), in the order collected. */
  static Map<String, List<List<String>>> byPath(List<Row> rows) {
    Map<String, List<List<String>>> out = new HashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(cells(r, 1));
    }
    return out;
  }

  /** The {@code path} value Spark gives a local file. */
  static String sparkPath(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri()).toString();
  }

  /** The values of the rrdvideo metrics of the (executed) scan of {@code df}. */
  static Map<String, Long> scanMetrics(Dataset<Row> df) {
    SparkPlan plan =
        ((org.apache.spark.sql.classic.Dataset<Row>) df).queryExecution().executedPlan();
    Map<String, Long> out = new HashMap<>();
    for (SparkPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
      if (leaf instanceof BatchScanExec scan) {
        for (Map.Entry<String, SQLMetric> e :
            CollectionConverters.asJava(scan.metrics()).entrySet()) {
          if (e.getKey().startsWith("rrdvideo")) {
            out.merge(e.getKey(), e.getValue().value(), Long::sum);
          }
        }
      }
    }
    return out;
  }
}
