package dev.rrdvideo.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GopStart} on real samples against keyframe flags that other tools wrote: the MCAP
 * manifests behind Rerun's own recordings (H.264, AV1) and ffprobe's packet flags (VP8, VP9, AV1 in
 * IVF).
 */
class GopStartTest {
  @ParameterizedTest
  @CsvSource({"stream_h264,h264,H264", "stream_av1,obu,AV1"})
  void agreesWithTheManifestOfRerunsRecordings(String name, String ext, VideoCodec codec)
      throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(TestData.bytes("rerun/" + name + ".mcap.json"));
    byte[] source = TestData.bytes("rerun/" + name + "." + ext);
    int keys = 0;
    for (JsonNode m : manifest.get("messages")) {
      int off = m.get("input_offset").asInt();
      ByteBuffer sample = ByteBuffer.wrap(source, off, m.get("size").asInt()).slice();
      boolean key = m.get("key").asBoolean();
      assertThat(GopStart.test(codec, sample)).as("sample %s", m.get("index")).isEqualTo(key);
      assertThat(sample.position()).isZero();
      keys += key ? 1 : 0;
    }
    assertThat(keys).isGreaterThan(1);
  }

  @ParameterizedTest
  @CsvSource({"vp8,VP8", "vp9,VP9", "av1,AV1"})
  void agreesWithFfprobeOnIvfFrames(String name, VideoCodec codec) throws Exception {
    byte[] ivf = TestData.bytes("ivf/" + name + ".ivf");
    List<Ffprobe.Packet> packets = Ffprobe.video("ivf/" + name + ".ivf").packets();
    ByteBuffer b = ByteBuffer.wrap(ivf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int p = b.getShort(6); // header length
    int frame = 0;
    int keys = 0;
    while (p + 12 <= ivf.length) {
      int size = b.getInt(p);
      ByteBuffer sample = ByteBuffer.wrap(ivf, p + 12, size).slice();
      boolean key = packets.get(frame).key();
      assertThat(GopStart.test(codec, sample)).as("%s frame %d", name, frame).isEqualTo(key);
      keys += key ? 1 : 0;
      p += 12 + size;
      frame++;
    }
    assertThat(frame).isEqualTo(packets.size());
    assertThat(keys).isGreaterThan(0);
  }

  @ParameterizedTest
  @CsvSource({"H264", "H265", "AV1", "VP8", "VP9"})
  void truncatedOrEmptyDataIsNotAGopStart(VideoCodec codec) {
    for (byte[] b :
        List.of(
            new byte[0],
            new byte[] {0},
            new byte[] {0, 0, 1},
            new byte[] {0x0a, (byte) 0xff},
            new byte[] {(byte) 0x80})) {
      assertThat(GopStart.test(codec, ByteBuffer.wrap(b))).isFalse();
    }
  }
}
