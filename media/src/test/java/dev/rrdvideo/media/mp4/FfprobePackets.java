package dev.rrdvideo.media.mp4;

import dev.rrdvideo.testdata.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packet table of one stream as recorded by ffprobe ({@code -show_packets -show_streams}) in
 * the {@code NAME.ffprobe.json} file next to a real-world fixture.
 */
final class FfprobePackets {
  /** One packet: times in the stream time base, size, file position, key flag. */
  record Packet(long dts, long pts, long duration, int size, long pos, boolean key) {}

  final long timeBaseDen;
  final List<Packet> packets;

  private FfprobePackets(long timeBaseDen, List<Packet> packets) {
    this.timeBaseDen = timeBaseDen;
    this.packets = packets;
  }

  /** Loads the packets of the stream whose MP4 track id ({@code "id": "0x2"}) is given. */
  @SuppressWarnings("unchecked")
  static FfprobePackets forTrack(String fixture, long trackId) {
    Map<String, Object> root =
        (Map<String, Object>) Json.parse(TestData.text(fixture + ".ffprobe.json"));
    List<Object> streams = (List<Object>) root.getOrDefault("streams", List.of());
    Long index = null;
    long den = 0;
    for (Object o : streams) {
      Map<String, Object> s = (Map<String, Object>) o;
      if (Long.decode((String) s.get("id")) == trackId) {
        index = (Long) s.get("index");
        String tb = (String) s.get("time_base");
        if (!tb.startsWith("1/")) {
          throw new IllegalStateException("unexpected time base " + tb);
        }
        den = Long.parseLong(tb.substring(2));
      }
    }
    if (index == null) {
      throw new IllegalStateException("no ffprobe stream for track " + trackId + " in " + fixture);
    }
    List<Packet> out = new ArrayList<>();
    for (Object o : (List<Object>) root.getOrDefault("packets", List.of())) {
      Map<String, Object> p = (Map<String, Object>) o;
      if (((Long) p.get("stream_index")).longValue() != index) {
        continue;
      }
      out.add(
          new Packet(
              (Long) p.get("dts"),
              (Long) p.get("pts"),
              (Long) p.get("duration"),
              Integer.parseInt((String) p.get("size")),
              Long.parseLong((String) p.get("pos")),
              ((String) p.get("flags")).charAt(0) == 'K'));
    }
    return new FfprobePackets(den, out);
  }
}
