package dev.rrdvideo.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.AssetVideoWriter;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.media.bitstream.IvfReader;
import dev.rrdvideo.media.bitstream.SampleInspector;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording larger than {@code maxPartitionBytes} is read in several partitions (runs of sample
 * chunks per entity, planned from its footer) with exactly the rows, in the same order, of one
 * partition and of the inspect library; filters on {@code pts} / {@code pts_ns} leave the sample
 * chunks outside their range unread.
 */
class SplitAndTimeRangeTest {
  @TempDir static Path dir;

  static SparkSession spark;

  /** Four interleaved streams whose GOPs span chunks, and an {@code AssetVideo}: about 250 KB. */
  static Path big;

  /** The {@code inspect --hash} table of {@link #big} by the library (header first). */
  static List<List<String>> expected;

  /** Split size: the recording becomes about ten parts. */
  static final long SMALL = 32 << 10;

  @BeforeAll
  static void setUp() throws Exception {
    spark = SparkTests.spark();
    big = dir.resolve("big/fleet-cam.rrd");
    Files.createDirectories(big.getParent());
    write(big);
    expected = SparkTests.inspectCsv(big);
    assertThat(expected).hasSizeGreaterThan(300);
  }

  /** One stream being written: its samples and how often a chunk is cut. */
  private record Stream(
      VideoStreamWriter writer, List<byte[]> samples, VideoCodec codec, int every) {}

  /**
   * H.264 (the fixture 4 times over, a keyframe every 10 samples, a chunk every 7), H.265 and AV1
   * with their parameter sets / sequence header in the first sample only (then 84 frames without, a
   * chunk every 5 and 6), VP9 on a sequence timeline (a chunk every 4), written sample by sample in
   * turn so that the entities' chunks interleave; then an MP4 as {@code AssetVideo}.
   */
  private static void write(Path file) throws IOException {
    try (RrdWriter w = RrdWriter.open(file, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_split_test", null);
      List<byte[]> h264 = units("annexb/h264.h264", VideoCodec.H264);
      List<byte[]> h264x4 = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        h264x4.addAll(h264);
      }
      List<byte[]> vp9 = ivf("ivf/vp9.ivf");
      List<Stream> streams =
          List.of(
              stream(w, store, "/cam/h264", VideoCodec.H264, TimeType.DURATION, h264x4, 7),
              stream(
                  w,
                  store,
                  "/cam/h265",
                  VideoCodec.H265,
                  TimeType.DURATION,
                  longGop(units("annexb/h265.h265", VideoCodec.H265)),
                  5),
              stream(
                  w,
                  store,
                  "/cam/av1",
                  VideoCodec.AV1,
                  TimeType.DURATION,
                  longGop(units("obu/av1.obu", VideoCodec.AV1)),
                  6),
              stream(
                  w,
                  store,
                  "/seq/vp9",
                  VideoCodec.VP9,
                  TimeType.SEQUENCE,
                  concat(vp9, vp9, vp9),
                  4));
      SampleInspector inspector = new SampleInspector();
      for (int i = 0; i < 120; i++) {
        for (Stream s : streams) {
          if (i >= s.samples().size()) {
            continue;
          }
          byte[] b = s.samples().get(i);
          inspector.inspect(s.codec(), b, 0, b.length);
          long time = s.codec() == VideoCodec.VP9 ? i : Math.round(i * 1e9 / 30);
          s.writer().addSample(time, b, 0, b.length, inspector.keyframe());
          if (i % s.every() == s.every() - 1) {
            s.writer().flush();
          }
        }
      }
      for (Stream s : streams) {
        s.writer().finish();
      }
      byte[] mp4 = TestData.bytes("mp4/h264_base.mp4");
      long[] times = new long[30];
      for (int i = 0; i < times.length; i++) {
        times[i] = Math.round(i * 1e9 / 30);
      }
      AssetVideoWriter.builder(w, store, EntityPath.parse("/asset"))
          .blob(mp4, 0, mp4.length)
          .mediaType(AssetVideo.MEDIA_TYPE_MP4)
          .frameTimesNanos(times, times.length)
          .write();
    }
  }

