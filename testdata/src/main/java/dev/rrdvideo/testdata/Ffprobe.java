package dev.rrdvideo.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What ffprobe (FFmpeg 5.1 of Debian 12) recorded about the video stream of a fixture when the
 * fixture was made or copied: the stream's properties and its packet table in decode (file) order.
 * Tests take their expected values from here, never from the code under test.
 *
 * <p>Two kinds of record exist. A generated fixture ({@code mp4/h264_base.mp4}, {@code
 * annexb/h264.h264}, {@code rerun/asset_h264_nobf.mp4}) has {@code expected/NAME.packets.csv}
 * (columns {@code pts,dts,duration,size,pos,flags} of its video stream) and {@code
 * expected/NAME.stream.json} ({@code -show_streams}); a real-world one ({@code realworld/NAME}) has
 * {@code realworld/NAME.ffprobe.json} with every stream and every packet. The spec-vector fixtures
 * of the header parsers ({@code headers/}) also have {@code expected/NAME.headers.txt}: the fields
 * of the first sequence parameter set or sequence header as FFmpeg's own bitstream reader traced
 * them ({@code -bsf:v trace_headers}), for what {@code -show_streams} does not print.
 *
 * <p>Times are in the stream's time base as ffprobe prints them, that is after FFmpeg applied an
 * MP4 edit list and its decode-time shift; raw streams have no times ({@link #NO_TIME}).
 */
public final class Ffprobe {
  /** A time ffprobe printed as {@code N/A} or left out (raw streams carry no timestamps). */
  public static final long NO_TIME = Long.MIN_VALUE;

  /**
   * One packet: presentation and decode time and duration in time-base ticks ({@link #NO_TIME} when
   * absent), its size, its position in the file (for IVF the 12-byte frame header), and whether
   * ffprobe flagged it a keyframe.
   */
  public record Packet(
      long ptsTicks,
      long dtsTicks,
      long durationTicks,
      int sizeBytes,
      long positionBytes,
      boolean key) {}

  private final String fixture;
  private final JsonNode stream;
  private final List<Packet> packets;

  private Ffprobe(String fixture, JsonNode stream, List<Packet> packets) {
    this.fixture = fixture;
    this.stream = stream;
    this.packets = packets == null ? null : List.copyOf(packets);
  }

  /**
   * The first video stream of a fixture, e.g. {@code "mp4/h264_base.mp4"}, {@code "ivf/vp9.ivf"} or
   * {@code "realworld/mp4ff_prog_8s.mp4"}.
   */
  public static Ffprobe video(String fixture) {
    if (fixture.startsWith("realworld/")) {
      JsonNode root = TestData.json(fixture + ".ffprobe.json");
      for (JsonNode s : root.path("streams")) {
        if ("video".equals(s.path("codec_type").asText())) {
          return realWorld(fixture, root, s);
        }
      }
      throw new IllegalArgumentException("ffprobe saw no video stream in " + fixture);
    }
    String name = fixture.substring(fixture.lastIndexOf('/') + 1);
    JsonNode streams = TestData.json("expected/" + name + ".stream.json").path("streams");
    if (streams.size() != 1) {
      throw new IllegalStateException("expected/" + name + ".stream.json: not one stream");
    }
    String table = "expected/" + name + ".packets.csv";
    return new Ffprobe(fixture, streams.get(0), TestData.exists(table) ? csv(table) : null);
  }

  /**
   * One track of an MP4: for a real-world file the stream whose id ffprobe printed as {@code "id":
   * "0x2"}; for a generated multi-track file ({@code mp4/h264_three_tracks.mp4}) the packet table
   * {@code expected/NAME.tN.packets.csv} of track N (no stream record).
   */
  public static Ffprobe track(String fixture, long trackId) {
    if (!fixture.startsWith("realworld/")) {
      String name = fixture.substring(fixture.lastIndexOf('/') + 1);
      return new Ffprobe(fixture, null, csv("expected/" + name + ".t" + trackId + ".packets.csv"));
    }
    JsonNode root = TestData.json(fixture + ".ffprobe.json");
    for (JsonNode s : root.path("streams")) {
      if (s.has("id") && Long.decode(s.get("id").asText()) == trackId) {
        return realWorld(fixture, root, s);
      }
    }
    throw new IllegalArgumentException("ffprobe saw no track " + trackId + " in " + fixture);
  }

  private static Ffprobe realWorld(String fixture, JsonNode root, JsonNode stream) {
    int index = stream.get("index").asInt();
    List<Packet> out = new ArrayList<>();
    for (JsonNode p : root.path("packets")) {
      if (p.get("stream_index").asInt() == index) {
        out.add(
            new Packet(
                time(p.get("pts")),
                time(p.get("dts")),
                time(p.get("duration")),
                p.get("size").asInt(),
                p.path("pos").asLong(-1),
                p.get("flags").asText().startsWith("K")));
      }
    }
    return new Ffprobe(fixture, stream, out);
  }

  private static long time(JsonNode n) {
    if (n == null || n.isNull() || "N/A".equals(n.asText())) {
      return NO_TIME;
    }
    return n.isNumber() ? n.asLong() : Long.parseLong(n.asText());
  }

  private static List<Packet> csv(String name) {
    List<String> lines = TestData.text(name).lines().filter(l -> !l.isBlank()).toList();
    if (!lines.get(0).equals("pts,dts,duration,size,pos,flags")) {
      throw new IllegalStateException(name + ": unexpected header " + lines.get(0));
    }
    List<Packet> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split(",");
      if (f.length != 6) {
        throw new IllegalStateException(name + ": not six columns: " + Arrays.toString(f));
      }
      out.add(
          new Packet(
              csvTime(f[0]),
              csvTime(f[1]),
              csvTime(f[2]),
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              f[5].startsWith("K")));
    }
    return out;
  }

  private static long csvTime(String s) {
    return s.equals("N/A") ? NO_TIME : Long.parseLong(s);
  }

  /** The packets of the stream in decode (file) order. */
  public List<Packet> packets() {
    if (packets == null) {
      throw new IllegalStateException("no packet table was recorded for " + fixture);
    }
    return packets;
  }

  /**
   * A field of the first sequence parameter set (H.264, H.265) or sequence header (AV1) as FFmpeg
   * traced it ({@code expected/NAME.headers.txt}), e.g. {@code frame_mbs_only_flag}, {@code
   * conf_win_right_offset}, {@code seq_scaling_list_present_flag[6]}, {@code
   * reduced_still_picture_header}.
   */
  public long header(String field) {
    String name = "expected/" + fixture.substring(fixture.lastIndexOf('/') + 1) + ".headers.txt";
    for (String line : TestData.text(name).lines().toList()) {
      int eq = line.indexOf(" = ");
      if (eq > 0 && line.substring(0, eq).equals(field)) {
        return Long.parseLong(line.substring(eq + 3));
      }
    }
    throw new IllegalArgumentException(name + " has no field " + field);
  }

  /** The stream as {@code ffprobe -show_streams} printed it (every field, as JSON). */
  public JsonNode stream() {
    if (stream == null) {
      throw new IllegalStateException("no stream record was made for " + fixture);
    }
    return stream;
  }

  /** The denominator of the stream's time base {@code 1/N}: ticks per second. */
  public long ticksPerSecond() {
    String tb = stream().get("time_base").asText();
    if (!tb.startsWith("1/")) {
      throw new IllegalStateException(fixture + ": time base " + tb + " is not 1/N");
    }
    return Long.parseLong(tb.substring(2));
  }

  /** {@code width} in pixels (after cropping, as a decoder outputs it). */
  public int width() {
    return stream().get("width").asInt();
  }

  /** {@code height} in pixels (after cropping). */
  public int height() {
    return stream().get("height").asInt();
  }

  /** FFmpeg's codec name: {@code h264}, {@code hevc}, {@code av1}, {@code vp8}, {@code vp9}. */
  public String codecName() {
    return stream().get("codec_name").asText();
  }

  /**
   * The bits per sample of the stream's pixel format ({@code pix_fmt}): 10 for {@code yuv420p10le},
   * 12 for {@code yuv444p12le}, else 8.
   */
  public int bitDepth() {
    String f = text("pix_fmt");
    return f.endsWith("10le") ? 10 : f.endsWith("12le") ? 12 : 8;
  }

  /**
   * The chroma subsampling of the stream's pixel format as {x, y} shifts, as the AV1 and VP9
   * headers code them: {1, 1} for 4:2:0, {1, 0} for 4:2:2, {0, 1} for 4:4:0, {0, 0} for 4:4:4; {1,
   * 1} for grey (which has no chroma; AV1 codes mono_chrome with subsampling 1, 1).
   */
  public int[] chromaSubsampling() {
    String f = text("pix_fmt");
    if (f.startsWith("gray") || f.startsWith("yuv420") || f.startsWith("yuvj420")) {
      return new int[] {1, 1};
    }
    if (f.startsWith("yuv422") || f.startsWith("yuvj422")) {
      return new int[] {1, 0};
    }
    if (f.startsWith("yuv440") || f.startsWith("yuvj440")) {
      return new int[] {0, 1};
    }
    if (f.startsWith("yuv444") || f.startsWith("yuvj444")) {
      return new int[] {0, 0};
    }
    throw new IllegalStateException(fixture + ": no chroma subsampling known for " + f);
  }

  /**
   * The chroma format of the stream's pixel format as H.264 and H.265 code it ({@code
   * chroma_format_idc}): 0 grey, 1 4:2:0, 2 4:2:2, 3 4:4:4.
   */
  public int chromaFormatIdc() {
    if (text("pix_fmt").startsWith("gray")) {
      return 0;
    }
    int[] s = chromaSubsampling();
    if (s[0] == 0 && s[1] == 1) {
      throw new IllegalStateException(fixture + ": 4:4:0 has no chroma_format_idc");
    }
    return s[0] == 0 ? 3 : s[1] == 0 ? 2 : 1;
  }

  /** A text field of the stream, e.g. {@code profile}, {@code pix_fmt} or {@code field_order}. */
  public String text(String field) {
    JsonNode n = stream().get(field);
    if (n == null) {
      throw new IllegalArgumentException(fixture + ": ffprobe printed no " + field);
    }
    return n.asText();
  }

  @Override
  public String toString() {
    return "ffprobe of " + fixture;
  }
}
