package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.VideoFrameReferenceChunk;
import dev.rrdvideo.format.video.VideoStreamChunk;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.TestData;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file written by the real Rerun 0.33 viewer reads back with exactly the facts an independent
 * decoder (protobufjs + apache-arrow JS) recorded in its {@code .facts.json}.
 */
class RerunWrittenFactsTest {
  private RootAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void leakCheck() {
    allocator.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1", "asset_h264_nobf"})
  void framingStoreInfoAndChunksMatchFacts(String name) throws Exception {
    JsonNode facts = RerunFacts.of(name);
    List<RrdMessage> messages = new ArrayList<>();
    int factsMsg = 0;
    int arrowIdx = 0;
    try (RrdReader r = RrdReader.open(TestData.open("rerun/" + name + ".rrd"))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        messages.add(m);
        JsonNode fm = facts.get("framing").get("messages").get(factsMsg++);
        assertThat(m.offset()).isEqualTo(fm.get("offset").asLong());
        assertThat(r.version().toString())
            .isEqualTo(facts.get("framing").get("header").get("version").asText());
        switch (fm.get("kind").asInt()) {
          case 1 -> checkStoreInfo((StoreInfo) m, facts.get("store_info").get(0));
          case 2 -> checkArrow((ChunkMessage) m, facts.get("arrow_msgs").get(arrowIdx++), fm);
          case 0 -> checkEnd((StreamEnd) m, facts.get("footer").get(0), fm);
          default -> throw new AssertionError("unexpected kind " + fm);
        }
      }
    }
    assertThat(messages).hasSize(facts.get("framing").get("messages").size());
    assertThat(arrowIdx).isEqualTo(facts.get("arrow_msgs").size());
  }

  private static void checkStoreInfo(StoreInfo s, JsonNode f) {
    JsonNode d = f.get("decoded");
    assertThat(s.rowId().toString().toLowerCase(Locale.ROOT))
        .isEqualTo(f.get("row_id_hex").asText());
    assertThat(s.storeId().recordingId())
        .isEqualTo(d.get("info").get("store_id").get("recording_id").asText());
    assertThat(s.storeId().applicationId())
        .isEqualTo(d.get("info").get("store_id").get("application_id").get("id").asText());
    assertThat("STORE_SOURCE_KIND_" + s.source().kind().name())
        .isEqualTo(f.get("store_source_kind").asText());
    assertThat(HexFormat.of().formatHex(s.source().extra()))
        .isEqualTo(
            d.get("info")
                .get("store_source")
                .get("extra")
                .get("payload")
                .get("bytes_hex")
                .asText());
    assertThat(s.storeVersion().crateVersionBits())
        .isEqualTo(d.get("info").get("store_version").get("crate_version_bits").asInt());
  }

  private void checkArrow(ChunkMessage a, JsonNode f, JsonNode framing) throws Exception {
    assertThat(a.messageLength())
        .isEqualTo(f.get("len").asInt())
        .isEqualTo(framing.get("len").asInt());
    assertThat(a.chunkIdField().toString().toLowerCase(Locale.ROOT))
        .isEqualTo(f.get("chunk_id_hex").asText());
    assertThat("COMPRESSION_" + a.compression().name()).isEqualTo(f.get("compression").asText());
    assertThat(a.uncompressedSize()).isEqualTo(f.get("uncompressed_size").asLong());
    assertThat(a.payloadSize()).isEqualTo(f.get("payload_len").asInt());
    assertThat(a.isStaticField()).isEqualTo(f.get("is_static").asBoolean());
    assertThat(a.storeId().recordingId()).isEqualTo(f.get("store_id").get("recording_id").asText());
    assertThat(sha256(a.ipcBytes())).isEqualTo(f.get("ipc_sha256").asText());
    try (Chunk c = a.decode(allocator)) {
      assertThat(c.id().toString().toLowerCase(Locale.ROOT))
          .isEqualTo(f.get("chunk_id_hex").asText());
      assertThat(c.rowCount()).isEqualTo(f.get("num_rows").asInt());
      assertThat(c.isStatic()).isEqualTo(f.get("is_static").asBoolean());
      Map<String, String> md = c.schema().getCustomMetadata();
      f.get("schema_metadata")
          .properties()
          .forEach(e -> assertThat(md).containsEntry(e.getKey(), e.getValue().asText()));
      assertThat(md).hasSize(f.get("schema_metadata").size());
      assertThat(c.entityPath().toString())
          .isEqualTo(f.get("schema_metadata").get("rerun:entity_path").asText());
      List<Field> fields = c.schema().getFields();
      assertThat(fields).hasSize(f.get("fields").size());
      for (int i = 0; i < fields.size(); i++) {
        checkField(fields.get(i), f.get("fields").get(i));
      }
      checkColumns(c, f.get("columns"));
    }
  }

  private static void checkField(Field ours, JsonNode theirs) {
    assertThat(ours.getName()).isEqualTo(theirs.get("name").asText());
    assertThat(ours.isNullable()).isEqualTo(theirs.get("nullable").asBoolean());
    assertThat(FactsJson.typeText(ours)).isEqualTo(theirs.get("type").get("str").asText());
    assertThat(ours.getMetadata()).isEqualTo(RerunFacts.metadata(theirs));
    JsonNode children = theirs.get("type").get("children");
    if (children != null) {
      assertThat(ours.getChildren()).hasSize(children.size());
      for (int i = 0; i < children.size(); i++) {
        checkField(ours.getChildren().get(i), children.get(i));
      }
    }
  }

