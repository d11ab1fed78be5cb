package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample table of every Rerun-written recording equals what the independent decoder recorded in
 * its facts (sizes, sha256, timeline values), in every output format.
 */
class SampleTableTest {
  private static byte[] table(String name, TableFormat format) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (SampleTableWriter w = new SampleTableWriter(format, true, bos)) {
      int streams =
          SampleScanner.scan(
              TestData.path("rerun/" + name + ".rrd"),
              ScanOptions.builder()
                  .kind(MediaKind.RECORDING)
                  .timeline("timestamp")
                  .hash(true)
                  .analyzers(() -> SampleAnalyzer.NONE)
                  .build(),
              w);
      assertThat(streams).isEqualTo(1);
    }
    return bos.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1"})
  void jsonLinesEqualTheFacts(String name) throws Exception {
    String[] lines = new String(table(name, TableFormat.JSONL), StandardCharsets.UTF_8).split("\n");
    List<JsonNode> facts = RerunFacts.videoStreamSamples(name);
    assertThat(lines).hasSize(facts.size());
    ObjectMapper m = new ObjectMapper();
    for (int i = 0; i < lines.length; i++) {
      JsonNode row = m.readTree(lines[i]);
      JsonNode f = facts.get(i);
      assertThat(row.get("entity").asText()).isEqualTo("/camera/video");
      assertThat(row.get("timeline").asText()).isEqualTo("timestamp");
      assertThat(row.get("sample_index").asLong()).isEqualTo(i);
      assertThat(row.get("pts").asLong()).isEqualTo(f.get("timelines").get("timestamp").asLong());
      assertThat(row.get("pts_ns").asLong()).isEqualTo(row.get("pts").asLong());
      assertThat(row.get("size_bytes").asInt()).isEqualTo(f.get("size").asInt());
      assertThat(row.get("sha256").asText()).isEqualTo(f.get("sha256").asText());
      assertThat(row.get("chunk_id").asText().toLowerCase(java.util.Locale.ROOT))
          .isEqualTo(RerunFacts.chunkIdOfMessage(name, f.get("chunk_message_index").asInt()));
      assertThat(row.get("codec").asText()).isEqualTo(name.equals("stream_h264") ? "h264" : "av1");
      if (i + 1 < lines.length) {
        long next = facts.get(i + 1).get("timelines").get("timestamp").asLong();
        assertThat(row.get("duration_ns").asLong()).isEqualTo(next - row.get("pts").asLong());
      } else {
        assertThat(row.get("duration_ns").isNull()).isTrue();
      }
      assertThat(row.get("dts_ns").isNull()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1"})
  void csvHasAHeaderAndTheSameRows(String name) throws Exception {
    String csv = new String(table(name, TableFormat.CSV), StandardCharsets.UTF_8);
    String[] lines = csv.split("\n");
    assertThat(lines[0])
        .isEqualTo(
            "entity,timeline,sample_index,pts,pts_ns,dts_ns,duration_ns,size_bytes,"
                + "keyframe_declared,keyframe_bitstream,frame_type,nal_types,codec,width,height,"
                + "gop_index,chunk_id,byte_offset,sha256");
    List<JsonNode> facts = RerunFacts.videoStreamSamples(name);
    assertThat(lines).hasSize(facts.size() + 1);
    for (int i = 0; i < facts.size(); i++) {
      String[] cells = lines[i + 1].split(",", -1);
      assertThat(cells).hasSize(19);
      assertThat(cells[7]).isEqualTo(facts.get(i).get("size").asText());
      assertThat(cells[18]).isEqualTo(facts.get(i).get("sha256").asText());
      assertThat(cells[5]).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264"})
  void arrowFileReadsBackWithDocumentedTypes(String name) throws Exception {
    byte[] arrow = table(name, TableFormat.ARROW);
    assertThat(new String(arrow, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("ARROW1");
    List<JsonNode> facts = RerunFacts.videoStreamSamples(name);
    try (RootAllocator alloc = new RootAllocator();
        SeekableByteChannel ch = new ByteArrayReadableSeekableByteChannel(arrow);
        ArrowFileReader r = new ArrowFileReader(new SeekableReadChannel(ch), alloc)) {
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      assertThat(root.getSchema().getCustomMetadata())
          .containsEntry("rrdvideo:schema", SampleColumns.SCHEMA);
      for (SampleColumns.Column c : SampleColumns.columns(true)) {
        ArrowType t = root.getSchema().findField(c.columnName()).getType();
        switch (c.type()) {
          case STRING -> assertThat(t).isEqualTo(ArrowType.Utf8.INSTANCE);
          case INT64 -> assertThat(t).isEqualTo(new ArrowType.Int(64, true));
          case INT32 -> assertThat(t).isEqualTo(new ArrowType.Int(32, true));
          case BOOL -> assertThat(t).isEqualTo(ArrowType.Bool.INSTANCE);
          default -> throw new AssertionError(c);
        }
      }
      int rows = 0;
      while (r.loadNextBatch()) {
        for (int i = 0; i < root.getRowCount(); i++) {
          JsonNode f = facts.get(rows + i);
          assertThat(((org.apache.arrow.vector.BigIntVector) root.getVector("size_bytes")).get(i))
              .isEqualTo(f.get("size").asLong());
          assertThat(root.getVector("sha256").getObject(i).toString())
              .isEqualTo(f.get("sha256").asText());
          assertThat(root.getVector("dts_ns").isNull(i)).isTrue();
        }
        rows += root.getRowCount();
      }
      assertThat(rows).isEqualTo(facts.size());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264"})
  void prettyIsAligned(String name) throws Exception {
    String[] lines =
        new String(table(name, TableFormat.PRETTY), StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0]).startsWith("entity").contains("size_bytes");
    int col = lines[0].indexOf("size_bytes") + "size_bytes".length();
    for (int i = 1; i < lines.length; i++) {
      // numbers are right-aligned under their header
      assertThat(Character.isDigit(lines[i].charAt(col - 1))).as(lines[i]).isTrue();
      assertThat(lines[i].charAt(col)).isEqualTo(' ');
    }
  }
}
