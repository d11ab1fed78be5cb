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
 * {@code realworld/NAME.ffprobe.json} with every stream and every packet.
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
    this.packets = List.copyOf(packets);
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
    return new Ffprobe(fixture, streams.get(0), csv("expected/" + name + ".packets.csv"));
  }

  /** The stream of a real-world MP4 whose track id ffprobe printed as {@code "id": "0x2"}. */
  public static Ffprobe track(String fixture, long trackId) {
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
    return packets;
  }

  /** The stream as {@code ffprobe -show_streams} printed it (every field, as JSON). */
  public JsonNode stream() {
    return stream;
  }

  /** The denominator of the stream's time base {@code 1/N}: ticks per second. */
  public long ticksPerSecond() {
    String tb = stream.get("time_base").asText();
    if (!tb.startsWith("1/")) {
      throw new IllegalStateException(fixture + ": time base " + tb + " is not 1/N");
    }
    return Long.parseLong(tb.substring(2));
  }

  /** {@code width} in pixels (after cropping, as a decoder outputs it). */
  public int width() {
    return stream.get("width").asInt();
  }

  /** {@code height} in pixels (after cropping). */
  public int height() {
    return stream.get("height").asInt();
  }

  /** FFmpeg's codec name: {@code h264}, {@code hevc}, {@code av1}, {@code vp8}, {@code vp9}. */
  public String codecName() {
    return stream.get("codec_name").asText();
  }

  /** A text field of the stream, e.g. {@code profile}, {@code pix_fmt} or {@code field_order}. */
  public String text(String field) {
    JsonNode n = stream.get(field);
    if (n == null) {
      throw new IllegalArgumentException(fixture + ": ffprobe printed no " + field);
    }
    return n.asText();
  }

  @Override
  public String toString() {
    return "ffprobe of " + fixture + " (" + packets.size() + " packets)";
  }
}
