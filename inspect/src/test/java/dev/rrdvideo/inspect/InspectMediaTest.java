package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.Csv;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For MP4s and raw streams, the sample table's pts / dts / duration / size / keyframe / offset
 * columns equal the ffprobe packet table recorded when the fixture was made (or copied).
 */
class InspectMediaTest {
  static List<String[]> table(String name) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, false, bos)) {
      SampleScanner.scan(TestData.path(name), ScanOptions.defaults(), w);
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : bos.toString(StandardCharsets.UTF_8).split("\n")) {
      rows.add(Csv.line(line));
    }
    return rows;
  }

  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedMp4")
  void mp4TablesEqualFfprobe(String file) throws Exception {
    List<String[]> rows = table(file);
    Ffprobe ff = Ffprobe.video(file);
    List<Ffprobe.Packet> exp = ff.packets();
    Timescale tb = Timescale.of(ff.ticksPerSecond());
    assertThat(rows).hasSize(exp.size() + 1);
    String[] h = rows.get(0);
    for (int i = 0; i < exp.size(); i++) {
      String[] r = rows.get(i + 1);
      Ffprobe.Packet e = exp.get(i);
      assertThat(Long.parseLong(r[col(h, "pts")])).as("%s pts %d", file, i).isEqualTo(e.ptsTicks());
      assertThat(Long.parseLong(r[col(h, "dts_ns")]))
          .as("%s dts %d", file, i)
          .isEqualTo(tb.toNanos(e.dtsTicks()));
      assertThat(Long.parseLong(r[col(h, "duration_ns")]))
          .as("%s duration %d", file, i)
          .isEqualTo(tb.toNanos(e.durationTicks()));
      assertThat(Integer.parseInt(r[col(h, "size_bytes")])).isEqualTo(e.sizeBytes());
      assertThat(Long.parseLong(r[col(h, "byte_offset")])).isEqualTo(e.positionBytes());
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_declared")])).isEqualTo(e.key());
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_bitstream")])).isEqualTo(e.key());
      assertThat(r[col(h, "codec")]).isEqualTo(codecOf(ff.codecName()));
    }
    String[] first = rows.get(1);
    assertThat(Integer.parseInt(first[col(h, "width")])).isEqualTo(ff.width());
    assertThat(Integer.parseInt(first[col(h, "height")])).isEqualTo(ff.height());
  }

  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedStreams")
  void rawStreamTablesEqualFfprobe(String name) throws Exception {
    List<String[]> rows = table(name);
    List<Ffprobe.Packet> exp = Ffprobe.video(name).packets();
    assertThat(rows).hasSize(exp.size() + 1);
    String[] h = rows.get(0);
    for (int i = 0; i < exp.size(); i++) {
      String[] r = rows.get(i + 1);
      assertThat(Integer.parseInt(r[col(h, "size_bytes")])).isEqualTo(exp.get(i).sizeBytes());
      // byte_offset is where the payload starts; ffprobe's pos for IVF is the 12-byte frame header
      long headerBytes = name.endsWith(".ivf") ? 12 : 0;
      assertThat(Long.parseLong(r[col(h, "byte_offset")]))
          .isEqualTo(exp.get(i).positionBytes() + headerBytes);
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_bitstream")]))
          .as("%s key %d", name, i)
          .isEqualTo(exp.get(i).key());
      if (name.endsWith(".ivf")) {
        assertThat(Long.parseLong(r[col(h, "pts")])).isEqualTo(exp.get(i).ptsTicks());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mp4ff_prog_8s.mp4", "mp4ff_nallister_h264.mp4", "mp4parser_foreman-hevc-384.mp4",
        "mp4ff_ed_hevc.mp4", "mp4parser_BBB_fixedres_B_180x320_80.mp4", "mp4parse_tiny_av1.mp4"
      })
  void realWorldTablesEqualFfprobe(String file) throws Exception {
    List<Ffprobe.Packet> packets = Ffprobe.video("realworld/" + file).packets();
    List<String[]> rows = table("realworld/" + file);
    assertThat(rows).hasSize(packets.size() + 1);
    String[] h = rows.get(0);
    for (int i = 0; i < packets.size(); i++) {
      String[] r = rows.get(i + 1);
      Ffprobe.Packet p = packets.get(i);
      assertThat(Long.parseLong(r[col(h, "pts")])).as("%s pts %d", file, i).isEqualTo(p.ptsTicks());
      assertThat(Integer.parseInt(r[col(h, "size_bytes")])).isEqualTo(p.sizeBytes());
      assertThat(Long.parseLong(r[col(h, "byte_offset")])).isEqualTo(p.positionBytes());
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_declared")])).isEqualTo(p.key());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyTrackOfAMultiTrackMp4CanBeInspected(long track) throws Exception {
    String file = "h264_three_tracks.mp4";
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, false, bos)) {
      SampleScanner.scan(
          TestData.path("mp4/" + file), ScanOptions.defaults().withTrackId(track), w);
    }
    String[] lines = bos.toString(StandardCharsets.UTF_8).split("\n");
    List<Ffprobe.Packet> exp = Ffprobe.track("mp4/" + file, track).packets();
    assertThat(lines).hasSize(exp.size() + 1);
    String[] h = Csv.line(lines[0]);
    for (int i = 0; i < exp.size(); i++) {
      String[] r = Csv.line(lines[i + 1]);
      assertThat(r[col(h, "timeline")]).isEqualTo("track " + track);
      assertThat(Long.parseLong(r[col(h, "pts")]))
          .as("track %d pts %d", track, i)
          .isEqualTo(exp.get(i).ptsTicks());
      assertThat(Integer.parseInt(r[col(h, "size_bytes")])).isEqualTo(exp.get(i).sizeBytes());
      assertThat(Long.parseLong(r[col(h, "byte_offset")])).isEqualTo(exp.get(i).positionBytes());
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_bitstream")])).isEqualTo(exp.get(i).key());
    }
  }

  @org.junit.jupiter.api.Test
  void aTrackThatIsNotThereIsUnsupportedInputNamingTheVideoTracks() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                SampleScanner.scan(
                    TestData.path("mp4/h264_three_tracks.mp4"),
                    ScanOptions.defaults().withTrackId(4L),
                    row -> {}))
        .isInstanceOf(dev.rrdvideo.format.error.UnsupportedFeatureException.class)
        .hasMessageStartingWith("there is no track 4; video tracks: 1, 2, 3");
  }

  static String codecOf(String ffmpegName) {
    return switch (ffmpegName) {
      case "hevc" -> "h265";
      default -> ffmpegName;
    };
  }

  static int col(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }
}
