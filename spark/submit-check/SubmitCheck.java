import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark application that knows nothing of rrdvideo's classes: it finds the data source by its
 * short name in the jar given with --jars, and prints what it reads from a directory.
 */
public final class SubmitCheck {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("rrdvideo-submit-check").getOrCreate();
    Dataset<Row> samples =
        spark
            .read()
            .format("rrdvideo")
            .option("recursiveFileLookup", "true")
            .option("ignoreCorruptFiles", "true")
            .load(args[0]);
    samples.createOrReplaceTempView("samples");
    spark
        .read()
        .format("rrdvideo")
        .option("table", "gops")
        .option("recursiveFileLookup", "true")
        .option("ignoreCorruptFiles", "true")
        .load(args[0])
        .createOrReplaceTempView("gops");
    System.out.println("arrow on Spark's class path: "
        + org.apache.arrow.vector.VectorSchemaRoot.class.getPackage().getImplementationVersion());
    System.out.println("rows: " + samples.count());
    spark
        .sql("SELECT codec, count(DISTINCT path) AS files, count(*) AS samples FROM samples"
            + " GROUP BY codec ORDER BY codec")
        .show(false);
    spark
        .sql("SELECT path, max(duration_ns) AS longest_ns FROM samples GROUP BY path"
            + " ORDER BY longest_ns DESC LIMIT 3")
        .show(false);
    spark
        .sql("SELECT path, max(frames) AS longest_gop FROM gops GROUP BY path"
            + " HAVING max(frames) > 30 ORDER BY path")
        .show(false);
    spark.stop();
  }
}
