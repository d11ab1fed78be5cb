package dev.rrdvideo.format.chunk.internal.arrow;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Checks the metadata of an Arrow IPC stream against its bytes <em>before</em> Arrow sees them, so
 * that Arrow never allocates for a length the bytes do not back, never recurses without bound, and
 * never reads outside a buffer.
 *
 * <p>Arrow Java trusts IPC metadata: a record batch whose row count exceeds its columns makes it
 * grow every vector to that count (seconds of CPU in its allocation loop before it fails), a buffer
 * range past the body leaks the body buffer when slicing fails, offsets are not checked at load
 * time and its own validation ({@code ValueVectorUtility.validateFull}) accepts a negative first
 * offset, and a self-referencing or deep schema recurses until the stack overflows. This class
 * validates, from the raw bytes and with no Arrow allocation:
 *
 * <ul>
 *   <li>framing: every metadata and body length within the bytes; the schema first, then the record
 *       batch (dictionary batches, tensors and anything else are refused);
 *   <li>the schema: nesting depth at most {@link #MAX_DEPTH}, at most {@link #MAX_FIELDS} fields in
 *       all, every field named, no dictionary encoding, complete metadata entries, little-endian,
 *       metadata version V4 or V5;
 *   <li>the record batch: no body compression, one node per field and the exact number of buffers
 *       Arrow Java expects, every buffer inside the body, every node length and null count within
 *       [0, {@link #maxElements}], top-level lengths equal to the batch length, and per type:
 *       validity bitmaps absent (only with no or only nulls) or long enough (Arrow Java uses a
 *       non-empty one whatever the null count), data and offset buffers large enough for the node
 *       length, offsets non-negative, non-decreasing and ending within the child (lists) or the
 *       data buffer (binary, UTF-8), children of structs, fixed-size lists and sparse unions at
 *       least as long as their parent needs, dense-union type ids naming a child and offsets inside
 *       it.
 * </ul>
 *
 * <p>What passes is safe to hand to Arrow's loader: every count Arrow sets is backed by bytes, so
 * loading allocates at most a small multiple of the body. Not API.
 */
final class IpcCheck {
  /** Deepest accepted nesting of schema fields (a top-level column is depth 1). */
  static final int MAX_DEPTH = 32;

  /** Most schema fields accepted, counting nested ones. */
  static final int MAX_FIELDS = 1 << 16;

  private IpcCheck() {}

  /** The checked schema and record batch; the body is {@code buf[bodyOffset, +bodyLength)}. */
  record Batch(
      ArrowIpc.IpcSchema schema, RecordBatch recordBatch, int bodyOffset, int bodyLength) {}

  /** One encapsulated message: its flatbuffer, and where its body is. */
  private record Encapsulated(Message message, int bodyOffset, int bodyLength, int end) {}

  /**
   * Returns the largest element count a node may declare for a body of {@code bodyLength} bytes:
   * one bit per element, plus slack for a few elements that need no bytes (null-typed columns).
   */
  static long maxElements(long bodyLength) {
    return Math.min(Integer.MAX_VALUE, 8 * bodyLength + 64);
  }

  /** Checks a stream of schema + record batch; returns both. */
  static Batch checkBatch(byte[] buf, int off, int len) throws ArrowIpc.IpcException {
    try {
      return batch(buf, off, len);
    } catch (RuntimeException e) {
      // a flatbuffer accessor read outside the metadata: corrupt tables or vectors
      throw fail("corrupt Arrow IPC metadata: " + e, e);
    }
  }

  /** Checks a stream that starts with a schema message; returns the schema. */
  static ArrowIpc.IpcSchema checkSchema(byte[] buf, int off, int len) throws ArrowIpc.IpcException {
    try {
      ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
      Encapsulated first = next(bb, off, off + len, 0);
      if (first == null) {
        throw fail("Arrow IPC stream ends before its schema");
      }
      return schema(first.message());
    } catch (RuntimeException e) {
      throw fail("corrupt Arrow IPC metadata: " + e, e);
    }
  }

  private static Batch batch(byte[] buf, int off, int len) throws ArrowIpc.IpcException {
    Headers h = headers(buf, off, len, len);
    ByteBuffer body =
        ByteBuffer.wrap(buf, h.bodyOffset(), h.bodyLength()).slice().order(ByteOrder.LITTLE_ENDIAN);
    return body(
        h,
        new Body() {
          @Override
          public byte get(int pos) {
            return body.get(pos);
          }

          @Override
          public int getInt(int pos) {
            return body.getInt(pos);
          }

          @Override
          public long getLong(int pos) {
            return body.getLong(pos);
          }
        });
  }

  /**
   * The schema and the record batch metadata of a stream, checked (framing, schema, message types)
   * but not yet against the body; {@code bodyOffset} is where the body starts in the array given to
   * {@link #headers}. When {@code neededEnd} is positive, nothing else is set: the bytes of the
   * array up to {@code neededEnd} are needed first.
   */
  record Headers(
      ArrowIpc.IpcSchema schema,
      RecordBatch recordBatch,
      int bodyOffset,
      int bodyLength,
      int neededEnd) {}

  /**
   * The bytes of a record batch body the checks read (list and binary offsets, union type ids and
   * offsets), by position in the body; the positions are those of buffers the metadata lists.
   */
  interface Body {
    byte get(int pos);

    int getInt(int pos);

    long getLong(int pos);
  }

  /**
   * Checks the framing, the schema and the record batch metadata of a stream of {@code len} bytes
   * at {@code buf[off..]} of which only the first {@code avail} are there: what {@link #checkBatch}
   * checks before it looks at the body, with the same errors. Returns the headers, or ({@link
   * Headers#neededEnd}) the bytes needed to go on.
   */
  static Headers headers(byte[] buf, int off, int avail, int len) throws ArrowIpc.IpcException {
    try {
      return headersUnchecked(buf, off, avail, len);
    } catch (RuntimeException e) {
      throw fail("corrupt Arrow IPC metadata: " + e, e);
    }
  }

  private static Headers headersUnchecked(byte[] buf, int off, int avail, int len)
      throws ArrowIpc.IpcException {
    ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    int end = off + len;
    int availEnd = off + avail;
    Encapsulated first = next(bb, off, end, availEnd, 0);
    if (first == null) {
      throw fail("Arrow IPC stream ends before its schema");
    }
    if (first.message() == null) {
      return new Headers(null, null, -1, -1, first.end());
    }
    ArrowIpc.IpcSchema schema = schema(first.message());
    Encapsulated second = next(bb, first.end(), end, availEnd, 1);
    if (second == null) {
      throw fail("Arrow IPC stream has a schema but no record batch");
    }
    if (second.message() == null) {
      return new Headers(null, null, -1, -1, second.end());
    }
    byte type = second.message().headerType();
    if (type != MessageHeader.RecordBatch) {
      throw fail(
          "Arrow IPC message 2: expected a record batch, found "
              + headerName(type)
              + (type == MessageHeader.DictionaryBatch
                  ? " (dictionary-encoded columns are not supported; Rerun never writes them)"
                  : ""));
    }
    RecordBatch rb;
    try {
      rb = (RecordBatch) second.message().header(new RecordBatch());
    } catch (RuntimeException e) {
      throw fail("corrupt Arrow IPC record batch metadata: " + e, e);
    }
    if (rb == null) {
      throw fail("Arrow IPC record batch message without a record batch");
    }
    return new Headers(schema, rb, second.bodyOffset(), second.bodyLength(), 0);
  }

  /** Checks the record batch of {@code h} against its body. */
  static Batch body(Headers h, Body body) throws ArrowIpc.IpcException {
    try {
      new BatchCheck(h.schema().fields(), h.recordBatch(), body, h.bodyLength()).run();
    } catch (ArrowIpc.IpcException e) {
      throw e;
    } catch (RuntimeException e) {
      throw fail("corrupt Arrow IPC record batch metadata: " + e, e);
    }
    return new Batch(h.schema(), h.recordBatch(), h.bodyOffset(), h.bodyLength());
  }

  /**
   * Reads the encapsulated message at {@code pos}: optional continuation marker, int32 metadata
   * length, flatbuffer {@code Message}, body. Returns null at the end-of-stream marker.
   */
  private static Encapsulated next(ByteBuffer bb, int pos, int end, int index)
      throws ArrowIpc.IpcException {
    return next(bb, pos, end, end, index);
  }

  /**
   * Like {@link #next(ByteBuffer, int, int, int)} when only the bytes before {@code avail} are in
   * {@code bb} (the rest of the stream, up to {@code end}, is not read yet): returns {@link
   * #needMore} with the number of bytes needed when the message's header or metadata is not all
   * before {@code avail}. The body is not looked at.
   */
  private static Encapsulated next(ByteBuffer bb, int pos, int end, int avail, int index)
      throws ArrowIpc.IpcException {
    if (avail < end) {
      // the bytes the checks below read: the length (after a continuation marker), the metadata
      long need = pos + 4L;
      if (need <= avail) {
        int first = bb.getInt(pos);
        if (first != -1) {
          need += Math.max(0, first);
        } else {
          need += 4;
          if (need <= avail) {
            need += Math.max(0, bb.getInt(pos + 4));
          }
        }
      }
      need = Math.min(need, end);
      if (need > avail) {
        return needMore((int) need);
      }
    }
    String which = "Arrow IPC message " + (index + 1);
    if (end - pos < 4) {
      throw fail(which + ": stream ends inside the message header (" + (end - pos) + " bytes)");
    }
    int metaLen = bb.getInt(pos);
    pos += 4;
    if (metaLen == -1) {
      if (end - pos < 4) {
        throw fail(which + ": stream ends after a continuation marker");
      }
      metaLen = bb.getInt(pos);
      pos += 4;
    }
    if (metaLen == 0) {
      return null;
    }
    if (metaLen < 0 || metaLen > end - pos) {
      throw fail(
          which
              + ": metadata length "
              + Integer.toUnsignedString(metaLen)
              + " exceeds the "
              + (end - pos)
              + " bytes left");
    }
    Message m;
    long body;
    short version;
    try {
      ByteBuffer meta = bb.duplicate();
      meta.position(pos).limit(pos + metaLen);
      m = Message.getRootAsMessage(meta.slice().order(ByteOrder.LITTLE_ENDIAN));
      body = m.bodyLength();
      version = m.version();
    } catch (RuntimeException e) {
      throw fail(which + ": corrupt metadata: " + e, e);
    }
    pos += metaLen;
    if (body < 0 || body > end - pos) {
      throw fail(
          which
              + ": body length "
              + Long.toUnsignedString(body)
              + " exceeds the "
              + (end - pos)
              + " bytes left");
    }
    if (version != MetadataVersion.V4 && version != MetadataVersion.V5) {
      throw fail(which + ": metadata version " + version + " (expected V4 or V5)");
    }
    return new Encapsulated(m, pos, (int) body, pos + (int) body);
  }

  /** The answer of {@link #next} when the bytes up to {@code end} are needed first. */
  private static Encapsulated needMore(int end) {
    return new Encapsulated(null, -1, -1, end);
  }

  private static ArrowIpc.IpcSchema schema(Message m) throws ArrowIpc.IpcException {
    if (m.headerType() != MessageHeader.Schema) {
      throw fail("Arrow IPC message 1: expected a schema, found " + headerName(m.headerType()));
    }
    try {
      org.apache.arrow.flatbuf.Schema s =
          (org.apache.arrow.flatbuf.Schema) m.header(new org.apache.arrow.flatbuf.Schema());
      if (s == null) {
        throw fail("Arrow IPC schema message without a schema");
      }
      if (s.endianness() != org.apache.arrow.flatbuf.Endianness.Little) {
        throw fail("big-endian Arrow IPC data is not supported");
      }
      metadata(s.customMetadataLength(), s::customMetadata, "schema");
      int[] count = {0};
      for (int i = 0; i < s.fieldsLength(); i++) {
        field(s.fields(i), 1, count);
      }
      // Bounded now (depth, count, names, no dictionaries): Arrow's recursive conversion is safe.
      // The fields and metadata are converted as Arrow's Schema.convertSchema does (metadata into
      // a HashMap, a missing key or value as ""), without Arrow's Schema class (see ArrowBatch).
      List<Field> fields = new ArrayList<>(s.fieldsLength());
      for (int i = 0; i < s.fieldsLength(); i++) {
        fields.add(Field.convertField(s.fields(i)));
      }
      Map<String, String> md = new HashMap<>();
      for (int i = 0; i < s.customMetadataLength(); i++) {
        KeyValue kv = s.customMetadata(i);
        md.put(kv.key() == null ? "" : kv.key(), kv.value() == null ? "" : kv.value());
      }
      return new ArrowIpc.IpcSchema(
          Collections.unmodifiableList(fields), Collections.unmodifiableMap(md));
    } catch (ArrowIpc.IpcException e) {
      throw e;
    } catch (RuntimeException e) {
      throw fail("corrupt Arrow IPC schema: " + e, e);
    }
  }

  private static void field(org.apache.arrow.flatbuf.Field f, int depth, int[] count)
      throws ArrowIpc.IpcException {
    if (f == null) {
      throw fail("Arrow IPC schema has a missing field entry");
    }
    if (depth > MAX_DEPTH) {
      throw fail("Arrow IPC schema nests fields deeper than " + MAX_DEPTH + " levels");
    }
    if (++count[0] > MAX_FIELDS) {
      throw fail("Arrow IPC schema has more than " + MAX_FIELDS + " fields");
    }
    if (f.name() == null) {
      throw fail("Arrow IPC schema field " + count[0] + " has no name");
    }
    if (f.dictionary() != null) {
      throw fail(
          "Arrow IPC field '"
              + f.name()
              + "' is dictionary-encoded, which is not supported (Rerun never writes it)");
    }
    metadata(f.customMetadataLength(), f::customMetadata, "field '" + f.name() + "'");
    for (int i = 0; i < f.childrenLength(); i++) {
      field(f.children(i), depth + 1, count);
    }
  }

  private interface KeyValues {
    KeyValue get(int i);
  }

  private static void metadata(int n, KeyValues kv, String where) throws ArrowIpc.IpcException {
    for (int i = 0; i < n; i++) {
      KeyValue e = kv.get(i);
      if (e == null || e.key() == null || e.value() == null) {
        throw fail("Arrow IPC " + where + " has a metadata entry without key or value");
      }
    }
  }

  /** The per-field walk over the nodes and buffers of one record batch. */
  private static final class BatchCheck {
    private final List<Field> schemaFields;
    private final RecordBatch rb;
    private final Body body;
    private final int bodyLength;
    private final long maxElements;
    private final List<Field> fields = new ArrayList<>();
    private final List<int[]> children = new ArrayList<>();
    private long[] lengths;
    private long[] nulls;
    private int[] firstBuffer;

    BatchCheck(List<Field> schemaFields, RecordBatch rb, Body body, int bodyLength) {
      this.schemaFields = schemaFields;
      this.rb = rb;
      this.body = body;
      this.bodyLength = bodyLength;
      this.maxElements = maxElements(bodyLength);
    }

    void run() throws ArrowIpc.IpcException {
      if (rb.compression() != null) {
        throw fail(
            "Arrow IPC body compression (codec "
                + rb.compression().codec()
                + ") is not supported; Rerun never writes it");
      }
      if (rb.variadicBufferCountsLength() != 0) {
        throw fail("Arrow IPC variadic buffers (view types) are not supported");
      }
      long rows = rb.length();
      if (rows < 0 || rows > maxElements) {
        throw fail(
            "Arrow IPC record batch declares "
                + Long.toUnsignedString(rows)
                + " rows; a body of "
                + bodyLength
                + " bytes holds at most "
                + maxElements);
      }
      List<Integer> top = new ArrayList<>();
      for (Field f : schemaFields) {
        top.add(flatten(f));
      }
      int n = fields.size();
      if (rb.nodesLength() != n) {
        throw fail(
            "Arrow IPC record batch has "
                + rb.nodesLength()
                + " field nodes, the schema has "
                + n
                + " fields");
      }
      lengths = new long[n];
      nulls = new long[n];
      firstBuffer = new int[n + 1];
      FieldNode node = new FieldNode();
      for (int i = 0; i < n; i++) {
        rb.nodes(node, i);
        long len = node.length();
        long nc = node.nullCount();
        if (len < 0 || len > maxElements || nc < 0 || nc > len) {
          throw fail(
              "Arrow IPC field '"
                  + fields.get(i).getName()
                  + "' declares "
                  + Long.toUnsignedString(len)
                  + " values with "
                  + Long.toUnsignedString(nc)
                  + " nulls; a body of "
                  + bodyLength
                  + " bytes holds at most "
                  + maxElements
                  + " values");
        }
        lengths[i] = len;
        nulls[i] = nc;
        firstBuffer[i + 1] = firstBuffer[i] + TypeLayout.getTypeBufferCount(storage(i));
      }
      if (rb.buffersLength() != firstBuffer[n]) {
        throw fail(
            "Arrow IPC record batch has "
                + rb.buffersLength()
                + " buffers, its schema needs "
                + firstBuffer[n]);
      }
      Buffer b = new Buffer();
      for (int i = 0; i < rb.buffersLength(); i++) {
        rb.buffers(b, i);
        if (b.offset() < 0 || b.length() < 0 || b.offset() > bodyLength - b.length()) {
          throw fail(
              "Arrow IPC buffer "
                  + i
                  + " spans "
                  + Long.toUnsignedString(b.offset())
                  + "+"
                  + Long.toUnsignedString(b.length())
                  + ", outside the body of "
                  + bodyLength
                  + " bytes");
        }
      }
      for (int i : top) {
        if (lengths[i] != rows) {
          throw fail(
              "Arrow IPC column '"
                  + fields.get(i).getName()
                  + "' has "
                  + lengths[i]
                  + " values, the record batch "
                  + rows
                  + " rows");
        }
      }
      for (int i = 0; i < n; i++) {
        node(i);
      }
    }

    /**
     * Appends {@code f} and its descendants in pre-order (the IPC node order); returns its index.
     */
    private int flatten(Field f) {
      int index = fields.size();
      fields.add(f);
      int[] kids = new int[f.getChildren().size()];
      children.add(kids);
      for (int c = 0; c < kids.length; c++) {
        kids[c] = flatten(f.getChildren().get(c));
      }
      return index;
    }

    private ArrowType storage(int i) {
      ArrowType t = fields.get(i).getType();
      return t instanceof ArrowType.ExtensionType ext ? ext.storageType() : t;
    }

    private Buffer buffer(int i, int k) {
      return rb.buffers(new Buffer(), firstBuffer[i] + k);
    }

    private void node(int i) throws ArrowIpc.IpcException {
      ArrowType t = storage(i);
      long n = lengths[i];
      String name = fields.get(i).getName();
      int[] kids = children.get(i);
      if (t instanceof ArrowType.Null) {
        return;
      }
      if (t instanceof ArrowType.Union u) {
        union(i, u, n, name);
        return;
      }
      boolean listLike =
          t instanceof ArrowType.List
              || t instanceof ArrowType.Map
              || t instanceof ArrowType.LargeList
              || t instanceof ArrowType.FixedSizeList;
      if (listLike && kids.length != 1) {
        throw fail("Arrow IPC list field '" + name + "' has " + kids.length + " children, not 1");
      }
      if (t instanceof ArrowType.Struct) {
        validity(i, n, name);
        for (int c : kids) {
          childAtLeast(c, n, name);
        }
      } else if (t instanceof ArrowType.List || t instanceof ArrowType.Map) {
        validity(i, n, name);
        childAtLeast(kids[0], offsets(i, 1, n, 4, name), name);
      } else if (t instanceof ArrowType.LargeList) {
        validity(i, n, name);
        childAtLeast(kids[0], offsets(i, 1, n, 8, name), name);
      } else if (t instanceof ArrowType.FixedSizeList fsl) {
        if (fsl.getListSize() < 0) {
          throw fail("Arrow IPC field '" + name + "': negative list size " + fsl.getListSize());
        }
        validity(i, n, name);
        childAtLeast(kids[0], n * fsl.getListSize(), name);
      } else if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.Binary) {
        validity(i, n, name);
        dataAtLeast(i, 2, offsets(i, 1, n, 4, name), name);
      } else if (t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.LargeBinary) {
        validity(i, n, name);
        dataAtLeast(i, 2, offsets(i, 1, n, 8, name), name);
      } else {
        long bits = fixedWidthBits(t);
        if (bits <= 0 || TypeLayout.getTypeBufferCount(t) != 2) {
          throw fail("Arrow IPC field '" + name + "': type " + t + " is not supported");
        }
        validity(i, n, name);
        if (n > (Long.MAX_VALUE - 7) / bits) {
          throw fail("Arrow IPC field '" + name + "': " + n + " values of " + bits + " bits");
        }
        dataAtLeast(i, 1, (n * bits + 7) / 8, name);
      }
    }

    /**
     * The validity bitmap. Arrow Java uses a non-empty one as given, whatever the null count (a
     * short one makes it grow the vector when the row count is set, and leak when that fails), and
     * makes its own only for an empty one with no or only nulls.
     */
    private void validity(int i, long n, String name) throws ArrowIpc.IpcException {
      long have = buffer(i, 0).length();
      boolean ok = have == 0 ? nulls[i] == 0 || nulls[i] == n : have >= (n + 7) / 8;
      if (!ok) {
        throw fail(
            "Arrow IPC field '"
                + name
                + "': validity bitmap of "
                + have
                + " bytes for "
                + n
                + " values ("
                + nulls[i]
                + " null)");
      }
    }

    private void dataAtLeast(int i, int k, long bytes, String name) throws ArrowIpc.IpcException {
      long have = buffer(i, k).length();
      if (have < bytes) {
        throw fail(
            "Arrow IPC field '"
                + name
                + "': data buffer of "
                + have
                + " bytes, its "
                + lengths[i]
                + " values need "
                + bytes);
      }
    }

    private void childAtLeast(int c, long values, String name) throws ArrowIpc.IpcException {
      if (lengths[c] < values) {
        throw fail(
            "Arrow IPC field '"
                + name
                + "' needs "
                + values
                + " child values, its child '"
                + fields.get(c).getName()
                + "' has "
                + lengths[c]);
      }
    }

    /**
     * Checks the offsets buffer {@code k} of field {@code i} ({@code n + 1} entries of {@code
     * width} bytes, or none when {@code n} is 0): non-negative and non-decreasing. Returns the last
     * one.
     */
    private long offsets(int i, int k, long n, int width, String name)
        throws ArrowIpc.IpcException {
      if (n == 0) {
        return 0;
      }
      Buffer b = buffer(i, k);
      long need = (n + 1) * width;
      if (b.length() < need) {
        throw fail(
            "Arrow IPC field '"
                + name
                + "': offsets buffer of "
                + b.length()
                + " bytes, its "
                + n
                + " values need "
                + need);
      }
      int at = (int) b.offset();
      long prev = -1;
      for (int j = 0; j <= n; j++) {
        int p = at + j * width;
        long v = width == 4 ? body.getInt(p) : body.getLong(p);
        if (v < 0 || v < prev || v > Integer.MAX_VALUE) {
          throw fail(
              "Arrow IPC field '"
                  + name
                  + "': offset "
                  + j
                  + " is "
                  + v
                  + (prev >= 0 ? " after " + prev : "")
                  + " (offsets must be non-negative and non-decreasing)");
        }
        prev = v;
      }
      return prev;
    }

    private void union(int i, ArrowType.Union u, long n, String name) throws ArrowIpc.IpcException {
      int[] kids = children.get(i);
      int[] ids = u.getTypeIds();
      if (ids != null && ids.length != kids.length) {
        throw fail(
            "Arrow IPC union '"
                + name
                + "' lists "
                + ids.length
                + " type ids for "
                + kids.length
                + " children");
      }
      // type id (a signed byte) -> child position, or -1
      int[] byId = new int[256];
      java.util.Arrays.fill(byId, -1);
      for (int c = 0; c < kids.length; c++) {
        int id = ids == null ? c : ids[c];
        // the format allows 0..127; Arrow Java indexes arrays with the id (and its own
        // validation refuses a negative one in the data)
        if (id < 0 || id > Byte.MAX_VALUE) {
          throw fail("Arrow IPC union '" + name + "': type id " + id + " out of range");
        }
        byId[id & 0xFF] = c;
      }
      Buffer types = buffer(i, 0);
      if (types.length() < n) {
        throw fail(
            "Arrow IPC union '" + name + "': type id buffer shorter than its " + n + " values");
      }
      boolean dense = u.getMode() == UnionMode.Dense;
      int offsetAt = 0;
      if (dense) {
        Buffer offs = buffer(i, 1);
        if (offs.length() < 4 * n) {
          throw fail(
              "Arrow IPC union '" + name + "': offsets buffer shorter than its " + n + " values");
        }
        offsetAt = (int) offs.offset();
      } else {
        for (int c : kids) {
          childAtLeast(c, n, name);
        }
      }
      int typeAt = (int) types.offset();
      for (int j = 0; j < n; j++) {
        byte id = body.get(typeAt + j);
        int c = byId[id & 0xFF];
        if (c < 0) {
          throw fail("Arrow IPC union '" + name + "': value " + j + " has unknown type id " + id);
        }
        if (dense) {
          int o = body.getInt(offsetAt + 4 * j);
          if (o < 0 || o >= lengths[kids[c]]) {
            throw fail(
                "Arrow IPC union '"
                    + name
                    + "': value "
                    + j
                    + " points at "
                    + o
                    + ", outside its child of "
                    + lengths[kids[c]]
                    + " values");
          }
        }
      }
    }
  }

  /** Returns the bit width of a fixed-width type, or 0 for anything else. */
  private static long fixedWidthBits(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      return i.getBitWidth();
    }
    if (t instanceof ArrowType.Bool) {
      return 1;
    }
    if (t instanceof ArrowType.FloatingPoint f) {
      return f.getPrecision() == FloatingPointPrecision.HALF
          ? 16
          : f.getPrecision() == FloatingPointPrecision.SINGLE ? 32 : 64;
    }
    if (t instanceof ArrowType.FixedSizeBinary b) {
      return 8L * b.getByteWidth();
    }
    if (t instanceof ArrowType.Decimal d) {
      return d.getBitWidth();
    }
    if (t instanceof ArrowType.Date d) {
      return d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? 32 : 64;
    }
    if (t instanceof ArrowType.Time tm) {
      return tm.getBitWidth();
    }
    if (t instanceof ArrowType.Timestamp || t instanceof ArrowType.Duration) {
      return 64;
    }
    if (t instanceof ArrowType.Interval iv) {
      switch (iv.getUnit()) {
        case YEAR_MONTH:
          return 32;
        case DAY_TIME:
          return 64;
        default:
          return 128;
      }
    }
    return 0;
  }

  private static String headerName(byte type) {
    return type >= 0 && type < MessageHeader.names.length
        ? MessageHeader.names[type]
        : "header type " + type;
  }

  private static ArrowIpc.IpcException fail(String message) {
    return new ArrowIpc.IpcException(message, null);
  }

  private static ArrowIpc.IpcException fail(String message, Throwable cause) {
    return new ArrowIpc.IpcException(message, cause);
  }
}
