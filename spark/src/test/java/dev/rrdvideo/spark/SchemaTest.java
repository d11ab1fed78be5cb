package dev.rrdvideo.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.inspect.GopTableWriter;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.TableFormat;
import dev.rrdvideo.inspect.VideoSummary;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The Spark tables have exactly the columns and types of {@code rrdvideo inspect --format arrow}
 * (the Arrow IPC files the inspect library writes), plus a leading {@code path}; the summary table
 * has the values of {@code --summary --format json}.
 */
class SchemaTest {
  private static Schema arrowSchema(byte[] ipc) throws Exception {
    try (RootAllocator a = new RootAllocator();
        ArrowFileReader r =
            new ArrowFileReader(
                new SeekableReadChannel(new ByteArrayReadableSeekableByteChannel(ipc)), a)) {
      return r.getVectorSchemaRoot().getSchema();
    }
  }

  /** The Spark type an Arrow column maps to (the types inspect writes). */
  private static DataType sparkType(ArrowType t) {
    if (t instanceof ArrowType.Utf8) {
      return DataTypes.StringType;
    }
    if (t instanceof ArrowType.Bool) {
      return DataTypes.BooleanType;
    }
    if (t instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 64) {
      return DataTypes.LongType;
    }
    if (t instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 32) {
      return DataTypes.IntegerType;
    }
    throw new AssertionError("inspect writes no " + t);
  }

  private static void assertSameColumns(StructType spark, Schema arrow) {
    StructField[] f = spark.fields();
    assertThat(f[0].name()).isEqualTo("path");
    assertThat(f[0].dataType()).isEqualTo(DataTypes.StringType);
    List<Field> a = arrow.getFields();
    assertThat(f).hasSize(a.size() + 1);
    for (int i = 0; i < a.size(); i++) {
      assertThat(f[i + 1].name()).isEqualTo(a.get(i).getName());
      assertThat(f[i + 1].dataType())
          .as(a.get(i).getName())
          .isEqualTo(sparkType(a.get(i).getType()));
      assertThat(f[i + 1].nullable()).isEqualTo(a.get(i).isNullable()).isTrue();
    }
  }

  @Test
  void sampleTableHasTheColumnsOfInspectFormatArrowHash() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.ARROW, true, bos)) {
      SampleScanner.scan(
          TestData.path("mp4/h264_base.mp4"), ScanOptions.builder().hash(true).build(), w);
    }
    Schema arrow = arrowSchema(bos.toByteArray());
    assertThat(arrow.getCustomMetadata()).containsEntry("rrdvideo:schema", "rrdvideo.samples/2");
    assertThat(arrow.getFields()).hasSize(19);
    StructType spark = SparkTests.spark().read().format("rrdvideo").load(".").schema();
    assertSameColumns(spark, arrow);
  }

  @Test
  void gopTableHasTheColumnsOfInspectGopsFormatArrow() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GopTableWriter w = new GopTableWriter(TableFormat.ARROW, bos)) {
      SampleScanner.scan(TestData.path("mp4/h264_base.mp4"), ScanOptions.defaults(), w);
    }
    Schema arrow = arrowSchema(bos.toByteArray());
    assertThat(arrow.getCustomMetadata()).containsEntry("rrdvideo:schema", "rrdvideo.gops/2");
    StructType spark =
        SparkTests.spark().read().format("rrdvideo").option("table", "gops").load(".").schema();
    assertSameColumns(spark, arrow);
  }

  @Test
  void summaryRowsHoldTheValuesOfSummaryJson() throws Exception {
    for (String name :
        List.of("rerun/stream_h264.rrd", "rerun/asset_h264_nobf.rrd", "mp4/h265_bframes.mp4")) {
      Path file = TestData.path(name);
      VideoSummary summary = new VideoSummary();
      SampleScanner.scan(file, ScanOptions.defaults(), summary);
      StringWriter json = new StringWriter();
      Reports.summaryJson(summary.streams(), json);
      JsonNode streams = new ObjectMapper().readTree(json.toString()).get("streams");

      Dataset<Row> df =
          SparkTests.spark()
              .read()
              .format("rrdvideo")
              .option("table", "summary")
              .load(file.toString());
      List<Row> rows = df.collectAsList();
      assertThat(rows).as(name).hasSize(streams.size());
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        JsonNode s = streams.get(i);
        int compared = 0;
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
          String key = it.next();
          JsonNode v = s.get(key);
          if (key.equals("frame_references")) {
            Object refs = r.getAs("frame_references");
            assertThat(refs == null).as(name + " " + key).isEqualTo(v.isNull());
            if (!v.isNull()) {
              assertThat((Long) refs).isEqualTo(v.get("count").asLong());
              assertThat((Long) r.getAs("frame_references_resolved"))
                  .isEqualTo(v.get("resolved").asLong());
            }
            continue;
          }
          Object got = r.getAs(key);
          if (v.isNull()) {
            assertThat(got).as(name + " " + key).isNull();
          } else if (v.isTextual()) {
            assertThat(got).as(name + " " + key).isEqualTo(v.asText());
          } else if (v.isBoolean()) {
            assertThat(got).as(name + " " + key).isEqualTo(v.asBoolean());
          } else if (v.isDouble()) {
            // JSON rounds to 3 decimals; the table keeps full precision
            assertThat(Math.round((Double) got * 1000) / 1000.0)
                .as(name + " " + key)
                .isEqualTo(v.asDouble());
          } else {
            assertThat(((Number) got).longValue()).as(name + " " + key).isEqualTo(v.asLong());
          }
          compared++;
        }
        assertThat(compared).isEqualTo(r.length() - 3);
      }
    }
  }
}
