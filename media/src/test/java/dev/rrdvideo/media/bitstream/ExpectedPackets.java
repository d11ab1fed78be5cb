package dev.rrdvideo.media.bitstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.testdata.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** ffprobe packet tables recorded when the fixtures were made (CSV) or copied (JSON). */
final class ExpectedPackets {
  record Packet(String pts, String dts, String duration, int size, long pos, boolean key) {}

  private ExpectedPackets() {}

  /** Reads {@code expected/NAME.packets.csv} of a generated fixture. */
  static List<Packet> csv(String media) {
    List<Packet> out = new ArrayList<>();
    String[] lines = TestData.text("expected/" + media + ".packets.csv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      out.add(
          new Packet(
              f[0],
              f[1],
              f[2],
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              f[5].startsWith("K")));
    }
    return out;
  }

  /** Reads the packets of the first video stream from a real-world file's ffprobe JSON. */
  static List<Packet> realworld(String file) {
    try {
      JsonNode j =
          new ObjectMapper().readTree(TestData.bytes("realworld/" + file + ".ffprobe.json"));
      int video = -1;
      for (JsonNode s : j.get("streams")) {
        if ("video".equals(s.get("codec_type").asText())) {
          video = s.get("index").asInt();
          break;
        }
      }
      List<Packet> out = new ArrayList<>();
      for (JsonNode p : j.get("packets")) {
        if (p.get("stream_index").asInt() != video) {
          continue;
        }
        out.add(
            new Packet(
                p.path("pts").asText("N/A"),
                p.path("dts").asText("N/A"),
                p.path("duration").asText("N/A"),
                p.get("size").asInt(),
                p.path("pos").asLong(-1),
                p.get("flags").asText().startsWith("K")));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
