package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoFrameReference;
import dev.rrdvideo.format.video.io.AssetVideoWriter;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.bitstream.FrameType;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code AssetVideo} recordings: every one in testdata (written by Rerun 0.33, saved by the 0.26.2
 * and 0.24.1 viewers, and made by {@code convert --mode asset} from the B-frame fixtures) gives the
 * ffprobe packet table of its source MP4, its frame references resolve to the frames ffprobe lists,
 * {@code check} passes and {@code diff} against the source (and a {@code VideoStream} conversion)
 * says equal. Failing cases are made from the real blob with references moved off the frames.
 */
class AssetVideoTest {
  @TempDir Path dir;

  /** An asset recording, the entity holding the asset, and the source MP4 (testdata names). */
  record Case(String rrd, String entity, String mp4) {
    @Override
    public String toString() {
      return rrd;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("rerun/asset_h264_nobf.rrd", "/asset_h264_nobf.mp4", "rerun/asset_h264_nobf.mp4"),
        new Case(
            "rerun/older/v0.26.2_asset_h264_nobf.rrd",
            "/asset_h264_nobf.mp4",
            "rerun/asset_h264_nobf.mp4"),
        new Case("rerun/resaved-0.24.1/asset_h264.rrd", "/h264_base.mp4", "mp4/h264_base.mp4"),
        new Case("convert:mp4/h264_bframes.mp4", "/camera", "mp4/h264_bframes.mp4"),
        new Case("convert:mp4/h264_bpyramid.mp4", "/camera", "mp4/h264_bpyramid.mp4"),
        new Case("convert:mp4/h265_bframes.mp4", "/camera", "mp4/h265_bframes.mp4"));
  }

  /** The recording of a case: a testdata file, or the source MP4 written as an AssetVideo. */
  Path recording(Case c) throws IOException {
    if (!c.rrd().startsWith("convert:")) {
      return TestData.path(c.rrd());
    }
    Path out = dir.resolve(Path.of(c.mp4()).getFileName() + ".asset.rrd");
    return TestRecordings.assetFromMp4(TestData.path(c.mp4()), c.entity(), out);
  }

  /** What a test keeps of a sample row. */
  record Row(
      String entity,
      String timeline,
      long sampleIndex,
      long pts,
      long dtsNanos,
      long durationNanos,
      int size,
      long offset,
      Optional<Boolean> keyDeclared,
      Optional<Boolean> keyBitstream,
      Optional<VideoCodec> codec,
      Optional<FrameType> frameType,
      Optional<String> nalTypes,
      long width,
      long height,
      long gop,
      Optional<String> chunkId) {
    static Row of(SampleRow r) {
      return new Row(
          r.entity(),
          r.timeline(),
          r.sampleIndex(),
          r.pts(),
          r.dtsNanos(),
          r.durationNanos(),
          r.sizeBytes(),
          r.byteOffset(),
          r.keyframeDeclared(),
          r.keyframeBitstream(),
          r.codec(),
          r.frameType(),
          r.nalTypes(),
          r.width(),
          r.height(),
          r.gopIndex(),
          r.chunkId());
    }

    /** The row without the columns that name where it came from. */
    Row anonymous() {
      return new Row(
          "",
          "",
          sampleIndex,
          pts,
          dtsNanos,
          durationNanos,
          size,
          offset,
          keyDeclared,
          keyBitstream,
          codec,
          frameType,
          nalTypes,
          width,
          height,
          gop,
          null);
    }
  }

  /** What a test keeps of a frame reference. */
  record Ref(
      String entity,
      String video,
      String timeline,
      long time,
      long timestampNanos,
      long ticks,
      FrameReference.Status status,
      long frame,
      long sampleIndex) {
    static Ref of(FrameReference r) {
      return new Ref(
          r.entity(),
          r.video(),
          r.timeline(),
          r.time(),
          r.videoTimestampNanos(),
          r.videoTicks(),
          r.status(),
          r.frame(),
          r.sampleIndex());
    }
  }

