package dev.rrdvideo.format.internal.footer;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdManifest;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.TimeRange;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.chunk.Tuid;
import dev.rrdvideo.format.chunk.internal.arrow.Allocators;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowBatch;
import dev.rrdvideo.format.chunk.internal.arrow.ArrowIpc;
import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.internal.lz4.Lz4Block;
import dev.rrdvideo.format.internal.proto.RrdTransport;
import dev.rrdvideo.format.internal.proto.TransportCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Decodes the {@code RrdFooter} payload of an End message into {@link RrdManifest}s, checking what
 * Rerun's footer reader requires (rrd-container.md section 10.4). Not API.
 */
public final class FooterCodec {
  private FooterCodec() {}

  /**
   * Parses the footer in {@code b[off..off+len)}, which starts at absolute offset {@code
   * absOffset}.
   *
   * @throws RrdFormatException if the footer or a manifest is malformed
   */
  public static List<RrdManifest> parse(
      byte[] b,
      int off,
      int len,
      String source,
      long absOffset,
      long maxUncompressed,
      int maxChunks)
      throws RrdVideoException {
    RrdTransport.RrdFooter footer;
    try {
      footer =
          RrdTransport.RrdFooter.parseFrom(
              com.google.protobuf.CodedInputStream.newInstance(b, off, len));
    } catch (java.io.IOException e) {
      throw new RrdFormatException(
          "RrdFooter is not valid protobuf: " + e.getMessage(), source, absOffset, -1, e);
    }
    List<RrdManifest> out = new ArrayList<>();
    long[] chunks = {0};
    for (RrdTransport.RrdManifest m : footer.getManifestsList()) {
      out.add(manifest(m, source, absOffset, maxUncompressed, maxChunks, chunks));
    }
    return out;
  }

  private static RrdManifest manifest(
      RrdTransport.RrdManifest m,
      String source,
      long at,
      long maxUncompressed,
      int maxChunks,
      long[] chunksSoFar)
      throws RrdVideoException {
    if (!m.hasStoreId()) {
      throw error("RrdManifest without store_id", source, at);
    }
    if (!m.hasSorbetSchema() || !m.getSorbetSchema().hasArrowSchema()) {
      throw error("RrdManifest without sorbet_schema", source, at);
    }
    if (!m.hasSorbetSchemaSha256() || m.getSorbetSchemaSha256().size() != 32) {
      throw error("RrdManifest sorbet_schema_sha256: expected 32 bytes", source, at);
    }
    if (!m.hasData() || !m.getData().hasPayload()) {
      throw error("RrdManifest without data", source, at);
    }
    StoreId store = TransportCodec.storeId(m.getStoreId(), null);
    RrdTransport.DataframePart data = m.getData();
    if (data.getEncoderVersionValue() != RrdTransport.EncoderVersion.ENCODER_VERSION_V0_VALUE) {
      throw error(
          "manifest data encoder_version: expected 1 (V0), found " + data.getEncoderVersionValue(),
          source,
          at);
    }
    byte[] payload = data.getPayload().toByteArray();
    byte[] ipc;
    switch (data.getCompressionValue()) {
      case 0:
      case 1:
        ipc = payload;
        break;
      case 2:
        long size = data.getUncompressedSize();
        long cap = Math.min(maxUncompressed, 255L * payload.length + 64);
        if (size < 0 || size > cap) {
          throw new LimitExceededException("manifest uncompressed_size", size, cap, source, at, -1);
        }
        ipc = new byte[(int) size];
        try {
          Lz4Block.decompress(payload, 0, payload.length, ipc, ipc.length);
        } catch (Lz4Block.Lz4CorruptException e) {
          throw new RrdFormatException(
              "corrupt LZ4 block in manifest data: " + e.getMessage(), source, at, -1, e);
        }
        break;
      default:
        throw error(
            "manifest data compression: expected 0, 1 or 2, found " + data.getCompressionValue(),
            source,
            at);
    }
    BufferAllocator alloc =
        Allocators.root().newChildAllocator("manifest", 0, 2L * ipc.length + (1 << 20));
    try {
      List<Field> sorbet;
      try {
        byte[] s = m.getSorbetSchema().getArrowSchema().toByteArray();
        sorbet = ArrowIpc.readSchema(s, 0, s.length).fields();
      } catch (ArrowIpc.IpcException e) {
        throw new RrdFormatException(
            "manifest sorbet_schema is not an Arrow IPC schema: " + e.getMessage(),
            source,
            at,
            -1,
            e);
      }
      try (ArrowBatch root = ArrowIpc.readFirstBatch(ipc, 0, ipc.length, alloc)) {
        chunksSoFar[0] += root.rowCount();
        if (chunksSoFar[0] > maxChunks) {
          throw new LimitExceededException(
              "footer index", chunksSoFar[0], maxChunks, "chunks", source, at, -1);
        }
        return new RrdManifest(
            store,
            entries(root, store, source, at),
            root.fields(),
            sorbet,
            m.getSorbetSchemaSha256().toByteArray());
      } catch (ArrowIpc.IpcException e) {
        throw new RrdFormatException(
            "manifest data is not an Arrow IPC stream: " + e.getMessage(), source, at, -1, e);
      }
    } finally {
      try {
        alloc.close();
      } catch (IllegalStateException leak) {
        // Arrow can leave a buffer behind when it fails inside a corrupt batch; the format
        // error already being thrown is what the caller needs to see.
      }
    }
  }

