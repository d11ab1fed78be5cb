package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pretty table made to fit a terminal's width: which columns stay, by width. */
class PrettyFitTest {
  @Test
  void everythingFitsOrTheMostImportantColumnsThatFit() {
    int[] widths = {10, 4, 20, 6};
    int[] order = {1, 3, 0, 2};
    boolean[] none = new boolean[4];
    // all: 10+4+20+6 + 3*2 = 46
    assertThat(PrettyTableWriter.fit(widths, order, none, 46))
        .containsExactly(true, true, true, true);
    assertThat(PrettyTableWriter.fit(widths, order, none, 0))
        .containsExactly(true, true, true, true);
    // 45: 4 (col 1) + 2+6 (col 3) + 2+10 (col 0) = 24; col 2 needs 22 more -> 46 > 45
    assertThat(PrettyTableWriter.fit(widths, order, none, 45))
        .containsExactly(true, true, false, true);
    // 20: col 1 (4), col 3 (12), col 0 would make 24: skipped; col 2 too
    assertThat(PrettyTableWriter.fit(widths, order, none, 20))
        .containsExactly(false, true, false, true);
    // a less important narrow column still goes in when a wider more important one does not
    assertThat(PrettyTableWriter.fit(new int[] {30, 3}, new int[] {0, 1}, new boolean[2], 10))
        .containsExactly(false, true);
    // nothing fits: the most important column anyway
    assertThat(PrettyTableWriter.fit(new int[] {30, 40}, new int[] {1, 0}, new boolean[2], 10))
        .containsExactly(false, true);
  }

  @Test
  void columnsWithOnlyAbsentCellsGoFirst() {
    int[] widths = {10, 4, 20, 6};
    int[] order = {1, 3, 0, 2};
    boolean[] absent = {false, true, false, false};
    // col 1 is all '-': left out although it is the most important, the others fit: 6+2+10+2+20
    assertThat(PrettyTableWriter.fit(widths, order, absent, 45))
        .containsExactly(true, false, true, true);
    // but a table that fits keeps it
    assertThat(PrettyTableWriter.fit(widths, order, absent, 46))
        .containsExactly(true, true, true, true);
  }

  private static List<String> prettyLines(String fixture, int width, List<String> leftOut)
      throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    SampleTableWriter w =
        new SampleTableWriter(TableFormat.PRETTY, SampleColumns.columns(false), bos, width);
    SampleScanner.scan(TestData.path(fixture), ScanOptions.defaults(), w);
    w.close();
    leftOut.addAll(w.leftOut());
    return bos.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @ParameterizedTest(name = "{0} in {1} columns")
  @CsvSource({
    "mp4/h264_base.mp4, 80, sample_index pts duration_ns size_bytes keyframe_declared frame_type",
    "mp4/h264_base.mp4, 100, sample_index pts duration_ns size_bytes keyframe_declared"
        + " keyframe_bitstream frame_type",
    "mp4/h264_base.mp4, 40, sample_index pts size_bytes codec",
    "rerun/stream_h264.rrd, 120, entity sample_index pts duration_ns size_bytes"
        + " keyframe_bitstream frame_type gop_index",
    "rerun/stream_h264.rrd, 80, sample_index pts size_bytes keyframe_bitstream frame_type",
  })
  void theColumnsChosenForAWidth(String fixture, int width, String expected) throws Exception {
    List<String> leftOut = new ArrayList<>();
    List<String> lines = prettyLines(fixture, width, leftOut);
    assertThat(lines.get(0).strip().split(" +")).containsExactly(expected.split(" "));
    for (String line : lines) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(width);
    }
    List<String> all = new ArrayList<>();
    for (SampleColumns.Column c : SampleColumns.columns(false)) {
      all.add(c.columnName());
    }
    all.removeAll(List.of(expected.split(" ")));
    assertThat(leftOut).isEqualTo(all);
  }

  @Test
  void aWideEnoughTerminalOrNoWidthShowsEveryColumn() throws Exception {
    List<String> leftOut = new ArrayList<>();
    List<String> wide = prettyLines("mp4/h264_base.mp4", 400, leftOut);
    assertThat(leftOut).isEmpty();
    assertThat(prettyLines("mp4/h264_base.mp4", 0, leftOut)).isEqualTo(wide);
    assertThat(wide.get(0).split(" +")).hasSize(18);
  }
}
