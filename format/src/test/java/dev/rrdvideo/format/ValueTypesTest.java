package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.chunk.TuidGenerator;
import dev.rrdvideo.format.internal.frame.StreamFooter;
import dev.rrdvideo.format.video.VideoCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of the small value types, against the spec's check values. */
class ValueTypesTest {
  @Test
  void versionBytesAndCrateBits() {
    assertThat(RrdVersion.parse("0.33.0").crateVersionBits()).isEqualTo(8448);
    assertThat(RrdVersion.parse("0.36.2").crateVersionBits()).isEqualTo(0x22400);
    assertThat(RrdVersion.parse("0.34.0-rc.2").meta()).isEqualTo(0x42);
    assertThat(RrdVersion.parse("0.34.0-alpha.3").meta()).isEqualTo(0x83);
    assertThat(RrdVersion.parse("0.34.0-alpha.1+dev").meta()).isEqualTo(0xC1);
    assertThat(RrdVersion.fromCrateVersionBits(RrdVersion.parse("1.2.3-rc.4").crateVersionBits()))
        .hasToString("1.2.3-rc.4");
    assertThat(RrdVersion.parse("0.22.9").isReadable()).isFalse();
    assertThat(RrdVersion.parse("0.23.0").isReadable()).isTrue();
    assertThatThrownBy(() -> RrdVersion.parse("0.33")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void xxh32CheckValues() {
    assertThat(StreamFooter.crc(new byte[0], 0, 0)).isEqualTo(0x2A973671);
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(StreamFooter.crc(abc, 0, 3)).isEqualTo(0xDF14A809);
  }

  @Test
  void tuidForms() {
    Tuid t = Tuid.parse("chunk_182342300C5F8C327a7b4a6e5a379ac4");
    assertThat(t.timeNanos()).isEqualTo(0x182342300C5F8C32L);
    assertThat(t.inc()).isEqualTo(0x7a7b4a6e5a379ac4L);
    assertThat(t.toChunkIdString()).isEqualTo("chunk_182342300C5F8C327a7b4a6e5a379ac4");
    assertThat(Tuid.fromBytes(t.toBytes(), 0)).isEqualTo(t);
    assertThat(t.toBytes()[0]).isEqualTo((byte) 0x18);
    assertThat(Tuid.parse("182342300c5f8c327A7B4A6E5A379AC4")).isEqualTo(t);
    assertThat(new Tuid(-1L, 0).compareTo(new Tuid(1L, 0))).isPositive();
    TuidGenerator g = new TuidGenerator();
    Tuid prev = g.next();
    for (int i = 0; i < 10_000; i++) {
      Tuid next = g.next();
      assertThat(next).isGreaterThan(prev);
      prev = next;
    }
  }

  @Test
  void entityPathEscaping() {
    EntityPath p = EntityPath.of("data", "my video.mp4", "ünï", "a/b");
    assertThat(p.toString()).isEqualTo("/data/my\\ video.mp4/ünï/a\\/b");
    assertThat(EntityPath.parse(p.toString())).isEqualTo(p);
    assertThat(EntityPath.parse("/camera/video").parts()).isEqualTo(List.of("camera", "video"));
    assertThat(EntityPath.parse("camera//video/")).isEqualTo(EntityPath.of("camera", "video"));
    assertThat(EntityPath.ROOT).hasToString("/");
    assertThat(EntityPath.of("tab\there").toString()).isEqualTo("/tab\\there");
    assertThat(EntityPath.parse("/x\\u{1F600}").parts()).containsExactly("x\uD83D\uDE00");
    assertThatThrownBy(() -> EntityPath.parse("/x\\")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void codecWireValues() {
    assertThat(VideoCodec.H264.wireValue()).isEqualTo(1635148593);
    assertThat(VideoCodec.H265.wireValue()).isEqualTo(1751479857);
    assertThat(VideoCodec.AV1.wireValue()).isEqualTo(1635135537);
    assertThat(VideoCodec.VP8.wireValue()).isEqualTo(1987063864);
    assertThat(VideoCodec.VP9.wireValue()).isEqualTo(1987063865);
    assertThat(VideoCodec.parse("H.265")).isEqualTo(VideoCodec.H265);
    assertThat(VideoCodec.parse("hvc1")).isEqualTo(VideoCodec.H265);
    assertThatThrownBy(() -> VideoCodec.parse("mpeg2")).hasMessageContaining("h264, h265");
  }

  @Test
  void applicationIdSafety() {
    assertThat(StoreId.isSafeApplicationId("rrdvideo-demo_1")).isTrue();
    assertThat(StoreId.isSafeApplicationId("stream_h264.mcap")).isFalse();
    assertThat(StoreId.isSafeApplicationId("")).isFalse();
  }

  @Test
  void storeIdEqualityCoversEveryComponent() {
    StoreId a = StoreId.recording("app", "rec_1");
    assertThat(a).isEqualTo(StoreId.recording("app", "rec_1"));
    assertThat(a.hashCode()).isEqualTo(StoreId.recording("app", "rec_1").hashCode());
    assertThat(new StoreId(StoreKind.RECORDING, "rec_1", null))
        .isEqualTo(new StoreId(StoreKind.RECORDING, "rec_1", null))
        .isNotEqualTo(a);
    assertThat(a)
        .isNotEqualTo(StoreId.recording("app", "rec_2"))
        .isNotEqualTo(StoreId.recording("app2", "rec_1"))
        .isNotEqualTo(new StoreId(StoreKind.BLUEPRINT, "rec_1", "app"))
        .isNotEqualTo("rec_1");
  }

  @Test
  void freshRecordingIdsAreVersion4UuidsAndDiffer() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ids");
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      try (RrdWriter w = RrdWriter.open(dir.resolve(i + ".rrd"), RrdWriteOptions.defaults())) {
        String id = w.beginRecording("app", null).recordingId();
        // rec_ + 32 hex digits; the 13th digit is the UUID version (4), the 17th its variant
        assertThat(id).matches("rec_[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
        ids.add(id);
      }
    }
    assertThat(ids).hasSize(20);
  }

  @Test
  void entityPathAndTuidEqualityCoverEveryComponent() {
    assertThat(EntityPath.parse("/a/b")).isEqualTo(EntityPath.parse("/a/b"));
    assertThat(EntityPath.parse("/a/b").hashCode()).isEqualTo(EntityPath.parse("/a/b").hashCode());
    assertThat(EntityPath.parse("/a/b"))
        .isNotEqualTo(EntityPath.parse("/a"))
        .isNotEqualTo(EntityPath.parse("/a/c"))
        .isNotEqualTo("/a/b");
    assertThat(new Tuid(1, 2)).isEqualTo(new Tuid(1, 2)).hasSameHashCodeAs(new Tuid(1, 2));
    assertThat(new Tuid(1, 2))
        .isNotEqualTo(new Tuid(1, 3))
        .isNotEqualTo(new Tuid(2, 2))
        .isNotEqualTo("1");
  }
}
