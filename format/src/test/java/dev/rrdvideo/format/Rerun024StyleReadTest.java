package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings laid out the way Rerun 0.24 wrote them, which no real file in testdata covers: the
 * application id only in the deprecated {@code StoreInfo.application_id} (field 1), store ids of
 * {@code kind} and {@code recording_id} alone (0.24's {@code StoreId} has no field 3, so neither
 * the SetStoreInfo nor any ArrowMsg carries one), a recording id without the {@code rec_} prefix
 * (0.24 used 32 bare hex digits; the prefix came in 0.25), sorbet 0.1.1 chunks and an End message
 * without footer. Made in code: rrdvideo's 0.24 output with {@code StoreId.application_id} removed
 * from every message.
 */
class Rerun024StyleReadTest {
  @TempDir Path dir;

  static final String RECORDING = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  static final String APP = "legacy_app";
  private static final EntityPath ENTITY = EntityPath.parse("/cam");

  static byte[] sample(int i) {
    byte[] b = new byte[8 + i];
    java.util.Arrays.fill(b, (byte) (0x10 + i));
    return b;
  }

  /** A 0.24-style recording with four samples. */
  static byte[] rerun024Style() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (RrdWriter w =
        RrdWriter.open(bos, RrdWriteOptions.builder().target(RerunTarget.of(24)).build())) {
      StoreId store = w.beginRecording(APP, RECORDING);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, ENTITY)
              .codec(VideoCodec.H264)
              .timeline("log_time", TimeType.TIMESTAMP)
              .build();
      for (int i = 0; i < 4; i++) {
        v.addSample(1_700_000_000_000_000_000L + i * 40_000_000L, sample(i), 0, 8 + i, i == 0);
      }
      v.finish();
    }
    return Recordings.withoutStoreIdApplicationIds(bos.toByteArray());
  }

  @Test
  void theFixtureHasTheApplicationIdOnlyInStoreInfoFieldOne() throws IOException {
    byte[] b = rerun024Style();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int len = (int) bb.getLong(20);
    RrdTransport.StoreInfo info =
        RrdTransport.SetStoreInfo.parseFrom(java.util.Arrays.copyOfRange(b, 28, 28 + len))
            .getInfo();
    assertThat(info.hasApplicationId()).isTrue();
    assertThat(info.getApplicationId().getId()).isEqualTo(APP);
    assertThat(info.getStoreId().hasApplicationId()).isFalse();
    assertThat(info.getStoreId().getRecordingId()).isEqualTo(RECORDING);
    int arrowMsgs = 0;
    for (int pos = 12; pos < b.length; ) {
      long kind = bb.getLong(pos);
      int n = (int) bb.getLong(pos + 8);
      if (kind == 2) {
        arrowMsgs++;
        assertThat(
                RrdTransport.ArrowMsg.parseFrom(
                        java.util.Arrays.copyOfRange(b, pos + 16, pos + 16 + n))
                    .getStoreId()
                    .hasApplicationId())
            .isFalse();
      }
      pos += 16 + n;
    }
    assertThat(arrowMsgs).isEqualTo(2);
  }

  @Test
  void readerInjectsTheApplicationIdIntoEveryMessage() throws IOException {
    StoreId expected = new StoreId(StoreKind.RECORDING, RECORDING, APP);
    List<StoreId> seen = new ArrayList<>();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(rerun024Style()))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof StoreInfo s) {
          seen.add(s.storeId());
        } else if (m instanceof ChunkMessage a) {
          seen.add(a.storeId());
        }
      }
      assertThat(r.version()).isEqualTo(new RrdVersion(0, 24, 0, 0));
    }
    assertThat(seen).hasSize(3).containsOnly(expected); // store info, codec chunk, one GOP
  }

  @Test
  void verifyFindsNothingWrongAndTheSamplesReadBack() throws IOException {
    byte[] b = rerun024Style();
    RrdVerifier.Report r = RrdVerifier.verify(new ByteArrayInputStream(b), "old.rrd");
    assertThat(r.findings()).filteredOn(f -> f.severity() != RrdVerifier.Severity.INFO).isEmpty();
    assertThat(r.findings())
        .extracting(RrdVerifier.Finding::rule)
        .containsOnly("end-without-footer");
    assertThat(r.passes(true)).isTrue();
    assertThat(r.samples()).isEqualTo(4);
    Path p = dir.resolve("old.rrd");
    Files.write(p, b);
    try (RrdFile f = RrdFile.open(p);
        VideoStreamReader v = VideoStreamReader.open(f, ENTITY, null)) {
      assertThat(f.storeInfos())
          .singleElement()
          .satisfies(s -> assertThat(s.storeId().applicationId()).isEqualTo(APP));
      int n = 0;
      while (v.next()) {
        ByteBuffer s = v.sample();
        byte[] got = new byte[s.remaining()];
        s.get(got);
        assertThat(got).isEqualTo(sample(n));
        n++;
      }
      assertThat(n).isEqualTo(4);
    }
  }

  @Test
  void rewritingForTheDefaultTargetMovesTheApplicationIdIntoTheStoreId() throws IOException {
    byte[] b = RrdWriterRoundTripTest.rewrite(rerun024Style(), RrdWriteOptions.defaults(), true);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int len = (int) bb.getLong(20);
    RrdTransport.StoreInfo info =
        RrdTransport.SetStoreInfo.parseFrom(java.util.Arrays.copyOfRange(b, 28, 28 + len))
            .getInfo();
    assertThat(info.getStoreId().getApplicationId().getId()).isEqualTo(APP);
    assertThat(info.hasApplicationId()).as("no deprecated field for 0.33").isFalse();
  }

  @Test
  void aChunkBeforeItsStoreInfoWithoutApplicationIdIsAnError() throws IOException {
    // Rerun 0.25+ drops such a message ("Dropping message without application id which arrived
    // before SetStoreInfo"): the chunk is lost, so verify must not call it a mere warning
    byte[] b = rerun024Style();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int infoEnd = 12 + 16 + (int) bb.getLong(20);
    int arrowEnd = infoEnd + 16 + (int) bb.getLong(infoEnd + 8);
    ByteArrayOutputStream swapped = new ByteArrayOutputStream();
    swapped.write(b, 0, 12);
    swapped.write(b, infoEnd, arrowEnd - infoEnd); // the codec chunk first
    swapped.write(b, 12, infoEnd - 12); // then the store info
    swapped.write(b, arrowEnd, b.length - arrowEnd);
    RrdVerifier.Report r =
        RrdVerifier.verify(new ByteArrayInputStream(swapped.toByteArray()), "swapped.rrd");
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("store-info-missing"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(RrdVerifier.Severity.ERROR);
              assertThat(f.message()).contains("application id").contains("drops");
              assertThat(f.offset()).isEqualTo(12);
            });
  }

  /** The frames of a stream: kind, payload offset, payload length. */
  private static List<long[]> frames(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    List<long[]> out = new ArrayList<>();
    for (int pos = 12; pos < b.length; ) {
      long kind = bb.getLong(pos);
      int len = (int) bb.getLong(pos + 8);
      out.add(new long[] {kind, pos + 16, len});
      pos += 16 + len;
    }
    return out;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"stream_h264", "asset_h264"})
  void realRerun0241FilesHaveThatLayoutAndReadVerifyClean(String name) throws IOException {
    // written by Rerun 0.24.1's own encoder (testdata rerun/resaved-0.24.1/README.md)
    byte[] b = dev.rrdvideo.testdata.TestData.bytes("rerun/resaved-0.24.1/" + name + ".rrd");
    List<long[]> frames = frames(b);
    assertThat(frames.get(0)[0]).isEqualTo(1);
    RrdTransport.StoreInfo info =
        RrdTransport.SetStoreInfo.parseFrom(
                java.util.Arrays.copyOfRange(
                    b, (int) frames.get(0)[1], (int) (frames.get(0)[1] + frames.get(0)[2])))
            .getInfo();
    assertThat(info.getApplicationId().getId()).isEqualTo("rrdvideo");
    assertThat(info.getStoreId().hasApplicationId()).isFalse();
    for (long[] f : frames) {
      if (f[0] == 2) {
        RrdTransport.ArrowMsg m =
            RrdTransport.ArrowMsg.parseFrom(
                java.util.Arrays.copyOfRange(b, (int) f[1], (int) (f[1] + f[2])));
        assertThat(m.getStoreId().hasApplicationId()).isFalse();
      }
    }
    long[] last = frames.get(frames.size() - 1);
    assertThat(last[0]).isZero();
    assertThat(last[2]).isZero();
    assertThat(last[1]).isEqualTo(b.length);

    String recording = info.getStoreId().getRecordingId();
    StoreId expected = new StoreId(StoreKind.RECORDING, recording, "rrdvideo");
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(b))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof StoreInfo s) {
          assertThat(s.storeId()).isEqualTo(expected);
        } else if (m instanceof ChunkMessage a) {
          assertThat(a.storeId()).isEqualTo(expected);
          try (dev.rrdvideo.format.chunk.Chunk c = a.decode()) {
            assertThat(c.schema().getCustomMetadata()).containsEntry("sorbet:version", "0.1.1");
          }
        }
      }
    }
    RrdVerifier.Report report = RrdVerifier.verify(new ByteArrayInputStream(b), name);
    assertThat(report.findings())
        .extracting(RrdVerifier.Finding::rule)
        .containsOnly("end-without-footer");
    assertThat(report.passes(true)).isTrue();
    assertThat(report.samples()).isEqualTo(name.startsWith("stream") ? 30 : 0);
  }

  @Test
  void aRerun023ChunkSchemaIsRefusedAsSuchWithTheWayOut() throws IOException {
    // what Rerun 0.23.4 writes (re_sorbet sorbet_schema.rs / component_column_descriptor.rs at
    // that tag): "rerun.version" = "1" and dotted keys, no sorbet:version
    dev.rrdvideo.format.chunk.ChunkBuilder b =
        dev.rrdvideo.format.chunk.ChunkBuilder.forEntity(
                ENTITY, new dev.rrdvideo.format.chunk.TuidGenerator())
            .component(
                dev.rrdvideo.format.video.VideoStream.CODEC,
                dev.rrdvideo.format.chunk.CellType.UINT32)
            .create();
    b.addRow();
    b.setUInt32(0, VideoCodec.H264.wireValue());
    try (dev.rrdvideo.format.chunk.Chunk c = b.build()) {
      java.util.Map<String, String> md = new java.util.LinkedHashMap<>();
      md.put("rerun.version", "1");
      md.put("rerun.id", c.id().toString());
      md.put("rerun.entity_path", "/cam");
      org.apache.arrow.vector.VectorSchemaRoot legacy =
          new org.apache.arrow.vector.VectorSchemaRoot(
              new org.apache.arrow.vector.types.pojo.Schema(c.schema().getFields(), md),
              c.root().getFieldVectors(),
              c.rowCount());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> dev.rrdvideo.format.chunk.Chunk.fromArrow(legacy, null))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("Rerun 0.23 or older")
          .hasMessageContaining("save it again");
    }
  }
}
