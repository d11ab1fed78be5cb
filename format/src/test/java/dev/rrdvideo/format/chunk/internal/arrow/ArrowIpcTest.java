package dev.rrdvideo.format.chunk.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.ComponentDescriptor;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.chunk.TuidGenerator;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBuffer;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ArrowIpc} reads and writes IPC streams without Arrow's {@code Schema} class; it must read
 * what Arrow's {@code ArrowStreamReader} reads and write the very bytes {@code ArrowStreamWriter}
 * writes. Checked on chunks of every cell type and on every chunk of recordings Rerun wrote.
 */
class ArrowIpcTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void leakCheck() {
    allocator.close();
  }

  /** Chunks that rrdvideo builds (all cell types, temporal and static, sparse cells). */
  private List<Chunk> builtChunks() {
    TuidGenerator ids = new TuidGenerator();
    ChunkBuilder b =
        ChunkBuilder.forEntity(EntityPath.parse("/a/b"), ids)
            .timeline("t", TimeType.DURATION)
            .timeline("frame", TimeType.SEQUENCE)
            .component(new ComponentDescriptor("A", "A:blob", "rerun.Blob"), CellType.BYTES)
            .component(new ComponentDescriptor(null, "u", null), CellType.UINT32)
            .component(new ComponentDescriptor("A", "A:flag", null), CellType.BOOL)
            .component(new ComponentDescriptor("A", "A:f", null), CellType.FLOAT32)
            .component(new ComponentDescriptor("A", "A:i", null), CellType.INT64)
            .component(new ComponentDescriptor("A", "A:s", null), CellType.UTF8)
            .allocator(allocator)
            .create();
    for (int r = 0; r < 37; r++) {
      b.addRow();
      b.setTime(0, 1000L * r);
      b.setTime(1, r);
      if (r % 3 != 1) {
        b.setBytes(0, new byte[] {(byte) r, 2, 3}, 0, r % 3);
      }
      if (r % 2 == 0) {
        b.setUInt32(1, r * 7L);
        b.setBool(2, r % 4 == 0);
        b.setFloat32(3, r / 3f);
        b.setInt64(4, -r);
        b.setUtf8(5, "row " + r);
      }
    }
    List<Chunk> out = new ArrayList<>();
    out.add(b.build(Map.of("x:extra", "1", "y:more", "2")));
    ChunkBuilder s =
        ChunkBuilder.forEntity(EntityPath.parse("/static"), ids)
            .component(new ComponentDescriptor(null, "c", null), CellType.UINT32)
            .allocator(allocator)
            .create();
    s.addRow();
    s.setUInt32(0, 5);
    out.add(s.build());
    return out;
  }

  /** The IPC payload of every chunk of recordings written by Rerun itself. */
  private static List<byte[]> rerunPayloads() throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (String name :
        List.of(
            "rerun/stream_h264.rrd",
            "rerun/stream_av1.rrd",
            "rerun/asset_h264_nobf.rrd",
            "rerun/older/v0.31.4_stream_h264_mcap.rrd",
            "rerun/resaved-0.24.1/stream_h264.rrd")) {
      try (RrdReader r = RrdReader.open(TestData.open(name))) {
        for (RrdMessage m = r.next(); m != null; m = r.next()) {
          if (m instanceof ChunkMessage a) {
            out.add(a.ipcBytes());
          }
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(10);
    return out;
  }

  private static byte[] arrowWrites(VectorSchemaRoot root) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      w.start();
      w.writeBatch();
      w.end();
    }
    return out.toByteArray();
  }

  private static byte[] weWrite(ArrowBatch b) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArrowIpc.writeStream(b, out);
    return out.toByteArray();
  }

  /** The body buffer lengths of the record batch of an IPC stream (schema, then one batch). */
  private static List<Long> bufferLengths(byte[] ipc) throws Exception {
    ReadChannel ch = new ReadChannel(Channels.newChannel(new ByteArrayInputStream(ipc)));
    MessageSerializer.deserializeSchema(ch);
    try (BufferAllocator a = new RootAllocator();
        ArrowRecordBatch batch =
            (ArrowRecordBatch) MessageSerializer.deserializeMessageBatch(ch, a)) {
      List<Long> out = new ArrayList<>();
      for (ArrowBuffer b : batch.getBuffersLayout()) {
        out.add(b.getSize());
      }
      return out;
    }
  }

  /**
   * Built chunks: ours from the chunk's parts, Arrow's from its root of the same parts. Arrow's
   * ArrowStreamReader reads our bytes back to the same vectors; the only buffers that differ from
   * ArrowStreamWriter's are the validity bitmaps of vectors without nulls, which we leave empty.
   */
  @Test
  void writesWhatArrowStreamReaderReadsBackWithoutBitmapsOfVectorsWithoutNulls() throws Exception {
    List<Chunk> chunks = builtChunks();
    try {
      for (Chunk c : chunks) {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ArrowIpc.writeStream(c.fields(), c.metadata(), c.vectors(), c.rowCount(), ours);
        byte[] theirs = arrowWrites(c.root());
        try (ArrowStreamReader reader =
            new ArrowStreamReader(new ByteArrayInputStream(ours.toByteArray()), allocator)) {
          assertThat(reader.loadNextBatch()).isTrue();
          VectorSchemaRoot back = reader.getVectorSchemaRoot();
          assertThat(back.getSchema().getFields()).isEqualTo(c.fields());
          assertThat(back.getSchema().getCustomMetadata()).isEqualTo(c.metadata());
          assertThat(back.equals(c.root())).as(c.toString()).isTrue();
        }
        List<Long> ourLengths = bufferLengths(ours.toByteArray());
        List<Long> arrowLengths = bufferLengths(theirs);
        assertThat(ourLengths).hasSameSizeAs(arrowLengths);
        int dropped = 0;
        for (int i = 0; i < ourLengths.size(); i++) {
          if (!ourLengths.get(i).equals(arrowLengths.get(i))) {
            assertThat(ourLengths.get(i)).as("buffer %d of %s", i, c).isZero();
            dropped++;
          }
        }
        assertThat(ours.size()).isLessThanOrEqualTo(theirs.length);
        if (dropped == 0) {
          assertThat(ours.toByteArray()).as(c.toString()).isEqualTo(theirs);
        }
      }
    } finally {
      chunks.forEach(Chunk::close);
    }
  }

  /**
   * Rerun's chunks: read by ArrowStreamReader and by ArrowIpc, then written by ArrowStreamWriter
   * under the schema as Arrow's MessageSerializer deserializes it (which is what the library read
   * and wrote before, metadata in the order of that schema's map) and by ArrowIpc: every body
   * buffer as long as in Rerun's own payload.
   */
  @Test
  void readsAndWritesRerunChunksAsArrowStreamReaderAndWriterDo() throws Exception {
    for (byte[] ipc : rerunPayloads()) {
      try (ArrowStreamReader reader =
              new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator);
          ArrowBatch ours = ArrowIpc.readFirstBatch(ipc, 0, ipc.length, allocator)) {
        assertThat(reader.loadNextBatch()).isTrue();
        VectorSchemaRoot theirs = reader.getVectorSchemaRoot();
        assertThat(ours.fields()).isEqualTo(theirs.getSchema().getFields());
        assertThat(ours.metadata()).isEqualTo(theirs.getSchema().getCustomMetadata());
        assertThat(ours.rowCount()).isEqualTo(theirs.getRowCount());
        assertThat(ours.toRoot().equals(theirs)).isTrue();
        Schema asDeserialized =
            MessageSerializer.deserializeSchema(
                new ReadChannel(Channels.newChannel(new ByteArrayInputStream(ipc))));
        VectorSchemaRoot before =
            new VectorSchemaRoot(asDeserialized, theirs.getFieldVectors(), theirs.getRowCount());
        byte[] rewritten = weWrite(ours);
        // Every body buffer as long as Arrow's writer makes it, except the validity bitmaps of
        // vectors without nulls: Arrow Java and Rerun (arrow-rs) write them full of ones, we leave
        // them empty; the bytes read back the same (above, and readsWhatArrowStreamReaderReads).
        byte[] arrows = arrowWrites(before);
        List<Long> reference = bufferLengths(arrows);
        List<Long> lengths = bufferLengths(rewritten);
        assertThat(lengths).hasSameSizeAs(reference);
        for (int i = 0; i < lengths.size(); i++) {
          if (!lengths.get(i).equals(reference.get(i))) {
            assertThat(lengths.get(i)).as("buffer %d", i).isZero();
          }
        }
        try (ArrowBatch back = ArrowIpc.readFirstBatch(rewritten, 0, rewritten.length, allocator)) {
          assertThat(back.toRoot().equals(theirs)).isTrue();
        }
        assertThat(rewritten.length).isLessThanOrEqualTo(arrows.length);
      }
    }
  }

  /** Built chunks read back: what ArrowStreamReader reads. */
  @Test
  void readsWhatArrowStreamReaderReads() throws Exception {
    List<Chunk> chunks = builtChunks();
    try {
      for (Chunk c : chunks) {
        byte[] ipc = arrowWrites(c.root());
        try (ArrowStreamReader reader =
                new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator);
            ArrowBatch ours = ArrowIpc.readFirstBatch(ipc, 0, ipc.length, allocator)) {
          assertThat(reader.loadNextBatch()).isTrue();
          VectorSchemaRoot theirs = reader.getVectorSchemaRoot();
          assertThat(ours.fields()).isEqualTo(theirs.getSchema().getFields());
          assertThat(ours.metadata()).isEqualTo(theirs.getSchema().getCustomMetadata());
          assertThat(ours.rowCount()).isEqualTo(theirs.getRowCount()).isEqualTo(c.rowCount());
          assertThat(ours.toRoot().equals(theirs)).as(c.toString()).isTrue();
        }
      }
    } finally {
      chunks.forEach(Chunk::close);
    }
  }

  @Test
  void schemaOnlyStreamsMatchArrowsSerializer() throws Exception {
    List<Chunk> built = builtChunks();
    try {
      Chunk c = built.get(0);
      for (Map<String, String> md :
          List.<Map<String, String>>of(
              Collections.emptyMap(), ArrowBatch.metadataOf(Map.of("k", "v", "a", "b")))) {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ArrowIpc.writeSchemaOnly(c.fields(), md, ours, true);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        WriteChannel ch = new WriteChannel(Channels.newChannel(theirs));
        MessageSerializer.serialize(ch, new Schema(c.fields(), new HashMap<>(md)));
        ch.writeIntLittleEndian(0xFFFFFFFF);
        ch.writeIntLittleEndian(0);
        assertThat(ours.toByteArray()).isEqualTo(theirs.toByteArray());
        byte[] b = ours.toByteArray();
        ArrowIpc.IpcSchema back = ArrowIpc.readSchema(b, 0, b.length);
        assertThat(back.fields()).isEqualTo(c.fields());
        assertThat(back.metadata()).isEqualTo(md);
      }
    } finally {
      built.forEach(Chunk::close);
    }
  }
}