  /** Everything a scan reports. */
  static final class Collected implements SampleListener {
    final List<Row> rows = new ArrayList<>();
    final List<Ref> refs = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void sample(SampleRow row) {
      rows.add(Row.of(row));
    }

    @Override
    public void frameReference(FrameReference ref) {
      refs.add(Ref.of(ref));
    }

    @Override
    public void endOfFrameReferences(String video, long references) {
      events.add("references " + video + " " + references);
    }

    @Override
    public void endOfStream(String entity, String timeline) {
      events.add("end " + entity + " " + timeline);
    }
  }

  static Collected scan(Path p) throws IOException {
    return scan(p, null);
  }

  static Collected scan(Path p, String entity) throws IOException {
    Collected c = new Collected();
    SampleScanner.scan(
        p,
        entity == null
            ? ScanOptions.defaults()
            : ScanOptions.builder().entity(EntityPath.parse(entity)).build(),
        c);
    return c;
  }

  static VideoChecker check(Path p) throws IOException {
    VideoChecker checker = new VideoChecker(CheckOptions.none());
    SampleScanner.scan(p, ScanOptions.defaults(), checker);
    return checker;
  }

  static Map<String, CheckResult> byRule(VideoChecker checker) {
    return checker.results().stream()
        .collect(Collectors.toMap(r -> r.rule().id(), r -> r, (a, b) -> a));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theTableIsTheFfprobePacketTableOfTheSourceMp4(Case c) throws Exception {
    Collected got = scan(recording(c));
    Ffprobe ff = Ffprobe.video(c.mp4());
    List<Ffprobe.Packet> exp = ff.packets();
    Timescale tb = Timescale.of(ff.ticksPerSecond());
    assertThat(got.rows).hasSize(exp.size());
    for (int i = 0; i < exp.size(); i++) {
      Row r = got.rows.get(i);
      Ffprobe.Packet e = exp.get(i);
      assertThat(r.entity()).isEqualTo(c.entity());
      assertThat(r.timeline()).isEqualTo("AssetVideo track 1");
      assertThat(r.sampleIndex()).isEqualTo(i);
      assertThat(r.pts()).as("%s pts %d", c, i).isEqualTo(e.ptsTicks());
      assertThat(r.dtsNanos()).as("dts %d", i).isEqualTo(tb.toNanos(e.dtsTicks()));
      assertThat(r.durationNanos()).isEqualTo(tb.toNanos(e.durationTicks()));
      assertThat(r.size()).isEqualTo(e.sizeBytes());
      assertThat(r.offset()).as("position in the blob = in the MP4").isEqualTo(e.positionBytes());
      assertThat(r.keyDeclared()).contains(e.key());
      assertThat(r.keyBitstream()).contains(e.key());
      assertThat(r.codec().map(VideoCodec::shortName))
          .contains(InspectMediaTest.codecOf(ff.codecName()));
      assertThat(r.chunkId()).isPresent();
    }
    assertThat(got.rows.get(0).width()).isEqualTo(ff.width());
    assertThat(got.rows.get(0).height()).isEqualTo(ff.height());
    // and every other column is what the MP4 file itself gives
    Collected mp4 = scan(TestData.path(c.mp4()));
    assertThat(got.rows.stream().map(Row::anonymous).toList())
        .isEqualTo(mp4.rows.stream().map(Row::anonymous).toList());
    assertThat(got.events)
        .containsExactly(
            "references " + c.entity() + " " + exp.size(),
            "end " + c.entity() + " AssetVideo track 1");
  }

  /**
   * One reference per frame, and each resolves to the frame ffprobe lists at that rank of
   * presentation order: the frame index is the rank, the sample index the packet's position in
   * decode order, the timestamp its presentation time in ns (ffprobe's pts starts at 0 in all of
   * these sources, as the viewer's does).
   */
  @ParameterizedTest
  @MethodSource("cases")
  void everyReferenceResolvesToTheFrameFfprobeListsAtItsTime(Case c) throws Exception {
    Collected got = scan(recording(c));
    Ffprobe ff = Ffprobe.video(c.mp4());
    List<Ffprobe.Packet> exp = ff.packets();
    Timescale tb = Timescale.of(ff.ticksPerSecond());
    Integer[] byPts = new Integer[exp.size()];
    for (int i = 0; i < byPts.length; i++) {
      byPts[i] = i;
    }
    Arrays.sort(byPts, (a, b) -> Long.compare(exp.get(a).ptsTicks(), exp.get(b).ptsTicks()));
    assertThat(got.refs).hasSize(exp.size());
    for (int k = 0; k < exp.size(); k++) {
      Ref r = got.refs.get(k);
      long ptsTicks = exp.get(byPts[k]).ptsTicks();
      assertThat(r.entity()).isEqualTo(c.entity());
      assertThat(r.video()).isEqualTo(c.entity());
      assertThat(r.timeline()).isEqualTo("video");
      assertThat(r.status()).as("%s reference %d", c, k).isEqualTo(FrameReference.Status.FRAME);
      assertThat(r.frame()).isEqualTo(k);
      assertThat(r.sampleIndex()).isEqualTo((long) byPts[k]);
      assertThat(r.ticks()).isEqualTo(ptsTicks);
      assertThat(Math.abs(r.timestampNanos() - tb.toNanos(ptsTicks))).isLessThanOrEqualTo(1);
    }
  }

  /** The 0.33 import's references, as the independent decoder read them (facts.json). */
  @Test
  void rerun033ReferencesAreTheFactsTimestampsAndHitTheFactsFrames() throws Exception {
    JsonNode facts = RerunFacts.of("asset_h264_nobf");
    JsonNode samples = facts.get("video").get(0).get("asset_video").get("samples");
    Collected got = scan(TestData.path("rerun/asset_h264_nobf.rrd"));
    assertThat(got.refs).hasSize(samples.size());
    for (int k = 0; k < samples.size(); k++) {
      JsonNode s = samples.get(k);
      Ref r = got.refs.get(k);
      assertThat(r.timestampNanos()).isEqualTo(s.get("frame_reference_ns").asLong());
      assertThat(r.time()).isEqualTo(s.get("frame_reference_ns").asLong());
      assertThat(r.frame()).isEqualTo(s.get("presentation_index").asLong());
      assertThat(r.sampleIndex()).isEqualTo(s.get("decode_index").asLong());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void checkPassesWithTheReferenceRule(Case c) throws Exception {
    VideoChecker checker = check(recording(c));
    assertThat(checker.passed()).as(checker.results().toString()).isTrue();
    CheckResult rule = byRule(checker).get("frame-references-resolve");
    assertThat(rule.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(rule.stream()).isEqualTo(c.entity());
    VideoSummary.StreamSummary s = checker.summaries().get(0);
    assertThat(s.entity()).isEqualTo(c.entity());
    assertThat(s.frames()).isEqualTo(Ffprobe.video(c.mp4()).packets().size());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void diffAgainstTheSourceMp4IsEqual(Case c) throws Exception {
    VideoDiff.Result r =
        VideoDiff.compare(TestData.path(c.mp4()), recording(c), DiffOptions.defaults());
    assertThat(r.equal()).as(r.toString()).isTrue();
    assertThat(r.timesCompared()).isTrue();
    assertThat(r.samplesA()).isEqualTo(r.samplesB()).isPositive();
    VideoDiff.Result back =
        VideoDiff.compare(recording(c), TestData.path(c.mp4()), DiffOptions.defaults());
    assertThat(back.equal()).as(back.toString()).isTrue();
  }

  @Test
  void theViewersResaveOfAnAssetEqualsAVideoStreamOfItsSourceMp4() throws Exception {
    // the 0.24.1 viewer's re-save of an asset against a VideoStream made from its source MP4
    Path base = TestRecordings.fromMp4(TestData.path("mp4/h264_base.mp4"), dir.resolve("base.rrd"));
    VideoDiff.Result old =
        VideoDiff.compare(
            base, TestData.path("rerun/resaved-0.24.1/asset_h264.rrd"), DiffOptions.defaults());
    assertThat(old.equal()).as(old.toString()).isTrue();
  }

  @Test
  void theSummaryCountsTheReferences() throws Exception {
    VideoSummary sum = new VideoSummary();
    SampleScanner.scan(TestData.path("rerun/asset_h264_nobf.rrd"), ScanOptions.defaults(), sum);
    VideoSummary.References r = sum.streams().get(0).references();
    assertThat(r.references()).isEqualTo(30);
    assertThat(r.resolved()).isEqualTo(30);
    assertThat(r.unresolved()).isZero();
    assertThat(r.entities()).containsExactly("/asset_h264_nobf.mp4");
    assertThat(r.timeline()).isEqualTo("video");
    // the viewer's time range of the recording (facts.json provenance: 0 .. 1933333333)
    assertThat(r.firstTime()).isEqualTo(0);
    assertThat(r.lastTime()).isEqualTo(1_933_333_333L);
    assertThat(sum.danglingReferences()).isNull();
    java.io.StringWriter text = new java.io.StringWriter();
    Reports.summaryText(sum.streams(), null, new java.io.PrintWriter(text, true));
    assertThat(text.toString())
        .contains("/asset_h264_nobf.mp4 (timeline AssetVideo track 1)")
        .contains("frames       30")
        .contains(
            "references   30 VideoFrameReference rows from /asset_h264_nobf.mp4, timeline video"
                + " 0.000000 s .. 1.933333 s; 30 resolve to a frame");
  }

  // ---------------------------------------------------------------- failing cases, real blob

  /** Presentation times of the frames of asset_h264_nobf.mp4 in ns, from ffprobe. */
  static long[] frameTimesNanos() {
    Ffprobe ff = Ffprobe.video("rerun/asset_h264_nobf.mp4");
    long[] t = new long[ff.packets().size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = Timescale.of(ff.ticksPerSecond()).toNanos(ff.packets().get(i).ptsTicks());
    }
    Arrays.sort(t);
    return t;
  }

  /** The real blob at {@code /camera} with references at {@code times} on timeline video. */
  Path withReferences(String name, long[] times) throws IOException {
    byte[] blob = TestData.bytes("rerun/asset_h264_nobf.mp4");
    return Files.write(dir.resolve(name), Recordings.assetVideo("/camera", blob, times));
  }

  @Test
  void aReferenceBetweenTwoFramesAndOnePastTheEndAreFindings() throws Exception {
    long[] frames = frameTimesNanos();
    long[] times = Arrays.copyOf(frames, frames.length + 1);
    times[5] = (frames[5] + frames[6]) / 2; // half a frame after frame 5
    times[frames.length] = frames[frames.length - 1] + 1_000_000_000L; // a second after the end
    Path p = withReferences("off.rrd", times);

    Collected got = scan(p);
    assertThat(got.refs).hasSize(31);
    Ref between = got.refs.get(5);
    assertThat(between.status()).isEqualTo(FrameReference.Status.BETWEEN_FRAMES);
    assertThat(between.frame()).as("the viewer shows the earlier frame").isEqualTo(5);
    assertThat(between.ticks()).isEqualTo(5 * 1024 + 512);
    Ref past = got.refs.get(30);
    assertThat(past.status()).isEqualTo(FrameReference.Status.PAST_LAST_FRAME);
    assertThat(past.frame()).isEqualTo(29);
    assertThat(got.refs).filteredOn(r -> r.status() == FrameReference.Status.FRAME).hasSize(29);

    VideoChecker checker = check(p);
    assertThat(checker.passed()).isFalse();
    CheckResult rule = byRule(checker).get("frame-references-resolve");
    assertThat(rule.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(rule.violations()).isEqualTo(2);
    assertThat(rule.stream()).isEqualTo("/camera");
    assertThat(rule.message())
        .startsWith("VideoFrameReference /camera at video=" + times[5])
        .contains("between frames: the viewer shows frame 5")
        .contains("(and 1 more of 31 references)");
    // every other rule is about the video, which is fine
    assertThat(checker.results())
        .filteredOn(r -> r.status() == CheckResult.Status.FAIL)
        .extracting(r -> r.rule().id())
        .containsExactly("frame-references-resolve");

    VideoSummary sum = new VideoSummary();
    SampleScanner.scan(p, ScanOptions.defaults(), sum);
    VideoSummary.References r = sum.streams().get(0).references();
    assertThat(r.resolved()).isEqualTo(29);
    assertThat(r.betweenFrames()).isEqualTo(1);
    assertThat(r.pastLastFrame()).isEqualTo(1);
  }

  /**
   * Rerun's own player test seeks 1 us before the first frame ("before_start") and 10 ns after a
   * frame ("not_on_frame_boundary"): in ticks (15360 per second) both round to a frame's own time,
   * so the viewer shows exactly that frame and the references resolve. A second before the first
   * frame does not.
   */
  @Test
  void timestampsAreRoundedToTicksAsTheViewerDoes() throws Exception {
    long[] frames = frameTimesNanos();
    long[] times = {-1_000_000_000L, -1_000, frames[4] + 10, frames[7]};
    Collected got = scan(withReferences("rounding.rrd", times));
    assertThat(got.refs.get(0).status()).isEqualTo(FrameReference.Status.BEFORE_FIRST_FRAME);
    assertThat(got.refs.get(0).frame()).isEqualTo(-1);
    assertThat(got.refs.get(0).ticks()).isEqualTo(-15360);
    assertThat(got.refs.get(1).status()).isEqualTo(FrameReference.Status.FRAME);
    assertThat(got.refs.get(1).frame()).isEqualTo(0);
    assertThat(got.refs.get(2).status()).isEqualTo(FrameReference.Status.FRAME);
    assertThat(got.refs.get(2).frame()).isEqualTo(4);
    assertThat(got.refs.get(3).status()).isEqualTo(FrameReference.Status.FRAME);
    assertThat(got.refs.get(3).frame()).isEqualTo(7);
    assertThat(VideoFrames.ticks(frames[4] + 10, 15360)).isEqualTo(4 * 1024);
    assertThat(VideoFrames.ticks(-1_000, 15360)).isEqualTo(0); // -0.015 ticks rounds to 0
    assertThat(VideoFrames.ticks(32_552, 15360)).isEqualTo(0); // 0.49999 ticks
    assertThat(VideoFrames.ticks(32_553, 15360)).isEqualTo(1); // 0.50001 ticks
    assertThat(VideoFrames.ticks(-32_553, 15360)).isEqualTo(-1); // half away from zero
  }

  /**
   * References elsewhere: an explicit {@code video_reference} to the asset resolves like one on the
   * asset's own entity; one to an entity without asset is a finding of its own.
   */
  @Test
  void explicitVideoReferencesAndReferencesToNoAsset() throws Exception {
    long[] frames = frameTimesNanos();
    byte[] blob = TestData.bytes("rerun/asset_h264_nobf.mp4");
    Path p = dir.resolve("explicit.rrd");
    try (RrdWriter w = RrdWriter.open(p, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      AssetVideoWriter.builder(w, store, EntityPath.parse("/camera"))
          .blob(blob, 0, blob.length)
          .mediaType(AssetVideo.MEDIA_TYPE_MP4)
          .frameTimesNanos(frames, 0)
          .timeline("video", TimeType.DURATION)
          .write();
      ChunkBuilder b =
          ChunkBuilder.forEntity(EntityPath.parse("/view/left"), w.ids())
              .timeline("video", TimeType.DURATION)
              .component(VideoFrameReference.TIMESTAMP, CellType.INT64)
              .component(VideoFrameReference.VIDEO_REFERENCE, CellType.UTF8)
              .create();
      for (int i = 0; i < 3; i++) {
        b.addRow();
        b.setTime(0, frames[i]);
        b.setInt64(0, frames[i]);
        b.setUtf8(1, "camera"); // leading slash optional, as in the viewer
      }
      b.addRow();
      b.setTime(0, frames[3]);
      b.setInt64(0, frames[3]);
      b.setUtf8(1, "/nothing/here");
      try (Chunk c = b.build()) {
        w.writeChunk(store, c);
      }
    }
    Collected got = scan(p);
    assertThat(got.refs).hasSize(4);
    for (int i = 0; i < 3; i++) {
      Ref r = got.refs.get(i);
      assertThat(r.entity()).isEqualTo("/view/left");
      assertThat(r.video()).isEqualTo("/camera");
      assertThat(r.status()).isEqualTo(FrameReference.Status.FRAME);
      assertThat(r.frame()).isEqualTo(i);
    }
    Ref dangling = got.refs.get(3);
    assertThat(dangling.video()).isEqualTo("/nothing/here");
    assertThat(dangling.status()).isEqualTo(FrameReference.Status.NO_ASSET);
    assertThat(got.events)
        .containsExactly(
            "references /camera 3", "end /camera AssetVideo track 1", "references null 1");

    VideoChecker checker = check(p);
    List<CheckResult> fails =
        checker.results().stream().filter(r -> r.status() == CheckResult.Status.FAIL).toList();
    assertThat(fails).hasSize(1);
    assertThat(fails.get(0).rule()).isEqualTo(CheckRule.FRAME_REFERENCES_RESOLVE);
    assertThat(fails.get(0).stream()).isEqualTo("/nothing/here");
    assertThat(fails.get(0).message()).contains("/nothing/here has no AssetVideo blob");
    assertThat(byRule(checker).get("frame-references-resolve").stream()).isEqualTo("/camera");

    // --entity /camera: its references only
    Collected only = scan(p, "/camera");
    assertThat(only.refs).hasSize(3);
  }

  /**
   * {@code video_reference} is read latest-at like every component (Rerun's visualizer queries each
   * component at the time cursor; {@code range_zip} carries optional components forward): logged
   * once on the first row, it holds for the rows after it, in any chunk, not for rows before it; a
   * static value holds for every row.
   */
  @Test
  void aVideoReferenceHoldsForTheRowsAfterIt() throws Exception {
    long[] frames = frameTimesNanos();
    byte[] blob = TestData.bytes("rerun/asset_h264_nobf.mp4");
    Path p = dir.resolve("inherit.rrd");
    try (RrdWriter w = RrdWriter.open(p, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      AssetVideoWriter.builder(w, store, EntityPath.parse("/camera"))
          .blob(blob, 0, blob.length)
          .mediaType(AssetVideo.MEDIA_TYPE_MP4)
          .frameTimesNanos(frames, 0)
          .timeline("video", TimeType.DURATION)
          .write();
      // /left: the reference is logged on frame 2 only; the chunk of frames 5..9 comes first in
      // the file, the chunk of frames 0..4 (frame 2 naming /camera) after it
      for (int[] range : new int[][] {{5, 10}, {0, 5}}) {
        ChunkBuilder b =
            ChunkBuilder.forEntity(EntityPath.parse("/left"), w.ids())
                .timeline("video", TimeType.DURATION)
                .component(VideoFrameReference.TIMESTAMP, CellType.INT64)
                .component(VideoFrameReference.VIDEO_REFERENCE, CellType.UTF8)
                .create();
        for (int i = range[0]; i < range[1]; i++) {
          b.addRow();
          b.setTime(0, frames[i]);
          b.setInt64(0, frames[i]);
          if (i == 2) {
            b.setUtf8(1, "/camera");
          }
        }
        try (Chunk c = b.build()) {
          w.writeChunk(store, c);
        }
      }
      // /right: a static video_reference, then temporal references without one
      ChunkBuilder s =
          ChunkBuilder.forEntity(EntityPath.parse("/right"), w.ids())
              .component(VideoFrameReference.VIDEO_REFERENCE, CellType.UTF8)
              .create();
      s.addRow();
      s.setUtf8(0, "/camera");
      try (Chunk c = s.build()) {
        w.writeChunk(store, c);
      }
      ChunkBuilder r =
          ChunkBuilder.forEntity(EntityPath.parse("/right"), w.ids())
              .timeline("video", TimeType.DURATION)
              .component(VideoFrameReference.TIMESTAMP, CellType.INT64)
              .create();
      for (int i = 0; i < 3; i++) {
        r.addRow();
        r.setTime(0, frames[i]);
        r.setInt64(0, frames[i]);
      }
      try (Chunk c = r.build()) {
        w.writeChunk(store, c);
      }
    }
    Collected got = scan(p);
    // /camera's: /left frames 5..9 (file order), then 2, 3, 4; then /right 0..2
    assertThat(got.refs.stream().filter(x -> x.video().equals("/camera")))
        .extracting(x -> x.entity() + " " + x.frame())
        .containsExactly(
            "/left 5",
            "/left 6",
            "/left 7",
            "/left 8",
            "/left 9",
            "/left 2",
            "/left 3",
            "/left 4",
            "/right 0",
            "/right 1",
            "/right 2");
    assertThat(got.refs)
        .filteredOn(x -> x.status() == FrameReference.Status.NO_ASSET)
        .extracting(x -> x.entity() + " " + x.video() + " " + x.time())
        .containsExactly("/left /left " + frames[0], "/left /left " + frames[1]);
  }

  /** A blob logged at video=1 s is not there for references before 1 s. */
  @Test
  void aTemporalAssetIsNotThereBeforeItsTime() throws Exception {
    long[] frames = frameTimesNanos();
    byte[] blob = TestData.bytes("rerun/asset_h264_nobf.mp4");
    Path p = dir.resolve("late.rrd");
    try (RrdWriter w = RrdWriter.open(p, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      EntityPath camera = EntityPath.parse("/camera");
      ChunkBuilder a =
          ChunkBuilder.forEntity(camera, w.ids())
              .timeline("video", TimeType.DURATION)
              .component(AssetVideo.BLOB, CellType.BYTES)
              .create();
      a.addRow();
      a.setTime(0, 1_000_000_000L);
      a.setBytes(0, blob, 0, blob.length);
      try (Chunk c = a.build()) {
        w.writeChunk(store, c);
      }
      ChunkBuilder b =
          ChunkBuilder.forEntity(camera, w.ids())
              .timeline("video", TimeType.DURATION)
              .component(VideoFrameReference.TIMESTAMP, CellType.INT64)
              .create();
      for (long t : frames) {
        b.addRow();
        b.setTime(0, t);
        b.setInt64(0, t);
      }
      try (Chunk c = b.build()) {
        w.writeChunk(store, c);
      }
    }
    Collected got = scan(p);
    long early = Arrays.stream(frames).filter(t -> t < 1_000_000_000L).count();
    assertThat(early).isEqualTo(15);
    assertThat(got.refs)
        .filteredOn(r -> r.status() == FrameReference.Status.NO_ASSET)
        .hasSize((int) early)
        .allMatch(r -> r.time() < 1_000_000_000L);
    assertThat(got.refs)
        .filteredOn(r -> r.status() == FrameReference.Status.FRAME)
        .hasSize(frames.length - (int) early);
  }
}
