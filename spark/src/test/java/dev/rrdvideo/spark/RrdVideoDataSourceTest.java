package dev.rrdvideo.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.testdata.Ffprobe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code spark.read.format("rrdvideo")} over the testdata fixtures in a real local[2] session,
 * compared with the tables the inspect library writes for the same files.
 */
class RrdVideoDataSourceTest {
  @TempDir static Path dir;

  static SparkSession spark;

  /** Fixture name to its copy, for the fixtures the inspect library reads. */
  static final Map<String, Path> readable = new HashMap<>();

  /** The same for the fixtures it refuses (damaged files). */
  static final Map<String, Path> refused = new HashMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    spark = SparkTests.spark();
    Path all = dir.resolve("all");
    SparkTests.copy(SparkTests.fixtures(), all);
    for (String name : SparkTests.fixtures()) {
      Path p = all.resolve(name);
      if (SparkTests.libraryFailure(p) == null) {
        readable.put(name, p);
      } else {
        refused.put(name, p);
      }
    }
    Path good = dir.resolve("good");
    SparkTests.copy(new ArrayList<>(readable.keySet()), good);
  }

  private static Dataset<Row> read(String path) {
    return spark.read().format("rrdvideo").option("recursiveFileLookup", "true").load(path);
  }

  @Test
  void everyFixtureEqualsTheInspectCsvOfThatFile() throws Exception {
    assertThat(readable).hasSizeGreaterThan(40);
    assertThat(refused).containsKeys("mp4-damaged/truncated.mp4", "mp4-damaged/no_moov.mp4");
    Path good = dir.resolve("good");
    Dataset<Row> df = read(good.toString());
    List<Row> rows = df.collectAsList();
    Map<String, List<List<String>>> got = SparkTests.byPath(rows);
    // the union of every file, each under its own path, nothing else
    List<String> expectedPaths = new ArrayList<>();
    for (String name : readable.keySet()) {
      expectedPaths.add(SparkTests.sparkPath(good.resolve(name)));
    }
    assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expectedPaths);
    List<String> header = new ArrayList<>(List.of(df.columns()));
    int total = 0;
    for (String name : readable.keySet()) {
      Path file = good.resolve(name);
      List<List<String>> csv = SparkTests.inspectCsv(file);
      assertThat(header.subList(1, header.size())).as(name).isEqualTo(csv.get(0));
      assertThat(got.get(SparkTests.sparkPath(file)))
          .as(name)
          .isEqualTo(csv.subList(1, csv.size()));
      total += csv.size() - 1;
    }
    assertThat(rows).hasSize(total);
    assertThat(total).isGreaterThan(1000);
  }

  @Test
  void mp4RowsMatchFfprobePackets() {
    // an oracle outside rrdvideo: the ffprobe packet tables recorded with the fixtures
    String[] names = {"h264_bframes.mp4", "h265_bframes.mp4", "av1.mp4", "vp9.mp4"};
    for (String n : names) {
      Path file = readable.get("mp4/" + n);
      List<Row> rows =
          read(file.toString()).select("pts", "size_bytes", "keyframe_declared").collectAsList();
      List<Ffprobe.Packet> packets = Ffprobe.video("mp4/" + n).packets();
      assertThat(rows).as(n).hasSize(packets.size());
      for (int i = 0; i < packets.size(); i++) {
        Ffprobe.Packet p = packets.get(i);
        Row r = rows.get(i);
        assertThat(r.getLong(0)).as(n + " pts " + i).isEqualTo(p.ptsTicks());
        assertThat(r.getLong(1)).as(n + " size " + i).isEqualTo(p.sizeBytes());
        assertThat(r.getBoolean(2)).as(n + " key " + i).isEqualTo(p.key());
      }
    }
  }

  @Test
  void gopTableEqualsTheInspectGopsCsvOfEveryFile() throws Exception {
    Path good = dir.resolve("good");
    Dataset<Row> df =
        spark
            .read()
            .format("rrdvideo")
            .option("table", "gops")
            .option("recursiveFileLookup", "true")
            .load(good.toString());
    Map<String, List<List<String>>> got = SparkTests.byPath(df.collectAsList());
    List<String> header = new ArrayList<>(List.of(df.columns()));
    for (String name : readable.keySet()) {
      Path file = good.resolve(name);
      List<List<String>> csv = SparkTests.gopsCsv(file);
      assertThat(header.subList(1, header.size())).isEqualTo(csv.get(0));
      assertThat(got.getOrDefault(SparkTests.sparkPath(file), List.of()))
          .as(name)
          .isEqualTo(csv.subList(1, csv.size()));
    }
  }

  @Test
  void sqlFindsTheFilesWhoseLongestGopExceedsN() throws Exception {
    Path good = dir.resolve("good");
    read(good.toString()).createOrReplaceTempView("samples");
    spark
        .read()
        .format("rrdvideo")
        .option("table", "gops")
        .option("recursiveFileLookup", "true")
        .load(good.toString())
        .createOrReplaceTempView("gops");
    long n = 30;
    List<Row> longGops =
        spark
            .sql(
                "SELECT path, max(frames) AS longest FROM gops GROUP BY path"
                    + " HAVING max(frames) > "
                    + n
                    + " ORDER BY path")
            .collectAsList();
    List<String> expected = new ArrayList<>();
    for (String name : readable.keySet()) {
      Path file = good.resolve(name);
      long longest = 0;
      List<List<String>> gops = SparkTests.gopsCsv(file);
      for (List<String> row : gops.subList(1, gops.size())) {
        longest = Math.max(longest, Long.parseLong(row.get(6)));
      }
      if (longest > n) {
        expected.add(SparkTests.sparkPath(file));
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(longGops.stream().map(r -> r.getString(0)).toList())
        .containsExactlyElementsOf(expected.stream().sorted().toList());

    // the documented example: the longest sample duration per file
    List<Row> maxDuration =
        spark
            .sql("SELECT path, max(duration_ns) AS d FROM samples GROUP BY path ORDER BY d DESC")
            .collectAsList();
    assertThat(maxDuration).hasSize(readable.size());
    Row top = maxDuration.get(0);
    long expectedMax = 0;
    List<List<String>> topCsv =
        SparkTests.inspectCsv(Path.of(java.net.URI.create(top.getString(0))));
    for (List<String> row : topCsv.subList(1, topCsv.size())) {
      expectedMax = Math.max(expectedMax, row.get(6).isEmpty() ? 0 : Long.parseLong(row.get(6)));
    }
    assertThat(top.getLong(1)).isEqualTo(expectedMax);
  }

  @Test
  void unselectedBitstreamColumnsAreNotParsed() {
    String file = readable.get("rerun/stream_h264.rrd").toString();
    Dataset<Row> cheap = read(file).select("path", "pts", "size_bytes", "keyframe_declared");
    List<Row> rows = cheap.collectAsList();
    Map<String, Long> m = SparkTests.scanMetrics(cheap);
    assertThat(rows).isNotEmpty();
    assertThat(m.get("rrdvideoRows")).isEqualTo(rows.size());
    assertThat(m.get("rrdvideoBitstreamParses")).isZero();

    // count(*) selects no column at all
    Dataset<Row> none = read(file).groupBy().count();
    assertThat(none.collectAsList().get(0).getLong(0)).isEqualTo(rows.size());
    assertThat(SparkTests.scanMetrics(none).get("rrdvideoBitstreamParses")).isZero();

    Dataset<Row> full = read(file).select("path", "nal_types");
    List<Row> fullRows = full.collectAsList();
    assertThat(SparkTests.scanMetrics(full).get("rrdvideoBitstreamParses"))
        .isGreaterThanOrEqualTo(fullRows.size());
    // gop_index needs the bitstream keyframes too
    Dataset<Row> gops = read(file).select("gop_index");
    gops.collectAsList();
    assertThat(SparkTests.scanMetrics(gops).get("rrdvideoBitstreamParses")).isPositive();
  }

  @Test
  void pathFilterSkipsFilesAndEntityFilterSkipsStreams() throws Exception {
    Path good = dir.resolve("good");
    String target = SparkTests.sparkPath(good.resolve("mp4/vp9.mp4"));
    Dataset<Row> one = read(good.toString()).filter(functions.col("path").equalTo(target));
    List<Row> rows = one.collectAsList();
    Map<String, Long> m = SparkTests.scanMetrics(one);
    assertThat(m.get("rrdvideoFilesScanned")).isEqualTo(1);
    assertThat(m.get("rrdvideoFilesPruned")).isEqualTo(readable.size() - 1);
    assertThat(rows.stream().map(r -> SparkTests.cells(r, 1)).toList())
        .isEqualTo(SparkTests.inspectCsv(good.resolve("mp4/vp9.mp4")).subList(1, rows.size() + 1));

    Dataset<Row> prefix =
        read(good.toString())
            .filter(functions.col("path").startsWith(SparkTests.sparkPath(good.resolve("ivf"))));
    assertThat(prefix.select("path").distinct().count()).isEqualTo(3);

    // entity = file name of a media file: the other media files are not scanned
    Dataset<Row> byEntity = read(good.toString()).filter("entity = 'vp8.ivf'");
    List<Row> vp8 = byEntity.collectAsList();
    Map<String, Long> em = SparkTests.scanMetrics(byEntity);
    assertThat(vp8).isNotEmpty();
    assertThat(vp8.stream().map(r -> r.getString(0)).distinct().toList())
        .containsExactly(SparkTests.sparkPath(good.resolve("ivf/vp8.ivf")));
    long recordings = readable.keySet().stream().filter(n -> n.endsWith(".rrd")).count();
    assertThat(em.get("rrdvideoFilesScanned")).isEqualTo(1 + recordings);

    // option entity is inspect --entity: it picks the entity of recordings, media files ignore it
    Path mixed = dir.resolve("entity-option");
    Files.createDirectories(mixed);
    Files.copy(readable.get("ivf/vp8.ivf"), mixed.resolve("vp8.ivf"));
    Files.copy(readable.get("rerun/stream_h264.rrd"), mixed.resolve("stream_h264.rrd"));
    List<Row> picked =
        spark
            .read()
            .format("rrdvideo")
            .option("entity", "/nothing/here")
            .load(mixed.toString())
            .select("entity")
            .collectAsList();
    assertThat(picked.stream().map(r -> r.getString(0)).distinct().toList())
        .containsExactly("vp8.ivf");
    assertThat(picked).hasSize(SparkTests.inspectCsv(mixed.resolve("vp8.ivf")).size() - 1);
  }

  @Test
  void resultsDoNotDependOnTheSplit() {
    Path good = dir.resolve("good");
    List<Row> perFile = read(good.toString()).collectAsList();
    List<Row> packed =
        spark
            .read()
            .format("rrdvideo")
            .option("recursiveFileLookup", "true")
            .option("maxPartitionBytes", String.valueOf(16L << 20))
            .load(good.toString())
            .collectAsList();
    assertThat(read(good.toString()).rdd().getNumPartitions()).isEqualTo(readable.size());
    assertThat(packed).containsExactlyElementsOf(perFile);
  }

  @Test
  void aCorruptFileFailsWithItsPathAndOffsetOrIsSkipped() throws Exception {
    Path mixed = dir.resolve("mixed");
    Files.createDirectories(mixed);
    Path bad = mixed.resolve("truncated.mp4");
    Files.copy(refused.get("mp4-damaged/truncated.mp4"), bad);
    Files.copy(readable.get("rerun/stream_h264.rrd"), mixed.resolve("stream_h264.rrd"));
    RrdVideoException expected = SparkTests.libraryFailure(bad);
    assertThat(expected.offset()).isNotNegative();

    Throwable thrown = null;
    try {
      read(mixed.toString()).collectAsList();
    } catch (Exception e) {
      thrown = e;
    }
    assertThat(thrown).isNotNull();
    RrdVideoException located = null;
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof RrdVideoException r && SparkTests.sparkPath(bad).equals(r.source())) {
        located = r;
        break;
      }
    }
    assertThat(located).as("an RrdVideoException naming the file, in %s", thrown).isNotNull();
    assertThat(located.offset()).isEqualTo(expected.offset());
    assertThat(located.getMessage())
        .contains(expected.getOriginalMessage())
        .contains("at offset " + expected.offset())
        .contains(SparkTests.sparkPath(bad));

    Dataset<Row> skipping =
        spark.read().format("rrdvideo").option("ignoreCorruptFiles", "true").load(mixed.toString());
    List<Row> rows = skipping.collectAsList();
    assertThat(SparkTests.scanMetrics(skipping).get("rrdvideoCorruptFiles")).isEqualTo(1);
    assertThat(rows.stream().filter(r -> r.getString(0).endsWith("stream_h264.rrd")).count())
        .isEqualTo(SparkTests.inspectCsv(mixed.resolve("stream_h264.rrd")).size() - 1);
  }

  @Test
  void namesThatNeedEscapingInUrisAreRead() throws Exception {
    Path odd = dir.resolve("odd dir %20");
    Files.createDirectories(odd);
    Path clip = odd.resolve("clip #1 [a].mp4");
    Path ivf = odd.resolve("vidéo ü.ivf");
    Files.copy(readable.get("mp4/h264_base.mp4"), clip);
    Files.copy(readable.get("ivf/vp9.ivf"), ivf);
    Dataset<Row> df = spark.read().format("rrdvideo").load(odd.toString());
    Map<String, List<List<String>>> got = SparkTests.byPath(df.collectAsList());
    for (Path p : List.of(clip, ivf)) {
      List<List<String>> csv = SparkTests.inspectCsv(p);
      assertThat(got.get(SparkTests.sparkPath(p)))
          .as(p.toString())
          .isEqualTo(csv.subList(1, csv.size()));
    }
    assertThat(SparkTests.sparkPath(clip)).contains("clip #1 [a].mp4");
    Dataset<Row> one = df.filter("entity = 'vidéo ü.ivf'");
    assertThat(one.count()).isEqualTo(SparkTests.inspectCsv(ivf).size() - 1);
  }

  @Test
  void badOptionsAreRefusedWithTheOptionName() {
    assertThatThrownBy(
            () -> spark.read().format("rrdvideo").option("table", "frames").load(dir.toString()))
        .hasMessageContaining("option table");
    assertThatThrownBy(
            () ->
                spark
                    .read()
                    .format("rrdvideo")
                    .load(dir.resolve("missing").toString())
                    .collectAsList())
        .hasMessageContaining("Path does not exist");
  }

  @Test
  void anEarlyStopEndsTheProducer() throws Exception {
    String file = readable.get("realworld/mp4ff_prog_8s.mp4").toString();
    List<Row> rows = read(file).limit(3).collectAsList();
    assertThat(rows).hasSize(3);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (readerThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(readerThreads()).isZero();
  }

  private static long readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("rrdvideo-reader-") && t.isAlive())
        .count();
  }

  @Test
  void filesOnOtherFileSystemsAreCopiedAndDeleted() throws Exception {
    Path file = readable.get("rerun/asset_h264_nobf.rrd");
    String remote = "testfs://" + file.toAbsolutePath();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before = copies(tmp);
    Dataset<Row> df = spark.read().format("rrdvideo").load(remote);
    List<Row> rows = df.collectAsList();
    assertThat(SparkTests.scanMetrics(df).get("rrdvideoBytesCopied")).isEqualTo(Files.size(file));
    assertThat(rows.get(0).getString(0)).startsWith("testfs:/");
    assertThat(rows.stream().map(r -> SparkTests.cells(r, 1)).toList())
        .isEqualTo(SparkTests.inspectCsv(file).subList(1, rows.size() + 1));
    assertThat(copies(tmp)).isEqualTo(before);
  }

  @Test
  void anEntityFilterSkipsRemoteMediaFilesWithoutCopyingThem() throws Exception {
    Path remoteDir = dir.resolve("remote");
    Files.createDirectories(remoteDir);
    for (String name : List.of("ivf/vp8.ivf", "ivf/vp9.ivf", "mp4/h264_base.mp4")) {
      Files.copy(readable.get(name), remoteDir.resolve(name.substring(4)));
    }
    Dataset<Row> df =
        spark
            .read()
            .format("rrdvideo")
            .load("testfs://" + remoteDir.toAbsolutePath())
            .filter("entity = 'vp8.ivf'");
    List<Row> rows = df.collectAsList();
    Map<String, Long> m = SparkTests.scanMetrics(df);
    assertThat(m.get("rrdvideoFilesSkipped")).isEqualTo(2);
    assertThat(m.get("rrdvideoFilesScanned")).isEqualTo(1);
    assertThat(m.get("rrdvideoBytesCopied")).isEqualTo(Files.size(remoteDir.resolve("vp8.ivf")));
    assertThat(rows).hasSize(SparkTests.inspectCsv(remoteDir.resolve("vp8.ivf")).size() - 1);
  }

  private static long copies(Path tmp) throws Exception {
    try (var s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("rrdvideo-spark-")).count();
    }
  }
}