  private static List<ChunkIndexEntry> entries(
      ArrowBatch root, StoreId store, String source, long at) throws RrdVideoException {
    VarCharVector ep = column(root, "chunk_entity_path", VarCharVector.class, source, at);
    FixedSizeBinaryVector id = column(root, "chunk_id", FixedSizeBinaryVector.class, source, at);
    BitVector st = column(root, "chunk_is_static", BitVector.class, source, at);
    UInt8Vector nr = column(root, "chunk_num_rows", UInt8Vector.class, source, at);
    UInt8Vector off = column(root, "chunk_byte_offset", UInt8Vector.class, source, at);
    UInt8Vector sz = column(root, "chunk_byte_size", UInt8Vector.class, source, at);
    UInt8Vector un = column(root, "chunk_byte_size_uncompressed", UInt8Vector.class, source, at);
    if (id.getByteWidth() != 16) {
      throw error("manifest chunk_id: expected FixedSizeBinary(16)", source, at);
    }
    // Chunk-level timeline columns: "T:start"/"T:end" with rerun:index=T and no component.
    Map<String, BaseFixedWidthVector[]> timelines = new HashMap<>();
    Map<String, TimeType> types = new HashMap<>();
    for (int c = 0; c < root.vectors().size(); c++) {
      FieldVector v = root.vectors().get(c);
      Field f = root.fields().get(c);
      Map<String, String> md = f.getMetadata();
      String index = md == null ? null : md.get("rerun:index");
      if (index == null || md.containsKey("rerun:component") || "rerun:static".equals(index)) {
        continue;
      }
      boolean start = f.getName().endsWith(":start");
      boolean end = f.getName().endsWith(":end");
      if (!start && !end) {
        continue;
      }
      TimeType type = timeType(f.getType());
      if (type == null || !(v instanceof BaseFixedWidthVector)) {
        throw error("manifest column " + f.getName() + ": not a time type", source, at);
      }
      types.put(index, type);
      timelines.computeIfAbsent(index, k -> new BaseFixedWidthVector[2])[start ? 0 : 1] =
          (BaseFixedWidthVector) v;
    }
    // Per-component columns: "T:Arch:field:num_rows" (UInt64) and "Arch:field:has_static_data"
    // (Boolean), both carrying rerun:component.
    List<String> countedComponents = new ArrayList<>();
    List<FieldVector> counts = new ArrayList<>();
    for (int c = 0; c < root.vectors().size(); c++) {
      FieldVector v = root.vectors().get(c);
      Field f = root.fields().get(c);
      Map<String, String> md = f.getMetadata();
      String component = md == null ? null : md.get("rerun:component");
      if (component == null) {
        continue;
      }
      if ((f.getName().endsWith(":num_rows") && v instanceof UInt8Vector)
          || (f.getName().endsWith(":has_static_data") && v instanceof BitVector)) {
        countedComponents.add(component);
        counts.add(v);
      }
    }
    List<ChunkIndexEntry> out = new ArrayList<>(root.rowCount());
    for (int r = 0; r < root.rowCount(); r++) {
      if (ep.isNull(r)
          || id.isNull(r)
          || st.isNull(r)
          || nr.isNull(r)
          || off.isNull(r)
          || sz.isNull(r)
          || un.isNull(r)) {
        throw error("manifest row " + r + " has a null global column", source, at);
      }
      Map<String, TimeRange> ranges = new HashMap<>();
      for (Map.Entry<String, BaseFixedWidthVector[]> e : timelines.entrySet()) {
        BaseFixedWidthVector s = e.getValue()[0];
        BaseFixedWidthVector en = e.getValue()[1];
        if (s == null || en == null) {
          throw error("manifest timeline " + e.getKey() + " lacks :start or :end", source, at);
        }
        if (!s.isNull(r) && !en.isNull(r)) {
          ranges.put(
              e.getKey(),
              new TimeRange(
                  types.get(e.getKey()),
                  s.getDataBuffer().getLong(8L * r),
                  en.getDataBuffer().getLong(8L * r)));
        }
      }
      if (nr.get(r) < 0 || off.get(r) < 0 || sz.get(r) < 0 || un.get(r) < 0) {
        throw error(
            "manifest row "
                + r
                + ": num_rows, byte_offset, byte_size or byte_size_uncompressed exceeds 2^63-1",
            source,
            at);
      }
      EntityPath path;
      try {
        path = EntityPath.parse(new String(ep.get(r), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw error("manifest row " + r + ": bad entity path: " + e.getMessage(), source, at);
      }
      out.add(
          new ChunkIndexEntry(
              Tuid.fromBytes(id.get(r), 0),
              store,
              path,
              st.get(r) != 0,
              nr.get(r),
              off.get(r),
              sz.get(r),
              un.get(r),
              ranges,
              presentComponents(r, countedComponents, counts)));
    }
    return out;
  }

  private static Set<String> presentComponents(
      int row, List<String> components, List<FieldVector> counts) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < components.size(); i++) {
      FieldVector v = counts.get(i);
      if (v.isNull(row)) {
        continue;
      }
      boolean present = v instanceof UInt8Vector n ? n.get(row) > 0 : ((BitVector) v).get(row) != 0;
      if (present) {
        out.add(components.get(i));
      }
    }
    return out;
  }

