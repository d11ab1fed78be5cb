package dev.rrdvideo.format.chunk.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBodyCompression;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IPC metadata rules of {@link IpcCheck}, each on a stream written field by field with lying
 * metadata (Arrow's own writer only writes consistent streams), and each refused without leaving
 * memory in the allocator. Referenced from {@code docs/limits.md}.
 */
class IpcCheckTest {
  private static final Field ITEM =
      new Field("item", FieldType.nullable(new ArrowType.Int(8, false)), null);
  private static final Field BLOB =
      new Field("blob", FieldType.nullable(new ArrowType.List()), List.of(ITEM));
  private static final Field INT32 =
      new Field("n", FieldType.nullable(new ArrowType.Int(32, true)), null);

  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void nothingLeft() {
    assertThat(allocator.getAllocatedMemory()).isZero();
    allocator.close();
  }

  /** One buffer: its bytes, written little-endian. */
  private static byte[] ints(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      b.putInt(x);
    }
    return b.array();
  }

  /**
   * Writes schema + one record batch with exactly the given batch length, nodes and buffers (each
   * {@code byte[]} is one buffer, padded to 8 bytes in the body), then the end marker.
   */
  private byte[] stream(
      Schema schema, long rows, long[][] nodes, byte[][] buffers, ArrowBodyCompression c)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteChannel ch = new WriteChannel(Channels.newChannel(out));
    MessageSerializer.serialize(ch, schema);
    List<ArrowFieldNode> ns = new ArrayList<>();
    for (long[] n : nodes) {
      ns.add(new ArrowFieldNode(n[0], n[1]));
    }
    List<ArrowBuf> bufs = new ArrayList<>();
    try {
      for (byte[] b : buffers) {
        ArrowBuf ab = allocator.buffer(Math.max(8, b.length));
        ab.setBytes(0, b);
        ab.writerIndex(b.length);
        bufs.add(ab);
      }
      try (ArrowRecordBatch batch =
          new ArrowRecordBatch(
              (int) rows,
              ns,
              bufs,
              c == null
                  ? org.apache.arrow.vector.compression.NoCompressionCodec.DEFAULT_BODY_COMPRESSION
                  : c,
              Collections.emptyList(),
              true)) {
        MessageSerializer.serialize(ch, batch);
      }
    } finally {
      for (ArrowBuf b : bufs) {
        b.close();
      }
    }
    ch.writeIntLittleEndian(0xFFFFFFFF);
    ch.writeIntLittleEndian(0);
    return out.toByteArray();
  }

  private byte[] stream(Schema schema, long rows, long[][] nodes, byte[][] buffers)
      throws Exception {
    return stream(schema, rows, nodes, buffers, null);
  }

  private void assertRefused(byte[] ipc, String... phrases) {
    assertThatThrownBy(() -> ArrowIpc.readFirstBatch(ipc, 0, ipc.length, allocator).close())
        .isInstanceOf(ArrowIpc.IpcException.class)
        .hasMessageContainingAll(phrases);
  }

  /** A list column of one row holding the 4 bytes 1 2 3 4: the shape of a video sample. */
  @Test
  void consistentStreamLoads() throws Exception {
    Schema s = new Schema(List.of(BLOB));
    byte[] ipc =
        stream(
            s, 1, new long[][] {{1, 0}, {4, 0}}, new byte[][] {{}, ints(0, 4), {}, {1, 2, 3, 4}});
    try (ArrowBatch batch = ArrowIpc.readFirstBatch(ipc, 0, ipc.length, allocator)) {
      assertThat(batch.rowCount()).isEqualTo(1);
      assertThat(batch.vectors().get(0).getObject(0).toString()).isEqualTo("[1,2,3,4]");
    }
  }

  /** The cause of the Cells.has/blob/blobLength findings: Arrow's validateFull accepts this. */
  @Test
  void negativeFirstOffsetIsRefused() throws Exception {
    byte[] ipc =
        stream(
            new Schema(List.of(BLOB)),
            1,
            new long[][] {{1, 0}, {4, 0}},
            new byte[][] {{}, ints(-17, 4), {}, {1, 2, 3, 4}});
    assertRefused(ipc, "field 'blob': offset 0 is -17");
  }

  @Test
  void decreasingOffsetsAndOffsetsPastTheChildAreRefused() throws Exception {
    Schema s = new Schema(List.of(BLOB));
    assertRefused(
        stream(s, 2, new long[][] {{2, 0}, {4, 0}}, new byte[][] {{}, ints(0, 4, 2), {}, ints(0)}),
        "offset 2 is 2 after 4");
    assertRefused(
        stream(s, 1, new long[][] {{1, 0}, {4, 0}}, new byte[][] {{}, ints(0, 5), {}, ints(0)}),
        "needs 5 child values, its child 'item' has 4");
  }

  /** The slow case: a length Arrow would grow the vector to. */
  @Test
  void rowCountNotBackedByTheColumnsIsRefused() throws Exception {
    Schema s = new Schema(List.of(INT32));
    assertRefused(
        stream(s, 100, new long[][] {{1, 0}}, new byte[][] {{}, ints(7)}),
        "column 'n' has 1 values, the record batch 100 rows");
    assertRefused(
        stream(s, 100, new long[][] {{100, 0}}, new byte[][] {{}, ints(7)}),
        "data buffer of 4 bytes, its 100 values need 400");
    assertRefused(
        stream(s, 1_000_000, new long[][] {{1_000_000, 0}}, new byte[][] {{}, ints(7)}),
        "declares 1000000 rows; a body of 8 bytes holds at most 128");
  }

  /** Limit: elements per node at most 8 x body bytes + 64 (docs/limits.md). */
  @Test
  void elementCountBeyondTheBodyIsRefused() throws Exception {
    Field nulls = new Field("z", FieldType.nullable(ArrowType.Null.INSTANCE), null);
    Schema s = new Schema(List.of(nulls));
    // a null-typed column needs no bytes, so only the element limit stops it
    byte[] ipc = stream(s, 100_000, new long[][] {{100_000, 100_000}}, new byte[][] {});
    assertRefused(ipc, "declares 100000 rows", "holds at most 64");
    byte[] ok = stream(s, 64, new long[][] {{64, 64}}, new byte[][] {});
    ArrowIpc.readFirstBatch(ok, 0, ok.length, allocator).close();
  }

  /** The 64-byte leak the fuzzer found: a short bitmap Arrow uses whatever the null count. */
  @Test
  void shortOrMissingValidityBitmapIsRefused() throws Exception {
    Schema s = new Schema(List.of(INT32));
    int[] values = new int[64];
    assertRefused(
        stream(s, 64, new long[][] {{64, 0}}, new byte[][] {{-1, -1, -1}, ints(values)}),
        "validity bitmap of 3 bytes for 64 values (0 null)");
    assertRefused(
        stream(s, 64, new long[][] {{64, 5}}, new byte[][] {{}, ints(values)}),
        "validity bitmap of 0 bytes for 64 values (5 null)");
  }

  /** The leak of the ArrowLeak finding: a buffer range past the body. */
  @Test
  void bufferOutsideTheBodyIsRefused() throws Exception {
    Schema s = new Schema(List.of(INT32));
    byte[] ipc = stream(s, 1, new long[][] {{1, 0}}, new byte[][] {{}, ints(7)});
    // the second buffer descriptor (offset, length) is the last 16 bytes before the body's
    // 8 bytes and the end marker; make its length huge
    ByteBuffer bb = ByteBuffer.wrap(ipc).order(ByteOrder.LITTLE_ENDIAN);
    int at = indexOf(ipc, longs(0, 4), ipc.length - 8 - 8 - 200) + 8;
    bb.putLong(at, 1L << 40);
    assertRefused(ipc, "buffer 1 spans 0+1099511627776, outside the body of 8 bytes");
  }

  /** Limit: schema nesting depth at most 32 (docs/limits.md). */
  @Test
  void nestingDeeperThan32IsRefusedBeforeArrowRecurses() throws Exception {
    assertThat(IpcCheck.MAX_DEPTH).isEqualTo(32);
    byte[] deep = schemaOnly(nested(33));
    assertThatThrownBy(() -> ArrowIpc.readSchema(deep, 0, deep.length))
        .isInstanceOf(ArrowIpc.IpcException.class)
        .hasMessageContaining("deeper than 32 levels");
    byte[] ok = schemaOnly(nested(32));
    assertThat(ArrowIpc.readSchema(ok, 0, ok.length).fields()).hasSize(1);
  }

  /** Limit: at most 65536 fields in a schema (docs/limits.md). */
  @Test
  void moreThan65536FieldsAreRefused() throws Exception {
    assertThat(IpcCheck.MAX_FIELDS).isEqualTo(65536);
    List<Field> many = new ArrayList<>();
    for (int i = 0; i < IpcCheck.MAX_FIELDS + 1; i++) {
      many.add(new Field("f", FieldType.nullable(ArrowType.Null.INSTANCE), null));
    }
    byte[] ipc = schemaOnly(new Schema(many));
    assertThatThrownBy(() -> ArrowIpc.readSchema(ipc, 0, ipc.length))
        .isInstanceOf(ArrowIpc.IpcException.class)
        .hasMessageContaining("more than 65536 fields");
  }

  @Test
  void dictionariesAndBodyCompressionAreRefused() throws Exception {
    Field dict =
        new Field(
            "d",
            new FieldType(
                true, new ArrowType.Int(32, true), new DictionaryEncoding(1, false, null), null),
            null);
    byte[] d = schemaOnly(new Schema(List.of(dict)));
    assertThatThrownBy(() -> ArrowIpc.readSchema(d, 0, d.length))
        .hasMessageContaining("dictionary-encoded");
    byte[] lz4 =
        stream(
            new Schema(List.of(INT32)),
            1,
            new long[][] {{1, 0}},
            new byte[][] {{}, ints(7)},
            new ArrowBodyCompression(
                CompressionUtil.CodecType.LZ4_FRAME.getType(),
                org.apache.arrow.flatbuf.BodyCompressionMethod.BUFFER));
    assertRefused(lz4, "body compression");
  }

  /**
   * Union type ids are 0..127 (Arrow format); a negative one is refused by the check itself, since
   * the reader no longer runs Arrow's validation after it (which refused it in the data). A valid
   * id that is not a child position still loads.
   */
  @Test
  void negativeUnionTypeIdsAreRefusedValidOnesLoad() throws Exception {
    Field child = new Field("c", FieldType.nullable(new ArrowType.Int(8, true)), null);
    for (int id : new int[] {-1, 5}) {
      Field union =
          new Field(
              "u",
              FieldType.nullable(
                  new ArrowType.Union(
                      org.apache.arrow.vector.types.UnionMode.Sparse, new int[] {id})),
              List.of(child));
      byte[] ipc =
          stream(
              new Schema(List.of(union)),
              1,
              new long[][] {{1, 0}, {1, 0}},
              new byte[][] {{(byte) id}, {}, {42}});
      if (id < 0) {
        assertRefused(ipc, "union 'u': type id -1 out of range");
      } else {
        try (ArrowBatch batch = ArrowIpc.readFirstBatch(ipc, 0, ipc.length, allocator)) {
          assertThat(batch.vectors().get(0).getObject(0)).isEqualTo((byte) 42);
        }
      }
    }
  }

  /** Limit: every metadata and body length within the bytes present. */
  @Test
  void lengthsBeyondTheBytesAreRefused() throws Exception {
    byte[] ipc =
        stream(new Schema(List.of(INT32)), 1, new long[][] {{1, 0}}, new byte[][] {{}, ints(7)});
    byte[] cut = java.util.Arrays.copyOf(ipc, ipc.length - 12);
    assertRefused(cut, "body length 8 exceeds the 4 bytes left");
    byte[] huge = ipc.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7fff_0000);
    assertRefused(huge, "metadata length 2147418112 exceeds the");
  }

  private static Schema nested(int depth) {
    Field f = new Field("leaf", FieldType.nullable(new ArrowType.Int(8, false)), null);
    for (int i = 1; i < depth; i++) {
      f = new Field("l" + i, FieldType.nullable(new ArrowType.List()), List.of(f));
    }
    return new Schema(List.of(f), Map.of());
  }

  private static byte[] schemaOnly(Schema s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteChannel ch = new WriteChannel(Channels.newChannel(out));
    MessageSerializer.serialize(ch, s);
    ch.writeIntLittleEndian(0xFFFFFFFF);
    ch.writeIntLittleEndian(0);
    return out.toByteArray();
  }

  private static byte[] longs(long... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long x : v) {
      b.putLong(x);
    }
    return b.array();
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
