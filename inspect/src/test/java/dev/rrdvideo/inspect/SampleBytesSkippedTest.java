package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Container columns of a recording without the samples' bytes: a scan whose columns need no sample
 * byte (no analyzer, hash or payload sink) reads the chunks stored uncompressed without their
 * samples' bytes, and writes exactly the table the full read writes (the same scan with a payload
 * sink that ignores what it gets, which makes it read every sample), in CSV and JSON Lines. The
 * counters show which chunks were read without their bytes: all sample chunks of recordings stored
 * uncompressed, none of those stored LZ4-compressed (Rerun's own files).
 */
class SampleBytesSkippedTest {
  /** Every column that needs no sample byte. */
  private static final List<SampleColumns.Column> CONTAINER =
      SampleColumns.parse(
          "entity,timeline,sample_index,pts,pts_ns,dts_ns,duration_ns,size_bytes,"
              + "keyframe_declared,codec,chunk_id,byte_offset");

  @TempDir static Path dir;

  /**
   * Recordings: name, path, whether some of their sample chunks are stored uncompressed (AUTO
   * compresses these small fixtures' chunks: LZ4 saves more than 1/64 on them).
   */
  record Rec(String name, Path path, boolean uncompressed) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Rec> RECORDINGS = new ArrayList<>();

  @BeforeAll
  static void write() throws IOException {
    for (String f :
        List.of(
            "rerun/stream_h264.rrd",
            "rerun/stream_av1.rrd",
            "rerun/asset_h264_nobf.rrd",
            "rerun/resaved-0.24.1/stream_h264.rrd",
            "rerun/resaved-0.24.1/asset_h264.rrd",
            "rerun/older/v0.26.2_asset_h264_nobf.rrd",
            "rerun/older/v0.31.4_stream_h264_mcap.rrd")) {
      RECORDINGS.add(new Rec(f, TestData.path(f), false));
    }
    RECORDINGS.add(
        new Rec(
            "generated h264 (auto)",
            TestRecordings.fromMp4(TestData.path("mp4/h264_base.mp4"), dir.resolve("base.rrd")),
            false));
    List<byte[]> h264 = TestRecordings.units("annexb/h264.h264", VideoCodec.H264);
    List<byte[]> h265 = TestRecordings.units("annexb/h265.h265", VideoCodec.H265);
    List<byte[]> av1 = TestRecordings.units("obu/av1.obu", VideoCodec.AV1);
    List<TestRecordings.Entity> entities =
        List.of(
            new TestRecordings.Entity(
                "/cam/h264",
                VideoCodec.H264,
                List.of(
                    TestRecordings.at30fps(h264, 0).subList(0, 10),
                    TestRecordings.at30fps(h264, 10))),
            // no static codec: every sample names its own
            new TestRecordings.Entity(
                "/cam/h265",
                null,
                List.of(withCodec(TestRecordings.atFps(h265, 25), VideoCodec.H265))),
            new TestRecordings.Entity(
                "/cam/av1", VideoCodec.AV1, List.of(TestRecordings.atFps(av1, 24))));
    for (Compression c : List.of(Compression.NONE, Compression.LZ4, Compression.AUTO)) {
      Path p = dir.resolve("three-" + c + ".rrd");
      TestRecordings.write(p, entities, RrdWriteOptions.builder().compression(c).build());
      RECORDINGS.add(new Rec("generated three entities (" + c + ")", p, c == Compression.NONE));
    }
    RECORDINGS.add(
        new Rec(
            "generated asset",
            TestRecordings.assetFromMp4(
                TestData.path("mp4/h264_base.mp4"), "/asset", dir.resolve("asset.rrd")),
            false));
  }

  private static List<TestRecordings.S> withCodec(List<TestRecordings.S> in, VideoCodec codec) {
    List<TestRecordings.S> out = new ArrayList<>();
    for (TestRecordings.S s : in) {
      out.add(new TestRecordings.S(s.timeNanos(), s.bytes(), s.declaredKey(), codec));
    }
    return out;
  }

  static Stream<Rec> recordings() throws IOException {
    if (RECORDINGS.isEmpty()) {
      write();
    }
    return RECORDINGS.stream();
  }

  private static String table(Path rrd, TableFormat format, boolean full, ScanStats stats) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    ScanOptions.Builder o = ScanOptions.builder().analyzers(() -> SampleAnalyzer.NONE).stats(stats);
    if (full) {
      o.payloads((codec, sample) -> {});
    }
    try (SampleTableWriter w = new SampleTableWriter(format, CONTAINER, bos)) {
      SampleScanner.scan(rrd, o.build(), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void containerColumnsAreTheFullReadsWithoutReadingTheSamples(Rec rec) throws IOException {
    for (TableFormat format : List.of(TableFormat.CSV, TableFormat.JSONL)) {
      ScanStats fullStats = new ScanStats();
      ScanStats partialStats = new ScanStats();
      String full = table(rec.path(), format, true, fullStats);
      String partial = table(rec.path(), format, false, partialStats);
      assertThat(full.lines().count()).as("rows").isGreaterThan(1);
      assertThat(partial).isEqualTo(full);
      assertThat(fullStats.sampleChunksWithoutBytes()).isZero();
      assertThat(fullStats.sampleBytesSkipped()).isZero();
      long stored = uncompressedSampleChunks(rec.path());
      assertThat(stored > 0).as("sample chunks stored uncompressed").isEqualTo(rec.uncompressed());
      if (rec.uncompressed()) {
        assertThat(partialStats.sampleChunksWithoutBytes()).isEqualTo(stored);
        // at least every sample's bytes were left unread
        assertThat(partialStats.sampleBytesSkipped()).isGreaterThanOrEqualTo(sampleBytes(full));
      } else {
        assertThat(partialStats.sampleChunksWithoutBytes()).isZero();
        assertThat(partialStats.sampleBytesSkipped()).isZero();
      }
    }
    assertThat(Files.size(rec.path())).isPositive();
  }

  /** The number of VideoStream sample chunks whose payload is stored uncompressed. */
  private static long uncompressedSampleChunks(Path rrd) throws IOException {
    long n = 0;
    try (RrdFile f = RrdFile.open(rrd)) {
      for (EntityPath e : VideoStreamReader.videoStreamEntities(f)) {
        try (VideoStreamReader r = VideoStreamReader.open(f, e, null, false)) {
          for (ChunkIndexEntry c : r.sampleChunks()) {
            if (f.readMessage(c).compression() == Compression.NONE) {
              n++;
            }
          }
        }
      }
    }
    return n;
  }

  /** The sum of the size_bytes column (8th) of a CSV table; 0 for JSON Lines. */
  private static long sampleBytes(String table) {
    if (!table.startsWith("entity,")) {
      return 0;
    }
    long sum = 0;
    for (String line : table.lines().skip(1).toList()) {
      sum += Long.parseLong(line.split(",", -1)[7]);
    }
    return sum;
  }
}