  private static Stream stream(
      RrdWriter w,
      StoreId store,
      String entity,
      VideoCodec codec,
      TimeType type,
      List<byte[]> samples,
      int every)
      throws IOException {
    VideoStreamWriter v =
        VideoStreamWriter.builder(w, store, EntityPath.parse(entity))
            .codec(codec)
            .timeline(type == TimeType.SEQUENCE ? "frame" : "video", type)
            .build();
    return new Stream(v, samples, codec, every);
  }

  private static List<byte[]> units(String fixture, VideoCodec codec) throws IOException {
    AccessUnitReader r =
        AccessUnitReader.open(new ByteArrayInputStream(TestData.bytes(fixture)), codec, fixture);
    List<byte[]> out = new ArrayList<>();
    while (r.next()) {
      out.add(Arrays.copyOf(r.unit(), r.unitSize()));
    }
    return out;
  }

  private static List<byte[]> ivf(String fixture) throws IOException {
    IvfReader r = IvfReader.open(new ByteArrayInputStream(TestData.bytes(fixture)), fixture);
    List<byte[]> out = new ArrayList<>();
    while (r.next()) {
      out.add(Arrays.copyOf(r.frame(), r.frameSize()));
    }
    return out;
  }

  /** The first unit (with the parameter sets), then units 1 to 14 six times: 85 samples. */
  private static List<byte[]> longGop(List<byte[]> units) {
    List<byte[]> out = new ArrayList<>(List.of(units.get(0)));
    for (int i = 0; i < 6; i++) {
      out.addAll(units.subList(1, 15));
    }
    return out;
  }

  @SafeVarargs
  private static List<byte[]> concat(List<byte[]>... lists) {
    List<byte[]> out = new ArrayList<>();
    for (List<byte[]> l : lists) {
      out.addAll(l);
    }
    return out;
  }

  private static Dataset<Row> read(String path, long maxPartitionBytes) {
    return spark
        .read()
        .format("rrdvideo")
        .option("maxPartitionBytes", String.valueOf(maxPartitionBytes))
        .load(path);
  }

  private static List<List<String>> cells(List<Row> rows) {
    return rows.stream().map(r -> SparkTests.cells(r, 1)).toList();
  }

  @Test
  void aSplitRecordingGivesTheRowsOfOnePartitionAndOfTheLibraryInOrder() {
    Dataset<Row> split = read(big.toString(), SMALL);
    List<Row> rows = split.collectAsList();
    Map<String, Long> m = SparkTests.scanMetrics(split);
    int partitions = split.rdd().getNumPartitions();
    // 4 streams of 40 to 70 KB in parts of 32 KB, and the asset part
    assertThat(partitions).isBetween(8, 16);
    assertThat(m.get("rrdvideoFilesSplit")).isEqualTo(1);
    assertThat(m.get("rrdvideoFileParts")).isEqualTo(partitions);
    // every column is selected: the parts before the last of each stream were scanned for their
    // context (here, or by an earlier query over the same file)
    assertThat(m.get("rrdvideoContextParts") + m.get("rrdvideoContextPartsCached"))
        .isEqualTo(partitions - 1 - 4);
    Dataset<Row> again = read(big.toString(), SMALL);
    assertThat(again.collectAsList()).containsExactlyElementsOf(rows);
    assertThat(SparkTests.scanMetrics(again).get("rrdvideoContextParts")).isZero();
    assertThat(SparkTests.scanMetrics(again).get("rrdvideoContextPartsCached"))
        .isEqualTo(partitions - 1 - 4);

    Dataset<Row> one = read(big.toString(), 1L << 30);
    assertThat(one.rdd().getNumPartitions()).isEqualTo(1);
    List<Row> whole = one.collectAsList();
    assertThat(SparkTests.scanMetrics(one).get("rrdvideoFilesSplit")).isZero();
    assertThat(rows).containsExactlyElementsOf(whole);
    assertThat(cells(rows)).containsExactlyElementsOf(expected.subList(1, expected.size()));

    // the default split size is spark.sql.files.maxPartitionBytes (128 MiB): not split
    spark.conf().set("spark.sql.files.maxPartitionBytes", String.valueOf(SMALL));
    try {
      Dataset<Row> bySession = spark.read().format("rrdvideo").load(big.toString());
      assertThat(bySession.rdd().getNumPartitions()).isEqualTo(partitions);
      assertThat(bySession.collectAsList()).containsExactlyElementsOf(whole);
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
    }
    assertThat(spark.read().format("rrdvideo").load(big.toString()).rdd().getNumPartitions())
        .isEqualTo(1);
  }

