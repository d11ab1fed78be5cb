package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values a dataframe user can use as they are: {@code width}/{@code height} on every row of a
 * stream from its first size on, the same size for an MP4 and its recording, and {@code
 * duration_ns} the decode-time difference everywhere.
 */
class RowDataTest {
  @TempDir Path dir;

  /** A copy of every row (the scanners reuse their row objects). */
  record Row(
      String entity,
      long sampleIndex,
      long ptsNanos,
      long dtsNanos,
      long durationNanos,
      long width,
      long height,
      String nalTypes) {}

  static List<Row> rows(Path file) throws Exception {
    List<Row> out = new ArrayList<>();
    SampleScanner.scan(
        file,
        ScanOptions.defaults(),
        r ->
            out.add(
                new Row(
                    r.entity(),
                    r.sampleIndex(),
                    r.ptsNanos(),
                    r.dtsNanos(),
                    r.durationNanos(),
                    r.width(),
                    r.height(),
                    r.nalTypes().orElse(null))));
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4/h264_base.mp4",
        "mp4/h264_bframes.mp4",
        "mp4/h265_hvc1.mp4",
        "mp4/h265_bframes.mp4",
        "mp4/av1.mp4",
        "mp4/vp9.mp4",
        "annexb/h264.h264",
        "annexb/h265.h265",
        "obu/av1.obu",
        "ivf/vp8.ivf",
        "ivf/vp9.ivf",
        "rerun/stream_h264.rrd",
        "rerun/stream_av1.rrd",
        "rerun/asset_h264_nobf.rrd",
        "realworld/gopro_karma_cut4.mp4",
        "realworld/mp4ff_prog_8s.mp4",
        "realworld/mp4parser_foreman-hevc-384.mp4"
      })
  void everyRowOfAStreamHasItsSizeFromTheFirstSizeOn(String fixture) throws Exception {
    List<Row> rows = rows(TestData.path(fixture));
    assertThat(rows).isNotEmpty();
    boolean sized = false;
    for (Row r : rows) {
      if (r.sampleIndex() == 0) {
        sized = false; // a new stream starts from nothing
      }
      sized |= r.width() > 0;
      if (sized) {
        assertThat(r.width()).as("%s row %d", fixture, r.sampleIndex()).isPositive();
        assertThat(r.height()).as("%s row %d", fixture, r.sampleIndex()).isPositive();
      } else {
        assertThat(r.height()).isEqualTo(SampleRow.ABSENT);
      }
    }
    // these streams start with a keyframe that has (or, in MP4, whose sample entry has) the size
    assertThat(rows.get(0).width()).as(fixture).isPositive();
  }

  @Test
  void theSizeIsCarriedForwardUntilTheNextSequenceParameterSet() throws Exception {
    // stream_h264.rrd: an SPS on every keyframe; every other row has the last size
    List<Row> rows = rows(TestData.path("rerun/stream_h264.rrd"));
    int withSps = 0;
    for (Row r : rows) {
      if (BitstreamAnalyzer.hasType(r.nalTypes(), 7)) {
        withSps++;
      }
      assertThat(r.width()).isEqualTo(rows.get(0).width());
    }
    assertThat(withSps).isLessThan(rows.size());
  }

  @Test
  void anMp4AndItsRecordingReportTheSameSize() throws Exception {
    // GoPro Karma: avc1 says 854x480, the SPS 864x480 without a cropping window; the recording
    // keeps only the bitstream. Before: 854x480 on the MP4's keyframes only, 864x480 from the
    // recording's SPS.
    Path mp4 = TestData.path("realworld/gopro_karma_cut4.mp4");
    Path rrd = TestRecordings.fromMp4(mp4, dir.resolve("karma.rrd"));
    List<Row> fromMp4 = rows(mp4);
    List<Row> fromRrd = rows(rrd);
    assertThat(fromMp4).hasSize(4).hasSameSizeAs(fromRrd);
    for (int i = 0; i < fromMp4.size(); i++) {
      assertThat(fromMp4.get(i).width()).isEqualTo(864);
      assertThat(fromMp4.get(i).height()).isEqualTo(480);
      assertThat(fromRrd.get(i).width()).isEqualTo(864);
      assertThat(fromRrd.get(i).height()).isEqualTo(480);
    }
    VideoSummary a = new VideoSummary();
    VideoSummary b = new VideoSummary();
    SampleScanner.scan(mp4, ScanOptions.defaults(), a);
    SampleScanner.scan(rrd, ScanOptions.defaults(), b);
    assertThat(a.streams().get(0).width()).isEqualTo(b.streams().get(0).width()).isEqualTo(864);
    assertThat(a.streams().get(0).resolutionChanges()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4/h264_base.mp4",
        "mp4/h264_bframes.mp4",
        "mp4/h264_bpyramid.mp4",
        "mp4/h264_ntsc.mp4",
        "mp4/h264_vfr.mp4",
        "mp4/h264_fragmented.mp4",
        "mp4/h264_edit_delay.mp4",
        "mp4/h265_bframes.mp4",
        "realworld/gopro_karma_cut4.mp4",
        "realworld/mp4ff_prog_8s.mp4",
        "rerun/stream_h264.rrd",
        "rerun/stream_av1.rrd",
        "ivf/vp9.ivf"
      })
  void durationIsTheDecodeTimeToTheNextSample(String fixture) throws Exception {
    List<Row> rows = rows(TestData.path(fixture));
    boolean container = fixture.endsWith(".mp4");
    for (int i = 0; i + 1 < rows.size(); i++) {
      Row r = rows.get(i);
      Row next = rows.get(i + 1);
      // decode times; presentation times where the input has no separate decode time
      long t = r.dtsNanos() != SampleRow.ABSENT ? r.dtsNanos() : r.ptsNanos();
      long tn = next.dtsNanos() != SampleRow.ABSENT ? next.dtsNanos() : next.ptsNanos();
      if (container) {
        // the container's ticks converted on their own: at most 1 ns off the rounded difference
        assertThat(Math.abs(r.durationNanos() - (tn - t)))
            .as("%s row %d", fixture, i)
            .isLessThanOrEqualTo(1);
      } else {
        assertThat(r.durationNanos()).as("%s row %d", fixture, i).isEqualTo(tn - t);
      }
    }
    Row last = rows.get(rows.size() - 1);
    if (container) {
      assertThat(last.durationNanos()).as("MP4: the container's duration").isPositive();
    } else {
      assertThat(last.durationNanos()).isEqualTo(SampleRow.ABSENT);
    }
  }
}
