package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.TestRecordings.Entity;
import dev.rrdvideo.testdata.Csv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: an analyzer's state belongs to one stream. A recording holds two H.265 streams (160x120
 * and 1920x1080) and two AV1 streams (160x120 and 320x180), each once from its keyframe and once
 * from its second sample (no parameter sets or sequence header yet). Scanned whole, every stream's
 * rows must equal the rows of a recording holding that stream alone, with the standard analyzer and
 * with an analyzer of the caller's own that keeps state and knows nothing of streams.
 */
class PerStreamAnalyzerTest {
  @TempDir Path dir;

  static List<Entity> entities() throws IOException {
    List<byte[]> h265Small = TestRecordings.units("annexb/h265.h265", VideoCodec.H265);
    List<byte[]> h265Large = TestRecordings.units("realworld/mp4ff_hevc.265", VideoCodec.H265);
    List<byte[]> av1Small = TestRecordings.units("obu/av1.obu", VideoCodec.AV1);
    List<byte[]> av1Large = TestRecordings.ivfFrames("realworld/mp4ff_av1.ivf");
    return List.of(
        new Entity("/h265/small", VideoCodec.H265, List.of(TestRecordings.at30fps(h265Small, 0))),
        new Entity("/av1/small", VideoCodec.AV1, List.of(TestRecordings.at30fps(av1Small, 0))),
        new Entity("/h265/large", VideoCodec.H265, List.of(TestRecordings.at30fps(h265Large, 0))),
        new Entity("/av1/large", VideoCodec.AV1, List.of(TestRecordings.at30fps(av1Large, 0))),
        // logging started after the keyframe: this stream has shown no parameter sets yet
        new Entity(
            "/h265/small_late", VideoCodec.H265, List.of(TestRecordings.at30fps(h265Small, 1))),
        new Entity(
            "/av1/small_late", VideoCodec.AV1, List.of(TestRecordings.at30fps(av1Small, 1))));
  }

  /**
   * A caller's analyzer: the standard one plus its own column, written before (or without knowing)
   * that analyzers are per stream. It keeps the standard analyzer's state for as long as it lives.
   */
  static final class CallersAnalyzer implements SampleAnalyzer {
    private final BitstreamAnalyzer inner = new BitstreamAnalyzer();

    @Override
    public void analyze(VideoCodec codec, ByteBuffer sample, Result result) {
      inner.analyze(codec, sample, result);
    }
  }

  @Test
  void theStandardAnalyzerReadsEachStreamAsIfItWereAlone() throws IOException {
    assertEachStreamAsIfAlone(Analyzers.STANDARD);
  }

  @Test
  void aCallersStatefulAnalyzerReadsEachStreamAsIfItWereAlone() throws IOException {
    assertEachStreamAsIfAlone(Analyzers.CALLERS);
  }

  enum Analyzers {
    STANDARD,
    CALLERS
  }

  void assertEachStreamAsIfAlone(Analyzers kind) throws IOException {
    List<Entity> all = entities();
    Map<String, List<String>> together =
        rows(TestRecordings.write(dir.resolve("all.rrd"), all), kind);
    assertThat(together).hasSize(all.size());
    for (Entity e : all) {
      Path alone = dir.resolve(e.path().substring(1).replace('/', '_') + ".rrd");
      Map<String, List<String>> rows = rows(TestRecordings.write(alone, List.of(e)), kind);
      assertThat(together.get(e.path())).as(e.path()).isEqualTo(rows.get(e.path()));
    }
    // the streams do differ: the sizes the bitstream gives are each stream's own
    assertThat(together.get("/h265/large").get(0)).contains("|1920|1080|");
    assertThat(together.get("/av1/large").get(0)).contains("|320|180|");
    assertThat(together.get("/h265/small").get(0)).contains("|160|120|");
  }

  /** CSV rows per entity, without chunk_id (chunk ids differ between recordings). */
  static Map<String, List<String>> rows(Path rrd, Analyzers kind) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, false, bos)) {
      SampleScanner.scan(rrd, options(kind), w);
    }
    String[] lines = bos.toString(StandardCharsets.UTF_8).split("\n");
    String[] h = Csv.line(lines[0]);
    int entity = InspectMediaTest.col(h, "entity");
    int chunk = InspectMediaTest.col(h, "chunk_id");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] r = Csv.line(lines[i]);
      r[chunk] = "";
      out.computeIfAbsent(r[entity], k -> new ArrayList<>()).add(String.join("|", r));
    }
    return out;
  }

  static ScanOptions options(Analyzers kind) {
    Supplier<SampleAnalyzer> analyzers =
        kind == Analyzers.STANDARD ? BitstreamAnalyzer::new : CallersAnalyzer::new;
    return ScanOptions.builder().analyzers(analyzers).build();
  }
}