  @Test
  void columnsThatNeedNoContextAreReadWithoutTheContextPass() {
    String[] cols = {"path", "entity", "pts", "pts_ns", "duration_ns", "size_bytes", "nal_types"};
    Dataset<Row> split =
        read(big.toString(), SMALL).select(cols[0], Arrays.copyOfRange(cols, 1, cols.length));
    List<Row> rows = split.collectAsList();
    assertThat(SparkTests.scanMetrics(split).get("rrdvideoContextParts")).isZero();
    assertThat(SparkTests.scanMetrics(split).get("rrdvideoFileParts")).isGreaterThan(7);
    List<Row> whole =
        read(big.toString(), 1L << 30)
            .select(cols[0], Arrays.copyOfRange(cols, 1, cols.length))
            .collectAsList();
    assertThat(rows).containsExactlyElementsOf(whole);
  }

  @Test
  void theGopAndSummaryTablesAreNotSplit() {
    Dataset<Row> gops =
        spark
            .read()
            .format("rrdvideo")
            .option("table", "gops")
            .option("maxPartitionBytes", String.valueOf(SMALL))
            .load(big.toString());
    assertThat(gops.rdd().getNumPartitions()).isEqualTo(1);
    List<List<String>> csv;
    try {
      csv = SparkTests.gopsCsv(big);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(cells(gops.collectAsList())).containsExactlyElementsOf(csv.subList(1, csv.size()));
  }

  @Test
  void aSplitRemoteRecordingCopiesOnlyWhatEachPartReads() throws IOException {
    String remote = "testfs://" + big.toAbsolutePath();
    Dataset<Row> split = read(remote, SMALL);
    List<Row> rows = split.collectAsList();
    Map<String, Long> m = SparkTests.scanMetrics(split);
    assertThat(m.get("rrdvideoFileParts")).isGreaterThan(7);
    // each part copies its chunks, the entity's codec and marker chunks, its first sample chunk,
    // the chunk after it, and the footer: far less than a copy of the file per part
    assertThat(m.get("rrdvideoBytesCopied")).isLessThan(2 * Files.size(big));
    List<List<String>> got = cells(rows);
    assertThat(got).containsExactlyElementsOf(expected.subList(1, expected.size()));
    assertThat(rows.get(0).getString(0)).startsWith("testfs:/");
  }

  /** The rows of {@code expected} whose {@code column} is in {@code [from, to)}. */
  private static List<List<String>> expectedIn(String column, long from, long to) {
    int c = expected.get(0).indexOf(column);
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : expected.subList(1, expected.size())) {
      if (!r.get(c).isEmpty()
          && Long.parseLong(r.get(c)) >= from
          && Long.parseLong(r.get(c)) < to) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void aTimeFilterSkipsChunksOutsideItAndGivesTheFilteredRows() {
    long from = 2_000_000_000L;
    long to = 2_500_000_000L;
    for (long size : new long[] {1L << 30, SMALL}) {
      Dataset<Row> all = read(big.toString(), size);
      Dataset<Row> ranged =
          all.filter(functions.col("pts_ns").geq(from).and(functions.col("pts_ns").lt(to)));
      List<Row> rows = ranged.collectAsList();
      assertThat(cells(rows))
          .as("split %d", size)
          .containsExactlyElementsOf(expectedIn("pts_ns", from, to));
      // Spark's own filter on everything gives the same rows
      assertThat(rows)
          .containsExactlyInAnyOrderElementsOf(
              read(big.toString(), 1L << 30).collectAsList().stream()
                  .filter(r -> !r.isNullAt(5) && r.getLong(5) >= from && r.getLong(5) < to)
                  .toList());
      Map<String, Long> m = SparkTests.scanMetrics(ranged);
      if (size != SMALL) {
        // H.264 goes on to 4 s, H.265 and AV1 to 2.8 s: their chunks after 2.5 s are not read;
        // the VP9 stream has no pts_ns at all (a sequence timeline): none of its chunks is read
        assertThat(m.get("rrdvideoSampleChunksSkipped")).isGreaterThan(40);
      }
      assertThat(rows.stream().map(r -> r.getString(1)).distinct().sorted().toList())
          .containsExactly("/cam/av1", "/cam/h264", "/cam/h265");
    }
    // split: the parts wholly outside the range are not planned
    Dataset<Row> ranged =
        read(big.toString(), SMALL).filter(functions.col("pts_ns").between(from, to - 1));
    assertThat(ranged.rdd().getNumPartitions())
        .isLessThan(read(big.toString(), SMALL).rdd().getNumPartitions());
  }

  @Test
  void withoutContextColumnsEveryChunkOutsideTheRangeIsSkipped() {
    long from = 2_000_000_000L;
    long to = 2_500_000_000L;
    Dataset<Row> needs =
        read(big.toString(), 1L << 30)
            .filter(functions.col("pts_ns").geq(from).and(functions.col("pts_ns").lt(to)));
    needs.collectAsList();
    Dataset<Row> cheap =
        read(big.toString(), 1L << 30)
            .filter(functions.col("pts_ns").geq(from).and(functions.col("pts_ns").lt(to)))
            .select("path", "entity", "pts_ns", "duration_ns", "size_bytes");
    List<Row> rows = cheap.collectAsList();
    Map<String, Long> all = SparkTests.scanMetrics(needs);
    Map<String, Long> m = SparkTests.scanMetrics(cheap);
    // the chunks before 2 s are read for sample_index / gop_index / sizes only when selected
    assertThat(m.get("rrdvideoSampleChunksRead"))
        .isLessThan(all.get("rrdvideoSampleChunksRead") / 2);
    assertThat(m.get("rrdvideoSampleChunksRead") + m.get("rrdvideoSampleChunksSkipped"))
        .isEqualTo(all.get("rrdvideoSampleChunksRead") + all.get("rrdvideoSampleChunksSkipped"));
    int pts = expected.get(0).indexOf("pts_ns");
    int duration = expected.get(0).indexOf("duration_ns");
    List<List<String>> want = expectedIn("pts_ns", from, to);
    assertThat(rows).hasSize(want.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).get(2).toString()).isEqualTo(want.get(i).get(pts));
      Object d = rows.get(i).get(3);
      assertThat(d == null ? "" : d.toString()).isEqualTo(want.get(i).get(duration));
    }
  }

  @Test
  void aFilterOnTheSequenceTimelineSkipsChunksToo() {
    Dataset<Row> ranged =
        read(big.toString(), 1L << 30).filter("entity = '/seq/vp9' AND pts >= 40 AND pts <= 45");
    List<Row> rows = ranged.collectAsList();
    List<List<String>> want = new ArrayList<>();
    for (List<String> r : expectedIn("pts", 40, 46)) {
      if (r.get(0).equals("/seq/vp9")) {
        want.add(r);
      }
    }
    assertThat(cells(rows)).containsExactlyElementsOf(want);
    assertThat(want).hasSize(6);
    // chunks of 4 frames (and one at each keyframe, frames 0, 15, 30, ...): 40-43 and 44
    Map<String, Long> m = SparkTests.scanMetrics(ranged);
    assertThat(m.get("rrdvideoSampleChunksSkipped")).isGreaterThan(5);
  }
}
