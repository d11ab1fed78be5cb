package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link RrdWriter} writes per {@link RerunTarget}, checked on the bytes with a framing walk
 * and a generic protobuf field reader that share no code with the writer. Expected values come from
 * Rerun's source at the release tags (docs/rerun-versions.md), not from {@link RerunTarget}.
 */
class RerunTargetWriteTest {
  @TempDir Path dir;

  private static final EntityPath ENTITY = EntityPath.parse("/cam");
  private static final int SAMPLES = 6;

  /** A recording of one VideoStream with two GOPs, written for {@code target}. */
  private static byte[] demo(RerunTarget target, VideoCodec codec) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (RrdWriter w = RrdWriter.open(bos, RrdWriteOptions.builder().target(target).build())) {
      StoreId store = w.beginRecording("target_test", "rec_1");
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, ENTITY)
              .codec(codec)
              .timeline("video", TimeType.DURATION)
              .build();
      for (int i = 0; i < SAMPLES; i++) {
        v.addSample(i * 33_000_000L, sample(i), 0, sample(i).length, i % 3 == 0);
      }
      v.finish();
    }
    return bos.toByteArray();
  }

  private static byte[] sample(int i) {
    byte[] b = new byte[10 + i];
    Arrays.fill(b, (byte) (i + 1));
    return b;
  }

  /** One framed message: kind, offset of its payload, payload length. */
  private record Frame(long kind, int payloadOffset, int length) {}

  /** Walks the frames after the 12-byte header up to an End message; returns them in order. */
  private static List<Frame> frames(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    List<Frame> out = new ArrayList<>();
    int pos = 12;
    while (pos + 16 <= b.length) {
      long kind = bb.getLong(pos);
      int len = (int) bb.getLong(pos + 8);
      out.add(new Frame(kind, pos + 16, len));
      pos += 16 + len;
      if (kind == 0) {
        break;
      }
    }
    return out;
  }

  /** Returns the length-delimited and varint fields of a protobuf message, by field number. */
  private static Map<Integer, List<Object>> fields(byte[] b, int off, int len) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(b, off, len);
    Map<Integer, List<Object>> out = new HashMap<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = tag >>> 3;
      Object v;
      switch (tag & 7) {
        case 0 -> v = in.readInt64();
        case 1 -> v = in.readFixed64();
        case 2 -> v = in.readByteArray();
        case 5 -> v = in.readFixed32();
        default -> throw new IOException("wire type " + (tag & 7));
      }
      out.computeIfAbsent(field, k -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static Map<Integer, List<Object>> fields(byte[] b) throws IOException {
    return fields(b, 0, b.length);
  }

  private static byte[] bytesField(Map<Integer, List<Object>> m, int field) {
    return (byte[]) m.get(field).get(0);
  }

  @ParameterizedTest(name = "Rerun {0}")
  @CsvSource({
    // target, header minor byte, StoreInfo field 1, footer, sorbet, manifest compression field
    "0.24, 24, true,  false, 0.1.1, -",
    "0.26, 26, false, false, 0.1.1, -",
    "0.27, 27, false, false, 0.1.1, -",
    "0.28, 28, false, true,  0.1.2, absent",
    "0.29, 29, false, true,  0.1.2, 1",
    "0.31, 31, false, true,  0.1.3, 2",
    "0.33, 33, false, true,  0.1.3, 2",
  })
  void bytesPerTarget(
      String target,
      int minor,
      boolean legacyAppId,
      boolean footer,
      String sorbet,
      String manifestCompression)
      throws IOException {
    byte[] b = demo(RerunTarget.parse(target), VideoCodec.H264);

    // stream header: RRF2, version 0.minor.0, LZ4, protobuf, reserved
    assertThat(Arrays.copyOf(b, 12))
        .containsExactly(0x52, 0x52, 0x46, 0x32, 0, minor, 0, 0, 1, 2, 0, 0);

    List<Frame> frames = frames(b);
    Frame first = frames.get(0);
    assertThat(first.kind()).isEqualTo(1);
    Map<Integer, List<Object>> setStoreInfo = fields(b, first.payloadOffset(), first.length());
    Map<Integer, List<Object>> info = fields(bytesField(setStoreInfo, 2));
    // field 1: deprecated application_id (only 0.24 needs it), field 2: store_id with field 3
    if (legacyAppId) {
      assertThat(fields(bytesField(info, 1)).get(1))
          .singleElement()
          .satisfies(
              v ->
                  assertThat(new String((byte[]) v, StandardCharsets.UTF_8))
                      .isEqualTo("target_test"));
    } else {
      assertThat(info).doesNotContainKey(1);
    }
    Map<Integer, List<Object>> storeId = fields(bytesField(info, 2));
    assertThat(new String(bytesField(storeId, 2), StandardCharsets.UTF_8)).isEqualTo("rec_1");
    assertThat(new String(bytesField(fields(bytesField(storeId, 3)), 1), StandardCharsets.UTF_8))
        .isEqualTo("target_test");
    // field 6: store_version.crate_version_bits = 0 | minor << 8
    assertThat(fields(bytesField(info, 6)).get(1)).containsExactly((long) (minor << 8));

    Frame last = frames.get(frames.size() - 1);
    assertThat(last.kind()).as("End message").isEqualTo(0);
    int afterEnd = last.payloadOffset() + last.length();
    if (footer) {
      assertThat(last.length()).isPositive();
      assertThat(b.length - afterEnd).as("stream footer").isEqualTo(32);
      assertThat(new String(b, b.length - 12, 8, StandardCharsets.US_ASCII)).isEqualTo("RRF2FOOT");
      Map<Integer, List<Object>> manifest =
          fields(bytesField(fields(b, last.payloadOffset(), last.length()), 1));
      Map<Integer, List<Object>> data = fields(bytesField(manifest, 4));
      if (manifestCompression.equals("absent")) {
        assertThat(data).doesNotContainKeys(3, 4); // 0.28's DataframePart has no such fields
      } else {
        assertThat(data.get(3)).containsExactly(Long.parseLong(manifestCompression));
        assertThat(data).containsKey(4);
      }
    } else {
      assertThat(last.length()).as("empty End payload").isZero();
      assertThat(afterEnd).as("nothing after the End message").isEqualTo(b.length);
    }

    // every chunk's sorbet:version, and the keyframe markers only where VideoStream has them
    boolean markers = false;
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          try (Chunk c = a.decode()) {
            assertThat(c.schema().getCustomMetadata()).containsEntry("sorbet:version", sorbet);
            markers |= c.component(VideoStream.IS_KEYFRAME.component()) != null;
          }
        }
      }
    }
    assertThat(markers).isEqualTo(minor >= 32);
  }

  @ParameterizedTest(name = "Rerun {0}")
  @CsvSource({"0.24", "0.26", "0.28", "0.29", "0.31", "0.33", "0.36"})
  void everyTargetVerifiesAndReadsBackTheSameSamples(String target) throws IOException {
    byte[] b = demo(RerunTarget.parse(target), VideoCodec.H264);
    RrdVerifier.Report report = RrdVerifier.verify(new ByteArrayInputStream(b), "t.rrd");
    assertThat(report.findings())
        .filteredOn(f -> f.severity() != RrdVerifier.Severity.INFO)
        .isEmpty();
    assertThat(report.passes(true)).isTrue();
    assertThat(report.samples()).isEqualTo(SAMPLES);
    Path p = dir.resolve("t.rrd");
    Files.write(p, b);
    try (RrdFile f = RrdFile.open(p);
        VideoStreamReader r = VideoStreamReader.open(f, ENTITY, "video", true)) {
      assertThat(f.usedFooter()).isEqualTo(RerunTarget.parse(target).readsStreamFooter());
      assertThat(r.codec()).isEqualTo(VideoCodec.H264);
      int n = 0;
      while (r.next()) {
        assertThat(r.time()).isEqualTo(n * 33_000_000L);
        ByteBuffer s = r.sample();
        byte[] got = new byte[s.remaining()];
        s.get(got);
        assertThat(got).isEqualTo(sample(n));
        n++;
      }
      assertThat(n).isEqualTo(SAMPLES);
    }
  }

  @ParameterizedTest(name = "{1} for Rerun {0}")
  @CsvSource({"0.24, H265", "0.27, AV1", "0.31, VP9", "0.31, VP8", "0.24, AV1"})
  void codecsTheTargetLacksAreRefused(String target, VideoCodec codec) {
    assertThatThrownBy(() -> demo(RerunTarget.parse(target), codec))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining(codec.name())
        .hasMessageContaining("Rerun " + target)
        .hasMessageContaining("AssetVideo")
        .hasMessageContaining("--mode asset");
  }

  @ParameterizedTest(name = "{1} for Rerun {0}")
  @CsvSource({"0.25, H265", "0.28, AV1", "0.32, VP9", "0.32, VP8", "0.36, AV1"})
  void codecsFromTheirFirstRelease(String target, VideoCodec codec) throws IOException {
    assertThat(demo(RerunTarget.parse(target), codec)).isNotEmpty();
  }

  @Test
  void opacityDoesNotExistIn024() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (RrdWriter w =
        RrdWriter.open(bos, RrdWriteOptions.builder().target(RerunTarget.of(24)).build())) {
      StoreId store = w.beginRecording("a", null);
      assertThatThrownBy(
              () ->
                  VideoStreamWriter.builder(w, store, ENTITY)
                      .codec(VideoCodec.H264)
                      .timeline("video", TimeType.DURATION)
                      .opacity(0.5f)
                      .drawOrder(1f)
                      .build())
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("opacity");
    }
  }

  @Test
  void rewritingARerun033FileFor026StampsEveryChunkAndStoreInfo() throws IOException {
    byte[] original = TestData.bytes("rerun/stream_h264.rrd");
    for (boolean keepPayloads : new boolean[] {false, true}) {
      byte[] b =
          RrdWriterRoundTripTest.rewrite(
              original, RrdWriteOptions.builder().target(RerunTarget.of(26)).build(), keepPayloads);
      assertThat(Arrays.copyOfRange(b, 4, 8)).containsExactly(0, 26, 0, 0);
      try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
        int chunks = 0;
        for (RrdMessage m = r.next(); m != null; m = r.next()) {
          if (m instanceof StoreInfo s) {
            // was 0.33.0 in the source file (the stamp follows the target, not the input)
            assertThat(s.storeVersion()).isEqualTo(new RrdVersion(0, 26, 0, 0));
          } else if (m instanceof ChunkMessage a) {
            chunks++;
            try (Chunk c = a.decode()) {
              assertThat(c.schema().getCustomMetadata()).containsEntry("sorbet:version", "0.1.1");
            }
          } else if (m instanceof StreamEnd e) {
            assertThat(e.hasStreamFooter()).isFalse();
            assertThat(e.footerLength()).isZero();
          }
        }
        assertThat(chunks).isEqualTo(4);
      }
    }
  }

  @Test
  void olderChunksKeepTheirSorbetVersion() throws IOException {
    // a 0.26 file (sorbet 0.1.1) rewritten for 0.33: its chunks must not claim 0.1.3, or Rerun
    // would skip the 0.1.1 -> 0.1.3 migrations
    byte[] original = TestData.bytes("rerun/older/v0.26.2_asset_h264_nobf.rrd");
    byte[] b = RrdWriterRoundTripTest.rewrite(original, RrdWriteOptions.defaults(), true);
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          try (Chunk c = a.decode()) {
            assertThat(c.schema().getCustomMetadata()).containsEntry("sorbet:version", "0.1.1");
          }
        }
      }
    }
  }

  @Test
  void parseAcceptsTheRangeOnly() {
    assertThat(RerunTarget.parse("0.24")).isEqualTo(RerunTarget.OLDEST);
    assertThat(RerunTarget.parse("0.36")).isEqualTo(RerunTarget.NEWEST);
    assertThat(RerunTarget.parse(" 0.26.2 ").stamp()).isEqualTo(new RrdVersion(0, 26, 2, 0));
    assertThat(RerunTarget.parse("0.26").stamp()).isEqualTo(new RrdVersion(0, 26, 0, 0));
    assertThat(RerunTarget.DEFAULT.stamp()).isEqualTo(new RrdVersion(0, 33, 0, 0));
    for (String bad :
        new String[] {"0.23", "0.37", "1.0", "0.3", "0.24.1.1", "0.x", "", "0.24-rc.1", "0..24"}) {
      assertThatThrownBy(() -> RerunTarget.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("0.24 to 0.36");
    }
  }
}
