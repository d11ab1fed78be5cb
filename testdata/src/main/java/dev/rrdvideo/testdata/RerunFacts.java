package dev.rrdvideo.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an independent decoder (protobufjs and apache-arrow in JavaScript, not this project) read
 * from each recording Rerun wrote, in {@code rerun/NAME.facts.json}: the framing, store info, every
 * chunk's schema and field metadata, row counts, sample sizes and hashes, timeline values, the
 * footer, and for videos the samples or the asset's frame references.
 */
public final class RerunFacts {
  private RerunFacts() {}

  /** The facts of {@code rerun/NAME.rrd}, e.g. {@code "stream_h264"}. */
  public static JsonNode of(String recording) {
    return TestData.json("rerun/" + recording + ".facts.json");
  }

  /** The samples of the first VideoStream of a recording, in file order. */
  public static List<JsonNode> videoStreamSamples(String recording) {
    List<JsonNode> out = new ArrayList<>();
    of(recording).get("video").get(0).get("video_stream").get("samples").forEach(out::add);
    return out;
  }

  /** The hex chunk id of the ArrowMsg at this message index (as the decoder numbered them). */
  public static String chunkIdOfMessage(String recording, int messageIndex) {
    for (JsonNode a : of(recording).get("arrow_msgs")) {
      if (a.get("message_index").asInt() == messageIndex) {
        return a.get("chunk_id_hex").asText();
      }
    }
    throw new IllegalArgumentException(recording + ": no ArrowMsg at message " + messageIndex);
  }

  /**
   * One access unit of the source stream Rerun imported, as {@code rerun/NAME.mcap.json} lists it:
   * its time from the first one's, its bytes (cut from {@code rerun/NAME.EXT}), its key flag.
   */
  public record SourceSample(long timeNanos, byte[] bytes, boolean key) {}

  /**
   * The access units of the stream behind {@code rerun/NAME.rrd}, e.g. {@code ("stream_h264",
   * "h264")} or {@code ("stream_av1", "obu")}, in the order of the MCAP manifest.
   */
  public static List<SourceSample> sourceSamples(String recording, String extension) {
    JsonNode manifest = TestData.json("rerun/" + recording + ".mcap.json");
    byte[] source = TestData.bytes("rerun/" + recording + "." + extension);
    List<SourceSample> out = new ArrayList<>();
    long t0 = manifest.get("messages").get(0).get("timestamp_ns").asLong();
    for (JsonNode m : manifest.get("messages")) {
      int off = m.get("input_offset").asInt();
      out.add(
          new SourceSample(
              m.get("timestamp_ns").asLong() - t0,
              Arrays.copyOfRange(source, off, off + m.get("size").asInt()),
              m.get("key").asBoolean()));
    }
    return out;
  }

  /** The {@code metadata} of a field of the facts, as a map in file order. */
  public static Map<String, String> metadata(JsonNode field) {
    Map<String, String> m = new LinkedHashMap<>();
    field.get("metadata").properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