  private static TimeType timeType(ArrowType t) {
    if (t instanceof ArrowType.Int && ((ArrowType.Int) t).getBitWidth() == 64) {
      return TimeType.SEQUENCE;
    }
    if (t instanceof ArrowType.Duration
        && ((ArrowType.Duration) t).getUnit() == TimeUnit.NANOSECOND) {
      return TimeType.DURATION;
    }
    if (t instanceof ArrowType.Timestamp
        && ((ArrowType.Timestamp) t).getUnit() == TimeUnit.NANOSECOND) {
      return TimeType.TIMESTAMP;
    }
    return null;
  }

  private static <T extends FieldVector> T column(
      ArrowBatch root, String name, Class<T> type, String source, long at)
      throws RrdFormatException {
    FieldVector v = vector(root, name);
    if (v == null) {
      throw error("manifest is missing column " + name, source, at);
    }
    if (!type.isInstance(v)) {
      throw error(
          "manifest column " + name + ": unexpected type " + v.getField().getType(), source, at);
    }
    return type.cast(v);
  }

  /** Returns the first column named {@code name}, or null (null-safe, unlike Arrow's lookup). */
  private static FieldVector vector(ArrowBatch root, String name) {
    for (int c = 0; c < root.fields().size(); c++) {
      if (name != null && name.equals(root.fields().get(c).getName())) {
        return root.vectors().get(c);
      }
    }
    return null;
  }

  private static RrdFormatException error(String message, String source, long at) {
    return new RrdFormatException(message, source, at);
  }
}
