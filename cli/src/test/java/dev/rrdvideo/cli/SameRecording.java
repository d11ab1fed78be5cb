package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.chunk.Chunk;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.compare.VectorEqualsVisitor;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Asserts that two recordings made by two runs of the same conversion hold the same messages: the
 * same store infos, the same chunks (entity, static or not, schema and chunk metadata, every column
 * value by value, hence the same samples, times and keyframe flags) in the same order. Only what
 * every run makes afresh may differ: chunk ids and row ids (their order within a chunk is still
 * checked), the store info's row id, and where the bytes sit in the file.
 */
final class SameRecording {
  private SameRecording() {}

  /** Asserts the recordings are the same; returns the number of chunks compared. */
  static int assertSame(byte[] got, byte[] want) throws IOException {
    int chunks = 0;
    try (RrdReader a = RrdReader.open(new ByteArrayInputStream(got));
        RrdReader b = RrdReader.open(new ByteArrayInputStream(want))) {
      for (int i = 0; ; i++) {
        RrdMessage x = next(a);
        RrdMessage y = next(b);
        if (x == null || y == null) {
          assertThat(x).as("message %d of the first", i).isNull();
          assertThat(y).as("message %d of the second", i).isNull();
          return chunks;
        }
        assertThat(x.getClass()).as("message %d", i).isEqualTo(y.getClass());
        if (x instanceof StoreInfo s) {
          StoreInfo t = (StoreInfo) y;
          assertThat(s.storeId()).as("store id, message %d", i).isEqualTo(t.storeId());
          assertThat(s.source()).isEqualTo(t.source());
          assertThat(s.storeVersion()).isEqualTo(t.storeVersion());
        } else if (x instanceof BlueprintActivation p) {
          BlueprintActivation q = (BlueprintActivation) y;
          assertThat(p.blueprintId()).isEqualTo(q.blueprintId());
          assertThat(p.makeActive()).isEqualTo(q.makeActive());
          assertThat(p.makeDefault()).isEqualTo(q.makeDefault());
        } else {
          ChunkMessage m = (ChunkMessage) x;
          ChunkMessage n = (ChunkMessage) y;
          assertThat(m.storeId()).isEqualTo(n.storeId());
          try (Chunk c = m.decode();
              Chunk d = n.decode()) {
            assertSameChunk(c, d, i);
          }
          chunks++;
        }
      }
    }
  }

  /** The next store info, chunk or blueprint activation (not the end of stream), or null. */
  private static RrdMessage next(RrdReader r) throws IOException {
    for (RrdMessage m = r.next(); m != null; m = r.next()) {
      if (m instanceof StoreInfo || m instanceof ChunkMessage || m instanceof BlueprintActivation) {
        return m;
      }
    }
    return null;
  }

  private static void assertSameChunk(Chunk c, Chunk d, int message) {
    String at = "chunk of message " + message;
    assertThat(c.entityPath()).as(at).isEqualTo(d.entityPath());
    assertThat(c.isStatic()).as(at).isEqualTo(d.isStatic());
    assertThat(c.rowCount()).as(at).isEqualTo(d.rowCount());
    assertThat(c.rowIdsAscending()).as(at).isEqualTo(d.rowIdsAscending());
    assertThat(withoutId(c.metadata())).as(at + " metadata").isEqualTo(withoutId(d.metadata()));
    List<Field> fc = c.fields();
    List<Field> fd = d.fields();
    assertThat(fc).as(at + " schema").isEqualTo(fd);
    for (int f = 0; f < fc.size(); f++) {
      Map<String, String> md = fc.get(f).getMetadata();
      String kind = md == null ? "data" : md.getOrDefault("rerun:kind", "data");
      if (kind.equals("control") || kind.equals("row_id")) {
        continue; // row ids: fresh in every run
      }
      FieldVector vc = c.vectors().get(f);
      FieldVector vd = d.vectors().get(f);
      assertThat(VectorEqualsVisitor.vectorEquals(vc, vd))
          .as("%s column %s", at, fc.get(f).getName())
          .isTrue();
    }
  }

  private static Map<String, String> withoutId(Map<String, String> md) {
    Map<String, String> m = new HashMap<>(md);
    assertThat(m.remove("rerun:id")).as("chunk id").isNotNull();
    return m;
  }
}