  private static void checkColumns(Chunk c, JsonNode cols) throws Exception {
    JsonNode rowIds = cols.get("rerun.controls.RowId");
    for (int r = 0; r < c.rowCount(); r++) {
      assertThat(c.rowId(r).toString().toLowerCase(Locale.ROOT)).isEqualTo(rowIds.get(r).asText());
    }
    for (TimeColumn t : c.timeColumns()) {
      for (int r = 0; r < c.rowCount(); r++) {
        assertThat(t.value(r)).isEqualTo(cols.get(t.name()).get(r).asLong());
      }
    }
    VideoStreamChunk vs = VideoStreamChunk.of(c);
    if (vs != null && vs.hasSamples()) {
      JsonNode samples = cols.get("VideoStream:sample");
      for (int r = 0; r < c.rowCount(); r++) {
        JsonNode s = samples.get(r).get(0);
        assertThat(vs.sampleSize(r)).isEqualTo(s.get("bytes").asInt());
        assertThat(sha256(vs.sample(r))).isEqualTo(s.get("sha256").asText());
      }
    }
    if (vs != null && vs.hasCodec()) {
      JsonNode codec = cols.get("VideoStream:codec");
      for (int r = 0; r < c.rowCount(); r++) {
        assertThat(vs.codecValue(r)).isEqualTo(codec.get(r).get(0).asLong());
      }
    }
    AssetVideoChunk av = AssetVideoChunk.of(c);
    if (av != null) {
      JsonNode blob = cols.get("AssetVideo:blob").get(0).get(0);
      assertThat(av.blobSize(0)).isEqualTo(blob.get("bytes").asInt());
      assertThat(sha256(av.blob(0))).isEqualTo(blob.get("sha256").asText());
      assertThat(av.blob(0).remaining())
          .isEqualTo(TestData.bytes("rerun/asset_h264_nobf.mp4").length);
      assertThat(av.blob(0))
          .isEqualTo(ByteBuffer.wrap(TestData.bytes("rerun/asset_h264_nobf.mp4")));
    }
    VideoFrameReferenceChunk vfr = VideoFrameReferenceChunk.of(c);
    if (vfr != null) {
      JsonNode ts = cols.get("VideoFrameReference:timestamp");
      for (int r = 0; r < c.rowCount(); r++) {
        assertThat(vfr.timestampNanos(r)).isEqualTo(ts.get(r).get(0).asLong());
      }
    }
    for (ComponentColumn col : c.components()) {
      assertThat(cols.has(col.name())).as(col.name()).isTrue();
    }
  }

  private static void checkEnd(StreamEnd e, JsonNode footer, JsonNode framing) throws Exception {
    assertThat(e.footerLength()).isEqualTo(framing.get("len").asInt());
    assertThat(e.hasStreamFooter()).isTrue();
    List<RrdManifest> ms = e.manifests();
    assertThat(ms).hasSize(footer.get("manifests").size());
    for (int i = 0; i < ms.size(); i++) {
      RrdManifest m = ms.get(i);
      JsonNode fm = footer.get("manifests").get(i);
      assertThat(m.storeId().recordingId())
          .isEqualTo(fm.get("store_id").get("recording_id").asText());
      assertThat(HexFormat.of().formatHex(m.sorbetSchemaSha256()))
          .isEqualTo(fm.get("sorbet_schema_sha256_hex").asText());
      JsonNode fields = fm.get("data").get("fields");
      assertThat(m.manifestSchema().getFields()).hasSize(fields.size());
      for (int k = 0; k < fields.size(); k++) {
        checkField(m.manifestSchema().getFields().get(k), fields.get(k));
      }
      JsonNode rows = fm.get("data").get("rows");
      assertThat(m.chunks()).hasSize(rows.size());
      for (int k = 0; k < rows.size(); k++) {
        ChunkIndexEntry x = m.chunks().get(k);
        JsonNode row = rows.get(k);
        assertThat(x.chunkId().toString().toLowerCase(Locale.ROOT))
            .isEqualTo(row.get("chunk_id").asText());
        assertThat(x.entityPath().toString()).isEqualTo(row.get("chunk_entity_path").asText());
        assertThat(x.isStatic()).isEqualTo(row.get("chunk_is_static").asBoolean());
        assertThat(x.numRows()).isEqualTo(row.get("chunk_num_rows").asLong());
        assertThat(x.byteOffset()).isEqualTo(row.get("chunk_byte_offset").asLong());
        assertThat(x.byteSize()).isEqualTo(row.get("chunk_byte_size").asLong());
        assertThat(x.uncompressedSize())
            .isEqualTo(row.get("chunk_byte_size_uncompressed").asLong());
        for (Map.Entry<String, TimeRange> tr : x.timeRanges().entrySet()) {
          assertThat(tr.getValue().min()).isEqualTo(row.get(tr.getKey() + ":start").asLong());
          assertThat(tr.getValue().max()).isEqualTo(row.get(tr.getKey() + ":end").asLong());
        }
      }
      List<String> sorbetNames = new ArrayList<>();
      m.sorbetSchema().getFields().forEach(f -> sorbetNames.add(f.getName()));
      List<String> factNames = new ArrayList<>();
      fm.get("sorbet_schema").get("fields").forEach(f -> factNames.add(f.get("name").asText()));
      assertThat(sorbetNames).containsExactlyElementsOf(factNames);
    }
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static String sha256(ByteBuffer b) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(b.duplicate());
    return HexFormat.of().formatHex(d.digest());
  }
}
