package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.compare.VectorEqualsVisitor;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Write what you read: Rerun-written files re-written by {@link RrdWriter} read back identical. */
class RrdWriterRoundTripTest {
  @TempDir Path dir;
  private RootAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void leakCheck() {
    allocator.close();
  }

  /** Re-encodes every chunk (or copies payloads) into a new stream. */
  static byte[] rewrite(byte[] original, RrdWriteOptions options, boolean keepPayloads)
      throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(original));
        RrdWriter w = RrdWriter.open(bos, options)) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof StoreInfo s) {
          w.writeStoreInfo(s);
        } else if (m instanceof ChunkMessage a) {
          if (keepPayloads) {
            w.writeArrowMessage(a);
          } else {
            try (Chunk c = a.decode()) {
              w.writeChunk(a.storeId(), c);
            }
          }
        }
      }
    }
    return bos.toByteArray();
  }

  private List<Chunk> chunks(byte[] rrd, List<StoreInfo> infos) throws IOException {
    List<Chunk> out = new ArrayList<>();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(rrd))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          out.add(a.decode(allocator));
        } else if (m instanceof StoreInfo s) {
          infos.add(s);
        }
      }
    }
    return out;
  }

  private void assertSameChunks(byte[] a, byte[] b) throws IOException {
    List<StoreInfo> ia = new ArrayList<>();
    List<StoreInfo> ib = new ArrayList<>();
    List<Chunk> ca = chunks(a, ia);
    List<Chunk> cb = chunks(b, ib);
    try {
      assertThat(ib).hasSize(ia.size());
      for (int i = 0; i < ia.size(); i++) {
        assertThat(ib.get(i).storeId()).isEqualTo(ia.get(i).storeId());
        assertThat(ib.get(i).rowId()).isEqualTo(ia.get(i).rowId());
        assertThat(ib.get(i).source()).isEqualTo(ia.get(i).source());
      }
      assertThat(cb).hasSize(ca.size());
      for (int i = 0; i < ca.size(); i++) {
        Chunk x = ca.get(i);
        Chunk y = cb.get(i);
        assertThat(y.id()).isEqualTo(x.id());
        assertThat(y.entityPath()).isEqualTo(x.entityPath());
        assertThat(y.schema()).isEqualTo(x.schema());
        assertThat(y.rowCount()).isEqualTo(x.rowCount());
        for (int v = 0; v < x.root().getFieldVectors().size(); v++) {
          FieldVector vx = x.root().getVector(v);
          FieldVector vy = y.root().getVector(v);
          assertThat(VectorEqualsVisitor.vectorEquals(vx, vy))
              .as("column %s of chunk %s", x.schema().getFields().get(v).getName(), x.id())
              .isTrue();
        }
      }
    } finally {
      ca.forEach(Chunk::close);
      cb.forEach(Chunk::close);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1", "asset_h264_nobf"})
  void reencodedChunksReadBackIdentical(String name) throws IOException {
    byte[] original = TestData.bytes("rerun/" + name + ".rrd");
    for (Compression c : Compression.values()) {
      byte[] copy = rewrite(original, RrdWriteOptions.builder().compression(c).build(), false);
      assertSameChunks(original, copy);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1", "asset_h264_nobf"})
  void copiedPayloadsAreByteIdentical(String name) throws IOException {
    byte[] original = TestData.bytes("rerun/" + name + ".rrd");
    byte[] copy = rewrite(original, RrdWriteOptions.defaults(), true);
    assertSameChunks(original, copy);
    List<byte[]> pa = payloads(original);
    List<byte[]> pb = payloads(copy);
    assertThat(pb).hasSameSizeAs(pa);
    for (int i = 0; i < pa.size(); i++) {
      assertThat(pb.get(i)).isEqualTo(pa.get(i));
    }
  }

  private static List<byte[]> payloads(byte[] rrd) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(rrd))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          out.add(a.payload());
        }
      }
    }
    return out;
  }

  /** Our manifest has exactly the columns, types and metadata Rerun writes for the same chunks. */
  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1", "asset_h264_nobf"})
  void footerManifestColumnsMatchRerun(String name) throws IOException {
    byte[] copy =
        rewrite(TestData.bytes("rerun/" + name + ".rrd"), RrdWriteOptions.defaults(), false);
    Path file = dir.resolve(name + ".rrd");
    Files.write(file, copy);
    JsonNode rerunFields =
        RerunFacts.of(name).get("footer").get(0).get("manifests").get(0).get("data").get("fields");
    try (RrdFile f = RrdFile.open(file, RrdReadOptions.builder().strict(true).build())) {
      assertThat(f.usedFooter()).isTrue();
      List<Field> ours = f.manifests().get(0).manifestSchema().getFields();
      assertThat(ours).hasSize(rerunFields.size());
      for (int i = 0; i < ours.size(); i++) {
        JsonNode theirs = rerunFields.get(i);
        assertThat(ours.get(i).getName()).isEqualTo(theirs.get("name").asText());
        assertThat(FactsJson.typeText(ours.get(i)))
            .isEqualTo(theirs.get("type").get("str").asText());
        assertThat(ours.get(i).isNullable()).isEqualTo(theirs.get("nullable").asBoolean());
        Map<String, String> md = ours.get(i).getMetadata();
        assertThat(md).isEqualTo(RerunFacts.metadata(theirs));
      }
    }
  }

  /** RrdFile jumps straight to each chunk through our footer and gets the chunk the scan finds. */
  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1", "asset_h264_nobf"})
  void randomAccessThroughFooterMatchesScan(String name) throws IOException {
    byte[] original = TestData.bytes("rerun/" + name + ".rrd");
    Path withFooter = dir.resolve("with.rrd");
    Path without = dir.resolve("without.rrd");
    Files.write(withFooter, rewrite(original, RrdWriteOptions.defaults(), false));
    Files.write(
        without, rewrite(original, RrdWriteOptions.builder().emitFooter(false).build(), false));
    List<RrdWarning> warnings = new ArrayList<>();
    RrdReadOptions o = RrdReadOptions.builder().warnings(warnings::add).build();
    try (RrdFile a = RrdFile.open(withFooter, o);
        RrdFile b = RrdFile.open(without, o)) {
      assertThat(a.usedFooter()).isTrue();
      assertThat(b.usedFooter()).isFalse();
      assertThat(a.chunks()).hasSameSizeAs(b.chunks());
      for (int i = a.chunks().size() - 1; i >= 0; i--) {
        ChunkIndexEntry ea = a.chunks().get(i);
        ChunkIndexEntry eb = b.chunks().get(i);
        assertThat(ea.chunkId()).isEqualTo(eb.chunkId());
        assertThat(ea.entityPath()).isEqualTo(eb.entityPath());
        assertThat(ea.timeRanges()).isEqualTo(eb.timeRanges());
        assertThat(ea.numRows()).isEqualTo(eb.numRows());
        assertThat(ea.components()).isEqualTo(eb.components()).isNotEmpty();
        try (Chunk c = a.readChunk(ea)) {
          assertThat(c.id()).isEqualTo(ea.chunkId());
          assertThat(c.rowCount()).isEqualTo(ea.numRows());
        }
      }
      assertThat(a.storeInfos()).hasSize(1);
    }
    assertThat(warnings).isEmpty();
    try (RrdFile rerun = RrdFile.open(TestData.path("rerun/" + name + ".rrd"))) {
      assertThat(rerun.usedFooter()).isTrue();
      assertThat(rerun.chunks()).hasSize(RerunFacts.of(name).get("arrow_msgs").size());
      // Rerun's own manifest names the same components as the chunks themselves
      for (ChunkIndexEntry e : rerun.chunks()) {
        try (Chunk c = rerun.readChunk(e)) {
          java.util.Set<String> present = new java.util.HashSet<>();
          for (dev.rrdvideo.format.chunk.ComponentColumn col : c.components()) {
            if (col.nonNullCount() > 0) {
              present.add(col.descriptor().component());
            }
          }
          assertThat(e.components()).as("chunk %s", e.chunkId()).isEqualTo(present);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "asset_h264_nobf"})
  void ourFilesPassTheVerifier(String name) throws IOException {
    byte[] copy =
        rewrite(TestData.bytes("rerun/" + name + ".rrd"), RrdWriteOptions.defaults(), false);
    RrdVerifier.Report report = RrdVerifier.verify(new ByteArrayInputStream(copy), name);
    assertThat(report.ok()).as(report.findings().toString()).isTrue();
    assertThat(report.chunks()).isEqualTo(RerunFacts.of(name).get("arrow_msgs").size());
  }
}
