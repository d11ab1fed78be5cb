package dev.rrdvideo.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * The documented, versioned columns of the sample table (schema {@value #SCHEMA}); the same for
 * every input kind and every output format. Units are in the names.
 */
public final class SampleColumns {
  /** Name and version of the table schema; bumped when a column changes meaning or type. */
  public static final String SCHEMA = "rrdvideo.samples/2";

  private SampleColumns() {}

  /** The Arrow-compatible type of a column. */
  public enum Type {
    /** UTF-8 text. */
    STRING,
    /** 64-bit signed integer. */
    INT64,
    /** 32-bit signed integer. */
    INT32,
    /** Boolean. */
    BOOL
  }

  /**
   * Receives one cell; implemented by the output writers (and by other consumers of rows, such as a
   * Spark reader, through {@link TableWriter}).
   */
  public interface CellSink {
    /** Receives a text cell. */
    void string(String v);

    /** Receives an integer cell (also for {@link Type#INT32} columns). */
    void int64(long v);

    /** Receives a boolean cell. */
    void bool(boolean v);

    /** Receives an absent (null) cell. */
    void absent();
  }

  /** One column. */
  public enum Column {
    /** Entity path of the stream ({@code .rrd}), else the input file name. */
    ENTITY("entity", Type.STRING),
    /** Timeline the times come from; {@code track N} for MP4 input; {@code stream} otherwise. */
    TIMELINE("timeline", Type.STRING),
    /** 0-based position in decode order. */
    SAMPLE_INDEX("sample_index", Type.INT64),
    /** Presentation time in the timeline's own unit (ns, sequence number, or MP4 ticks). */
    PTS("pts", Type.INT64),
    /** Presentation time in nanoseconds. */
    PTS_NS("pts_ns", Type.INT64),
    /** Decode time in nanoseconds, where the container has one. */
    DTS_NS("dts_ns", Type.INT64),
    /**
     * Decode duration in nanoseconds: the next sample's decode time minus this one's (presentation
     * times where there are no separate decode times); the container's duration for MP4 and for the
     * last sample where the container has one.
     */
    DURATION_NS("duration_ns", Type.INT64),
    /** Payload size in bytes, as stored. */
    SIZE_BYTES("size_bytes", Type.INT64),
    /** Keyframe flag the container declares ({@code is_keyframe}, {@code stss}, IVF: absent). */
    KEYFRAME_DECLARED("keyframe_declared", Type.BOOL),
    /** Keyframe by the bitstream, by the Rerun viewer's rules (IDR + SPS, IRAP + SPS, ...). */
    KEYFRAME_BITSTREAM("keyframe_bitstream", Type.BOOL),
    /** I, P or B from the first slice / frame header. */
    FRAME_TYPE("frame_type", Type.STRING),
    /** NAL unit types (H.264/H.265) or OBU types (AV1) in order, comma-separated. */
    NAL_TYPES("nal_types", Type.STRING),
    /** Codec: h264, h265, av1, vp8, vp9. */
    CODEC("codec", Type.STRING),
    /**
     * Picture width in pixels from the stream's parameters (SPS after its cropping, sequence
     * header, key frame header), carried forward to every later row of the stream.
     */
    WIDTH("width", Type.INT32),
    /** Picture height in pixels, like {@link #WIDTH}. */
    HEIGHT("height", Type.INT32),
    /** 0-based GOP index (a GOP starts at each keyframe; absent before the first). */
    GOP_INDEX("gop_index", Type.INT64),
    /** Chunk holding the sample ({@code .rrd} input). */
    CHUNK_ID("chunk_id", Type.STRING),
    /** Byte offset of the sample payload in the input file, where known. */
    BYTE_OFFSET("byte_offset", Type.INT64),
    /** SHA-256 of the sample bytes in hex ({@code --hash} only). */
    SHA256("sha256", Type.STRING);

    private final String columnName;
    private final Type type;

    Column(String columnName, Type type) {
      this.columnName = columnName;
      this.type = type;
    }

    /** Returns the column name used in every output format. */
    public String columnName() {
      return columnName;
    }

    /** Returns the column type. */
    public Type type() {
      return type;
    }

    /**
     * Returns whether the column's values come from reading each sample's bitstream (NAL unit, OBU
     * or frame headers); the others come from the container alone. {@code gop_index} counts: a GOP
     * starts at a keyframe by the bitstream where it is known.
     */
    public boolean needsBitstream() {
      return switch (this) {
        case KEYFRAME_BITSTREAM, FRAME_TYPE, NAL_TYPES, WIDTH, HEIGHT, GOP_INDEX -> true;
        default -> false;
      };
    }

    /** Returns the column named {@code name} (as in {@link #columnName()}), or {@code null}. */
    public static Column named(String name) {
      for (Column c : values()) {
        if (c.columnName.equals(name)) {
          return c;
        }
      }
      return null;
    }

    void emit(SampleRow r, CellSink s) {
      switch (this) {
        case ENTITY -> str(s, r.entity);
        case TIMELINE -> str(s, r.timeline);
        case SAMPLE_INDEX -> lng(s, r.sampleIndex);
        case PTS -> s.int64(r.pts);
        case PTS_NS -> lng(s, r.ptsNanos);
        case DTS_NS -> lng(s, r.dtsNanos);
        case DURATION_NS -> lng(s, r.durationNanos);
        case SIZE_BYTES -> s.int64(r.sizeBytes);
        case KEYFRAME_DECLARED -> bool(s, r.keyframeDeclared);
        case KEYFRAME_BITSTREAM -> bool(s, r.keyframeBitstream);
        case FRAME_TYPE -> str(s, r.frameType == null ? null : r.frameType.name());
        case NAL_TYPES -> str(s, r.nalTypes);
        case CODEC -> str(s, r.codec == null ? null : r.codec.shortName());
        case WIDTH -> lng(s, r.width < 0 ? SampleRow.ABSENT : r.width);
        case HEIGHT -> lng(s, r.height < 0 ? SampleRow.ABSENT : r.height);
        case GOP_INDEX -> lng(s, r.gopIndex < 0 ? SampleRow.ABSENT : r.gopIndex);
        case CHUNK_ID -> str(s, r.chunkId);
        case BYTE_OFFSET -> lng(s, r.byteOffset);
        case SHA256 -> str(s, r.sha256);
        default -> throw new IllegalStateException(String.valueOf(this));
      }
    }

    private static void str(CellSink s, String v) {
      if (v == null) {
        s.absent();
      } else {
        s.string(v);
      }
    }

    private static void lng(CellSink s, long v) {
      if (v == SampleRow.ABSENT) {
        s.absent();
      } else {
        s.int64(v);
      }
    }

    private static void bool(CellSink s, Boolean v) {
      if (v == null) {
        s.absent();
      } else {
        s.bool(v);
      }
    }
  }

  /**
   * Parses a comma-separated list of column names ({@code pts,size_bytes}) into columns in the
   * order given.
   *
   * @throws IllegalArgumentException naming the first unknown or repeated name, with the valid
   *     names, or for an empty list
   */
  public static List<Column> parse(String names) {
    List<Column> out = new ArrayList<>();
    for (String raw : names.split(",", -1)) {
      String name = raw.strip();
      Column c = Column.named(name);
      if (c == null) {
        throw new IllegalArgumentException(
            (name.isEmpty() ? "an empty column name" : "unknown column '" + name + "'")
                + "; the columns are "
                + names());
      }
      if (out.contains(c)) {
        throw new IllegalArgumentException("column '" + name + "' is named twice");
      }
      out.add(c);
    }
    return out;
  }

  /** Returns every column name, comma-separated, in table order. */
  public static String names() {
    StringBuilder b = new StringBuilder();
    for (Column c : Column.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(c.columnName());
    }
    return b.toString();
  }

  /**
   * Returns whether any of {@code columns} needs the bitstream read ({@link
   * Column#needsBitstream}).
   */
  public static boolean needsBitstream(List<Column> columns) {
    for (Column c : columns) {
      if (c.needsBitstream()) {
        return true;
      }
    }
    return false;
  }

  /** Returns the columns written: all of them, {@code sha256} only when hashing. */
  public static List<Column> columns(boolean hash) {
    List<Column> out = new ArrayList<>(List.of(Column.values()));
    if (!hash) {
      out.remove(Column.SHA256);
    }
    return out;
  }
}
