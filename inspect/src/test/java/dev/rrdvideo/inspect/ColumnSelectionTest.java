package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.testdata.Csv;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --columns}: a chosen subset of the sample table, in the order asked, in every format; and
 * without a bitstream column the bitstream is not read, which changes no container value and leaves
 * the bitstream columns absent (never a guessed {@code false}).
 */
class ColumnSelectionTest {
  private static final List<SampleColumns.Column> CONTAINER =
      SampleColumns.parse("size_bytes,pts,dts_ns,duration_ns,keyframe_declared");

  private static byte[] table(
      String fixture, TableFormat format, List<SampleColumns.Column> columns, SampleAnalyzer a)
      throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(format, columns, bos)) {
      SampleScanner.scan(
          TestData.path(fixture),
          ScanOptions.builder()
              .hash(columns.contains(SampleColumns.Column.SHA256))
              .analyzers(() -> a)
              .build(),
          w);
    }
    return bos.toByteArray();
  }

  private static String text(
      String fixture, TableFormat format, List<SampleColumns.Column> columns, SampleAnalyzer a)
      throws Exception {
    return new String(table(fixture, format, columns, a), StandardCharsets.UTF_8);
  }

  @Test
  void parseKeepsTheOrderAndNamesTheValidColumns() {
    assertThat(SampleColumns.parse("size_bytes, pts"))
        .containsExactly(SampleColumns.Column.SIZE_BYTES, SampleColumns.Column.PTS);
    assertThatThrownBy(() -> SampleColumns.parse("pts,size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown column 'size'; the columns are entity, timeline, sample_index, pts, pts_ns,"
                + " dts_ns, duration_ns, size_bytes, keyframe_declared, keyframe_bitstream,"
                + " frame_type, nal_types, codec, width, height, gop_index, chunk_id,"
                + " byte_offset, sha256");
    assertThatThrownBy(() -> SampleColumns.parse("pts,,size_bytes"))
        .hasMessageStartingWith("an empty column name");
    assertThatThrownBy(() -> SampleColumns.parse("pts,pts"))
        .hasMessage("column 'pts' is named twice");
  }

  @Test
  void onlyTheBitstreamColumnsNeedTheBitstream() {
    List<String> bitstream = new ArrayList<>();
    for (SampleColumns.Column c : SampleColumns.Column.values()) {
      if (c.needsBitstream()) {
        bitstream.add(c.columnName());
      }
    }
    assertThat(bitstream)
        .containsExactly(
            "keyframe_bitstream", "frame_type", "nal_types", "width", "height", "gop_index");
    assertThat(SampleColumns.needsBitstream(CONTAINER)).isFalse();
  }

  /**
   * Without an analyzer, a hash or a payload sink an MP4's rows come from its sample table and no
   * sample is read; each of them makes every sample be read once.
   */
  @Test
  void anMp4sSamplesAreReadOnlyForWhatLooksAtThem() throws Exception {
    int samples = 30; // mp4/h264_base.mp4, as ffprobe counts its packets
    assertThat(mp4SamplesRead(ScanOptions.builder().analyzers(() -> SampleAnalyzer.NONE))).isZero();
    assertThat(mp4SamplesRead(ScanOptions.builder().analyzers(BitstreamAnalyzer::new)))
        .isEqualTo(samples);
    assertThat(
            mp4SamplesRead(ScanOptions.builder().analyzers(() -> SampleAnalyzer.NONE).hash(true)))
        .isEqualTo(samples);
    assertThat(
            mp4SamplesRead(
                ScanOptions.builder()
                    .analyzers(() -> SampleAnalyzer.NONE)
                    .payloads((codec, payload) -> {})))
        .isEqualTo(samples);
  }

  private static long mp4SamplesRead(ScanOptions.Builder options) throws Exception {
    ScanStats stats = new ScanStats();
    List<SampleRow> rows = new ArrayList<>();
    SampleScanner.scan(
        TestData.path("mp4/h264_base.mp4"),
        options.stats(stats).build(),
        new SampleListener() {
          @Override
          public void sample(SampleRow row) {
            rows.add(row);
          }
        });
    assertThat(rows).hasSize(30);
    return stats.mp4SamplesRead();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4/h264_base.mp4",
        "mp4/h265_bframes.mp4",
        "mp4/av1.mp4",
        "rerun/stream_h264.rrd"
      })
  void csvAndJsonlHoldTheChosenColumnsInOrder(String fixture) throws Exception {
    String csv = text(fixture, TableFormat.CSV, CONTAINER, new BitstreamAnalyzer());
    assertThat(csv.lines().findFirst())
        .contains("size_bytes,pts,dts_ns,duration_ns,keyframe_declared");
    // the same values as the full table's columns
    String full =
        text(fixture, TableFormat.CSV, SampleColumns.columns(false), new BitstreamAnalyzer());
    List<String> fullRows = full.lines().toList();
    String[] h = fullRows.get(0).split(",", -1);
    List<String> expected = new ArrayList<>();
    for (String row : fullRows.subList(1, fullRows.size())) {
      String[] f = row.split(",", -1);
      List<String> cells = new ArrayList<>();
      for (SampleColumns.Column c : CONTAINER) {
        cells.add(f[List.of(h).indexOf(c.columnName())]);
      }
      expected.add(String.join(",", cells));
    }
    assertThat(csv.lines().skip(1).toList()).isEqualTo(expected);
    String jsonl = text(fixture, TableFormat.JSONL, CONTAINER, new BitstreamAnalyzer());
    assertThat(jsonl.lines().findFirst().orElseThrow())
        .startsWith("{\"size_bytes\":")
        .doesNotContain("\"entity\"")
        .contains(",\"keyframe_declared\":");
    String pretty = text(fixture, TableFormat.PRETTY, CONTAINER, new BitstreamAnalyzer());
    assertThat(pretty.lines().findFirst().orElseThrow().split(" +"))
        .containsExactly("size_bytes", "pts", "dts_ns", "duration_ns", "keyframe_declared");
  }

  @Test
  void theArrowSchemaListsOnlyTheChosenColumns() throws Exception {
    List<SampleColumns.Column> cols = SampleColumns.parse("pts_ns,sha256,width");
    byte[] arrow = table("mp4/h264_base.mp4", TableFormat.ARROW, cols, new BitstreamAnalyzer());
    try (RootAllocator alloc = new RootAllocator();
        SeekableByteChannel ch = new ByteArrayReadableSeekableByteChannel(arrow);
        ArrowFileReader r = new ArrowFileReader(new SeekableReadChannel(ch), alloc)) {
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      assertThat(root.getSchema().getFields().stream().map(Field::getName))
          .containsExactly("pts_ns", "sha256", "width");
      assertThat(r.loadNextBatch()).isTrue();
      assertThat(root.getRowCount()).isEqualTo(30);
      assertThat(root.getVector("sha256").getObject(0).toString()).hasSize(64);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4/h264_base.mp4",
        "mp4/h264_bframes.mp4",
        "mp4/h265_hvc1.mp4",
        "mp4/av1.mp4",
        "mp4/vp9.mp4",
        "annexb/h264.h264",
        "ivf/vp9.ivf",
        "rerun/stream_h264.rrd",
        "rerun/asset_h264_nobf.rrd"
      })
  void withoutTheBitstreamTheContainerColumnsAreUnchangedAndTheOthersAbsent(String fixture)
      throws Exception {
    List<SampleColumns.Column> all = SampleColumns.columns(false);
    List<String> read =
        text(fixture, TableFormat.CSV, all, new BitstreamAnalyzer()).lines().toList();
    List<String> notRead =
        text(fixture, TableFormat.CSV, all, SampleAnalyzer.NONE).lines().toList();
    assertThat(notRead).hasSameSizeAs(read);
    for (int i = 1; i < read.size(); i++) {
      String[] a = Csv.line(read.get(i));
      String[] b = Csv.line(notRead.get(i));
      for (SampleColumns.Column c : all) {
        int k = all.indexOf(c);
        if (c == SampleColumns.Column.GOP_INDEX) {
          // counted from the declared keyframes alone: the same GOPs where the container
          // declares them, absent where it declares none (a raw stream)
          assertThat(b[k]).as("%s row %d gop_index", fixture, i).isIn(a[k], "");
        } else if (c.needsBitstream()) {
          assertThat(b[k]).as("%s row %d %s", fixture, i, c.columnName()).isEmpty();
        } else {
          assertThat(b[k]).as("%s row %d %s", fixture, i, c.columnName()).isEqualTo(a[k]);
        }
      }
    }
  }
}
