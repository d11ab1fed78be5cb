package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For MP4s and raw streams, the sample table's pts / dts / duration / size / keyframe / offset
 * columns equal the ffprobe packet table recorded when the fixture was made (or copied).
 */
class InspectMediaTest {
  record Expected(String pts, String dts, String duration, int size, long pos, boolean key) {}

  static List<String[]> table(String name) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(TableFormat.CSV, false, bos)) {
      SampleScanner.scan(TestData.path(name), ScanOptions.defaults(), w);
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : bos.toString(StandardCharsets.UTF_8).split("\n")) {
      rows.add(parseCsvLine(line));
    }
    return rows;
  }

  static String[] parseCsvLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out.toArray(new String[0]);
  }

  static List<Expected> generated(String file) {
    List<Expected> out = new ArrayList<>();
    String[] lines = TestData.text("expected/" + file + ".packets.csv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      out.add(
          new Expected(
              f[0],
              f[1],
              f[2],
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              f[5].startsWith("K")));
    }
    return out;
  }

  static Timescale timeBase(JsonNode stream) {
    String[] tb = stream.get("time_base").asText().split("/");
    assertThat(tb[0]).isEqualTo("1");
    return Timescale.of(Long.parseLong(tb[1]));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "h264_base.mp4",
        "h264_bframes.mp4",
        "h264_bpyramid.mp4",
        "h264_fragmented.mp4",
        "h264_edit_delay.mp4",
        "h264_ts90000.mp4",
        "h264_ts1000.mp4",
        "h264_ts600.mp4",
        "h264_ntsc.mp4",
        "h264_vfr.mp4",
        "h264_audio_first.mp4",
        "h265_hvc1.mp4",
        "h265_bframes.mp4",
        "av1.mp4",
        "vp9.mp4"
      })
  void mp4TablesEqualFfprobe(String file) throws Exception {
    List<String[]> rows = table("mp4/" + file);
    List<Expected> exp = generated(file);
    JsonNode stream =
        new ObjectMapper()
            .readTree(TestData.bytes("expected/" + file + ".stream.json"))
            .get("streams")
            .get(0);
    Timescale tb = timeBase(stream);
    assertThat(rows).hasSize(exp.size() + 1);
    String[] h = rows.get(0);
    for (int i = 0; i < exp.size(); i++) {
      String[] r = rows.get(i + 1);
      Expected e = exp.get(i);
      assertThat(r[col(h, "pts")]).as("%s pts %d", file, i).isEqualTo(e.pts());
      assertThat(Long.parseLong(r[col(h, "dts_ns")]))
          .as("%s dts %d", file, i)
          .isEqualTo(tb.toNanos(Long.parseLong(e.dts())));
      assertThat(Long.parseLong(r[col(h, "duration_ns")]))
          .as("%s duration %d", file, i)
          .isEqualTo(tb.toNanos(Long.parseLong(e.duration())));
      assertThat(Integer.parseInt(r[col(h, "size_bytes")])).isEqualTo(e.size());
      assertThat(Long.parseLong(r[col(h, "byte_offset")])).isEqualTo(e.pos());
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_declared")])).isEqualTo(e.key());
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_bitstream")])).isEqualTo(e.key());
      assertThat(r[col(h, "codec")]).isEqualTo(codecOf(stream.get("codec_name").asText()));
    }
    String[] first = rows.get(1);
    assertThat(Integer.parseInt(first[col(h, "width")])).isEqualTo(stream.get("width").asInt());
    assertThat(Integer.parseInt(first[col(h, "height")])).isEqualTo(stream.get("height").asInt());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "annexb/h264.h264",
        "annexb/h265.h265",
        "obu/av1.obu",
        "ivf/vp8.ivf",
        "ivf/vp9.ivf",
        "ivf/av1.ivf"
      })
  void rawStreamTablesEqualFfprobe(String name) throws Exception {
    String file = name.substring(name.indexOf('/') + 1);
    List<String[]> rows = table(name);
    List<Expected> exp = generated(file);
    assertThat(rows).hasSize(exp.size() + 1);
    String[] h = rows.get(0);
    for (int i = 0; i < exp.size(); i++) {
      String[] r = rows.get(i + 1);
      assertThat(Integer.parseInt(r[col(h, "size_bytes")])).isEqualTo(exp.get(i).size());
      // byte_offset is where the payload starts; ffprobe's pos for IVF is the 12-byte frame header
      long headerBytes = name.endsWith(".ivf") ? 12 : 0;
      assertThat(Long.parseLong(r[col(h, "byte_offset")]))
          .isEqualTo(exp.get(i).pos() + headerBytes);
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_bitstream")]))
          .as("%s key %d", name, i)
          .isEqualTo(exp.get(i).key());
      if (name.endsWith(".ivf")) {
        assertThat(r[col(h, "pts")]).isEqualTo(exp.get(i).pts());
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
    JsonNode j = new ObjectMapper().readTree(TestData.bytes("realworld/" + file + ".ffprobe.json"));
    JsonNode video = null;
    for (JsonNode s : j.get("streams")) {
      if ("video".equals(s.get("codec_type").asText())) {
        video = s;
        break;
      }
    }
    List<JsonNode> packets = new ArrayList<>();
    for (JsonNode p : j.get("packets")) {
      if (p.get("stream_index").asInt() == video.get("index").asInt()) {
        packets.add(p);
      }
    }
    List<String[]> rows = table("realworld/" + file);
    assertThat(rows).hasSize(packets.size() + 1);
    String[] h = rows.get(0);
    for (int i = 0; i < packets.size(); i++) {
      String[] r = rows.get(i + 1);
      JsonNode p = packets.get(i);
      assertThat(r[col(h, "pts")]).as("%s pts %d", file, i).isEqualTo(p.get("pts").asText());
      assertThat(Integer.parseInt(r[col(h, "size_bytes")])).isEqualTo(p.get("size").asInt());
      assertThat(Long.parseLong(r[col(h, "byte_offset")])).isEqualTo(p.get("pos").asLong());
      assertThat(Boolean.parseBoolean(r[col(h, "keyframe_declared")]))
          .isEqualTo(p.get("flags").asText().startsWith("K"));
    }
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
