package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.TestRecordings.Entity;
import dev.rrdvideo.inspect.TestRecordings.S;
import dev.rrdvideo.testdata.Csv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording scanned in parts (each part from the context the parts before it leave) gives the
 * rows of one scan; time ranges give the rows of one scan in the range, reading fewer chunks.
 */
class RecordingPartsTest {
  @TempDir static Path dir;

  static Path file;

  /** The rows of one scan of everything, as CSV cells (header first). */
  static List<List<String>> whole;

  /**
   * Four streams whose GOPs span chunks: H.264 (parameter sets in every keyframe), and H.265, AV1
   * and VP9 whose parameter sets / sequence header / picture size come in the first sample only,
   * followed by 56 frames that have none (the first GOP's other frames, repeated).
   */
  @BeforeAll
  static void write() throws IOException {
    List<byte[]> h264 = TestRecordings.units("annexb/h264.h264", VideoCodec.H264);
    List<byte[]> all264 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all264.addAll(h264);
    }
    file =
        TestRecordings.write(
            dir.resolve("parts.rrd"),
            List.of(
                new Entity("/cam/h264", VideoCodec.H264, chunks(all264, 7)),
                new Entity(
                    "/cam/h265",
                    VideoCodec.H265,
                    chunks(longGop(TestRecordings.units("annexb/h265.h265", VideoCodec.H265)), 5)),
                new Entity(
                    "/cam/av1",
                    VideoCodec.AV1,
                    chunks(longGop(TestRecordings.units("obu/av1.obu", VideoCodec.AV1)), 6)),
                new Entity(
                    "/cam/vp9",
                    VideoCodec.VP9,
                    chunks(longGop(TestRecordings.ivfFrames("ivf/vp9.ivf")), 4))));
    whole = csv(file, ScanOptions.builder().hash(true).build(), null);
  }

  private static List<byte[]> longGop(List<byte[]> units) {
    List<byte[]> out = new ArrayList<>(List.of(units.get(0)));
    for (int i = 0; i < 4; i++) {
      out.addAll(units.subList(1, 15));
    }
    return out;
  }

  private static List<List<S>> chunks(List<byte[]> units, int perChunk) {
    List<S> all = TestRecordings.at30fps(units, 0);
    List<List<S>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += perChunk) {
      out.add(all.subList(i, Math.min(all.size(), i + perChunk)));
    }
    return out;
  }

  /** The CSV of a scan of {@code f}, or of its parts in order when {@code parts} is given. */
  private static List<List<String>> csv(Path f, ScanOptions options, List<Part> parts)
      throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, true, bos)) {
      if (parts == null) {
        SampleScanner.scan(f, options, w);
      } else {
        for (Part p : parts) {
          RecordingParts.scan(f, options, p.part(), p.before(), w);
        }
        RecordingParts.scanAssets(f, options, w);
      }
    }
    return Csv.parse(bos.toString(StandardCharsets.UTF_8));
  }

  private record Part(RecordingParts.Part part, StreamContext before) {}

  /** Cuts every stream into parts of {@code chunksPerPart} sample chunks. */
  private static List<RecordingParts.Part> cut(int chunksPerPart) throws IOException {
    List<RecordingParts.Part> out = new ArrayList<>();
    try (RrdFile rrd = RrdFile.open(file)) {
      List<RecordingParts.Stream> streams = RecordingParts.streams(rrd).orElseThrow();
      assertThat(streams).hasSize(4);
      for (RecordingParts.Stream s : streams) {
        List<ChunkIndexEntry> c = s.sampleChunks();
        for (int i = 0; i < c.size(); i += chunksPerPart) {
          long to =
              i + chunksPerPart < c.size() ? c.get(i + chunksPerPart).byteOffset() : Long.MAX_VALUE;
          out.add(new RecordingParts.Part(s.entity(), c.get(i).byteOffset(), to));
        }
      }
    }
    return out;
  }

  /** Scans each part alone, composes, and returns the parts with the context before each. */
  private static List<Part> withContexts(List<RecordingParts.Part> parts, ScanOptions options)
      throws IOException {
    List<Part> out = new ArrayList<>();
    StreamContext before = null;
    for (RecordingParts.Part p : parts) {
      StreamContext own = RecordingParts.scan(file, options, p, null, row -> {});
      assertThat(own.resumable()).as(p.toString()).isTrue();
      if (before == null || !out.get(out.size() - 1).part().entity().equals(p.entity())) {
        before = StreamContext.START;
      }
      out.add(new Part(p, before));
      before = before.then(own);
    }
    return out;
  }

  @Test
  void partsScannedFromTheirContextsGiveTheRowsOfOneScan() throws IOException {
    assertThat(whole).hasSize(1 + 90 + 3 * 57);
    ScanOptions options = ScanOptions.builder().hash(true).build();
    for (int size : new int[] {1, 2, 3, 100}) {
      List<Part> parts = withContexts(cut(size), ScanOptions.defaults());
      assertThat(csv(file, options, parts)).as("parts of %d chunks", size).isEqualTo(whole);
    }
  }

  @Test
  void anEmptySampleDoesNotCostTheLaterPartsTheirContextValues() throws IOException {
    // a zero-length sample in the first chunk: nothing to analyze, yet the scan is analyzed; the
    // parts after it must still get gop_index, width, height and frame_type (they lost them when
    // the context took one row without a bitstream keyframe for an unanalyzed scan)
    List<byte[]> units = new ArrayList<>(TestRecordings.units("annexb/h264.h264", VideoCodec.H264));
    units.add(2, new byte[0]);
    Path f =
        TestRecordings.write(
            dir.resolve("empty-sample.rrd"),
            List.of(new Entity("/cam/h264", VideoCodec.H264, chunks(units, 4))));
    List<List<String>> one = csv(f, ScanOptions.defaults(), null);
    List<Part> parts = new ArrayList<>();
    StreamContext before = StreamContext.START;
    try (RrdFile rrd = RrdFile.open(f)) {
      RecordingParts.Stream s = RecordingParts.streams(rrd).orElseThrow().get(0);
      List<ChunkIndexEntry> c = s.sampleChunks();
      assertThat(c).hasSizeGreaterThan(2);
      for (int i = 0; i < c.size(); i++) {
        long to = i + 1 < c.size() ? c.get(i + 1).byteOffset() : Long.MAX_VALUE;
        RecordingParts.Part p = new RecordingParts.Part(s.entity(), c.get(i).byteOffset(), to);
        parts.add(new Part(p, before));
        before = before.then(RecordingParts.scan(f, ScanOptions.defaults(), p, null, row -> {}));
      }
    }
    assertThat(before.analyzed()).isTrue();
    List<List<String>> split = new ArrayList<>();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, true, bos)) {
      for (Part p : parts) {
        RecordingParts.scan(f, ScanOptions.defaults(), p.part(), p.before(), w);
      }
    }
    split.addAll(Csv.parse(bos.toString(StandardCharsets.UTF_8)));
    assertThat(split).isEqualTo(one);
    // and the values are there: the last row has a GOP index and a picture size
    List<String> header = one.get(0);
    List<String> lastRow = one.get(one.size() - 1);
    assertThat(lastRow.get(header.indexOf("gop_index"))).isNotEmpty();
    assertThat(lastRow.get(header.indexOf("width"))).isNotEmpty();
  }

  @Test
  void theContextCarriesParameterSetsAndSizesSentLongBefore() throws IOException {
    // the H.265 part from chunk 6 on has no parameter set, yet its frame types and sizes are
    // those of one scan: they come from the PPS and SPS of sample 0, through the context
    List<Part> parts = withContexts(cut(6), ScanOptions.defaults());
    Part later =
        parts.stream()
            .filter(p -> p.part().entity().toString().equals("/cam/h265"))
            .toList()
            .get(1);
    assertThat(later.before().samples()).isEqualTo(30);
    assertThat(later.before().parameterSets()).isEqualTo(1);
    List<List<String>> rows = csv(file, ScanOptions.defaults(), List.of(later));
    int nal = whole.get(0).indexOf("nal_types");
    int type = whole.get(0).indexOf("frame_type");
    int width = whole.get(0).indexOf("width");
    assertThat(rows).hasSize(1 + 27);
    for (List<String> r : rows.subList(1, rows.size())) {
      assertThat(r.get(nal).split(",")).doesNotContain("32", "33", "34");
      assertThat(r.get(type)).isIn("P", "B");
      assertThat(r.get(width)).isNotEmpty();
    }
    // the AV1 and VP9 parts likewise (sequence header, key frame size)
    for (String e : List.of("/cam/av1", "/cam/vp9")) {
      Part p = parts.stream().filter(x -> x.part().entity().toString().equals(e)).toList().get(1);
      List<List<String>> r = csv(file, ScanOptions.defaults(), List.of(p));
      assertThat(r.get(1).get(type)).as(e).isEqualTo("P");
      assertThat(r.get(1).get(width)).as(e).isNotEmpty();
    }
  }

  @Test
  void aPartScannedWithoutContextHasTheValuesThatNeedOneAbsent() throws IOException {
    List<RecordingParts.Part> parts = cut(4);
    RecordingParts.Part second = parts.get(1);
    List<List<String>> alone = csv(file, ScanOptions.defaults(), List.of(new Part(second, null)));
    List<String> header = whole.get(0);
    int first = 1 + 28; // the H.264 part from chunk 4 starts at sample 28
    for (int i = 1; i < alone.size(); i++) {
      List<String> expected = new ArrayList<>(whole.get(first + i - 1));
      for (String c : List.of("sample_index", "gop_index", "width", "height", "frame_type")) {
        expected.set(header.indexOf(c), "");
      }
      expected.set(header.indexOf("sha256"), "");
      assertThat(alone.get(i)).isEqualTo(expected);
    }
    assertThatThrownBy(
            () ->
                RecordingParts.scan(
                    file,
                    ScanOptions.defaults(),
                    second,
                    StreamContext.START.then(
                        RecordingParts.scan(
                            file,
                            ScanOptions.builder()
                                .ptsRange(new PtsRange(0, 0))
                                .skipOutsideRange(true)
                                .build(),
                            parts.get(0),
                            null,
                            row -> {})),
                    row -> {}))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("not resumable");
  }

  @Test
  void aTimeRangeGivesTheRowsOfOneScanInItAndSkipsChunksAfterIt() throws IOException {
    int pts = whole.get(0).indexOf("pts_ns");
    long from = Long.parseLong(whole.get(40).get(pts));
    long to = Long.parseLong(whole.get(50).get(pts));
    ScanStats stats = new ScanStats();
    ScanOptions ranged =
        ScanOptions.builder().hash(true).ptsNanosRange(new PtsRange(from, to)).stats(stats).build();
    List<List<String>> got = csv(file, ranged, null);
    List<List<String>> expected = new ArrayList<>(List.of(whole.get(0)));
    for (List<String> r : whole.subList(1, whole.size())) {
      long t = Long.parseLong(r.get(pts));
      if (t >= from && t <= to) {
        expected.add(r);
      }
    }
    assertThat(expected.size()).isGreaterThan(4 * 10);
    assertThat(got).isEqualTo(expected);
    // 1.3 s to 1.63 s (samples 39 to 49 of each stream): every chunk up to the last holding
    // such a sample is read (the rows need the samples before), then the next one when the last
    // row read is in the range (its duration needs the time of the sample after it). H.264 (7 per
    // chunk) reads 0-7 of 13, H.265 (5) 0-9 and 10 of 12 (sample 49 ends chunk 9), AV1 (6) 0-8 of
    // 10, VP9 (4) 0-12 of 15
    assertThat(stats.sampleChunksRead()).isEqualTo(8 + 11 + 9 + 13);
    assertThat(stats.sampleChunksSkipped()).isEqualTo(5 + 1 + 1 + 2);
  }

  @Test
  void skippingOutsideTheRangeReadsOnlyTheChunksInItAndLeavesContextValuesAbsent()
      throws IOException {
    int pts = whole.get(0).indexOf("pts_ns");
    long from = Long.parseLong(whole.get(40).get(pts));
    long to = Long.parseLong(whole.get(50).get(pts));
    ScanStats stats = new ScanStats();
    ScanOptions skipping =
        ScanOptions.builder()
            .ptsNanosRange(new PtsRange(from, to))
            .skipOutsideRange(true)
            .stats(stats)
            .build();
    List<List<String>> got = csv(file, skipping, null);
    List<String> header = whole.get(0);
    List<List<String>> expected = new ArrayList<>();
    for (List<String> r : whole.subList(1, whole.size())) {
      long t = Long.parseLong(r.get(pts));
      if (t >= from && t <= to) {
        expected.add(r);
      }
    }
    assertThat(got).hasSize(expected.size() + 1);
    for (int i = 0; i < expected.size(); i++) {
      for (String c :
          List.of("entity", "pts", "pts_ns", "duration_ns", "size_bytes", "nal_types")) {
        int k = header.indexOf(c);
        assertThat(got.get(i + 1).get(k))
            .as("%s of row %d", c, i)
            .isEqualTo(expected.get(i).get(k));
      }
      assertThat(got.get(i + 1).get(header.indexOf("sample_index"))).isEmpty();
    }
    // per stream: the chunks holding samples 39 to 49, and for H.265 the one after for the last
    // duration: H.264 5-7, H.265 7-10, AV1 6-8, VP9 9-12
    assertThat(stats.sampleChunksRead()).isEqualTo(3 + 4 + 3 + 4);
    assertThat(stats.sampleChunksSkipped()).isEqualTo(10 + 8 + 7 + 11);
  }

  @Test
  void anEmptyRangeReadsNoChunk() throws IOException {
    ScanStats stats = new ScanStats();
    List<List<String>> none =
        csv(
            file,
            ScanOptions.builder().ptsNanosRange(new PtsRange(5, 4)).stats(stats).build(),
            null);
    assertThat(none).hasSize(1);
    assertThat(stats.sampleChunksRead()).isZero();
    assertThat(stats.sampleChunksSkipped()).isEqualTo(13 + 12 + 10 + 15);
  }

  @Test
  void theLastDurationBeforeASkippedChunkComesFromTheNextChunkWithASample() throws IOException {
    // chunk 1 of the entity has rows without samples (markers only): the first sample after
    // chunk 0 is in chunk 2, for one scan as for a range that ends in chunk 0
    List<byte[]> units = TestRecordings.units("annexb/h264.h264", VideoCodec.H264);
    Path f = dir.resolve("empty-chunk.rrd");
    try (dev.rrdvideo.format.RrdWriter w =
        dev.rrdvideo.format.RrdWriter.open(f, dev.rrdvideo.format.RrdWriteOptions.defaults())) {
      dev.rrdvideo.format.StoreId store = w.beginRecording("rrdvideo_test", null);
      dev.rrdvideo.format.chunk.EntityPath e = dev.rrdvideo.format.chunk.EntityPath.parse("/v");
      dev.rrdvideo.format.chunk.ChunkBuilder codec =
          dev.rrdvideo.format.chunk.ChunkBuilder.forEntity(e, w.ids())
              .component(
                  dev.rrdvideo.format.video.VideoStream.CODEC,
                  dev.rrdvideo.format.chunk.CellType.UINT32)
              .create();
      codec.addRow();
      codec.setUInt32(0, VideoCodec.H264.wireValue());
      try (dev.rrdvideo.format.chunk.Chunk c = codec.build()) {
        w.writeChunk(store, c);
      }
      for (int[] rows : new int[][] {{0, 3}, {3, 5}, {5, 8}}) {
        dev.rrdvideo.format.chunk.ChunkBuilder b =
            dev.rrdvideo.format.chunk.ChunkBuilder.forEntity(e, w.ids())
                .timeline("video", dev.rrdvideo.format.chunk.TimeType.DURATION)
                .component(
                    dev.rrdvideo.format.video.VideoStream.SAMPLE,
                    dev.rrdvideo.format.chunk.CellType.BYTES)
                .component(
                    dev.rrdvideo.format.video.VideoStream.IS_KEYFRAME,
                    dev.rrdvideo.format.chunk.CellType.BOOL)
                .create();
        for (int i = rows[0]; i < rows[1]; i++) {
          b.addRow();
          b.setTime(0, i * 33_000_000L);
          if (rows[0] == 3) {
            b.setBool(1, false); // no sample in this chunk
          } else {
            b.setBytes(0, units.get(i), 0, units.get(i).length);
          }
        }
        try (dev.rrdvideo.format.chunk.Chunk c = b.build()) {
          w.writeChunk(store, c);
        }
      }
    }
    List<List<String>> all = csv(f, ScanOptions.defaults(), null);
    int duration = all.get(0).indexOf("duration_ns");
    assertThat(all).hasSize(1 + 6);
    assertThat(all.get(3).get(duration))
        .isEqualTo(String.valueOf(5 * 33_000_000L - 2 * 33_000_000L));
    for (boolean skip : new boolean[] {false, true}) {
      List<List<String>> ranged =
          csv(
              f,
              ScanOptions.builder()
                  .ptsNanosRange(new PtsRange(0, 2 * 33_000_000L))
                  .skipOutsideRange(skip)
                  .build(),
              null);
      assertThat(ranged).hasSize(1 + 3);
      assertThat(ranged.get(3).get(duration))
          .as("skip %s", skip)
          .isEqualTo(all.get(3).get(duration));
    }
  }
}
