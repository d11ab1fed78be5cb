package dev.rrdvideo.spark.internal;

import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.GopTableWriter;
import dev.rrdvideo.inspect.PtsRange;
import dev.rrdvideo.inspect.RecordingParts;
import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.SampleColumns;
import dev.rrdvideo.inspect.SampleListener;
import dev.rrdvideo.inspect.SampleRow;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.ScanStats;
import dev.rrdvideo.inspect.StreamContext;
import dev.rrdvideo.inspect.TableWriter;
import dev.rrdvideo.inspect.VideoSummary;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.bitstream.FrameType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one class that uses the inspect library: the columns of its tables, and a scan of one local
 * file into a {@link RowSink}. Everything else in this package speaks Spark.
 *
 * <p>Values follow the inspect tables exactly: absent values are null, {@code width}, {@code
 * height} and {@code gop_index} are null where the library reports them as negative.
 */
final class InspectAdapter {
  static final String SAMPLES_SCHEMA = SampleColumns.SCHEMA;
  static final String GOPS_SCHEMA = GopTableWriter.SCHEMA;

  private static final List<SampleColumns.Column> SAMPLE_COLUMNS = SampleColumns.columns(true);

  /** Sample columns whose values need the bitstream analyzer ({@code gop_index}: keyframes). */
  private static final Set<SampleColumns.Column> BITSTREAM_COLUMNS =
      Set.of(
          SampleColumns.Column.KEYFRAME_BITSTREAM,
          SampleColumns.Column.FRAME_TYPE,
          SampleColumns.Column.NAL_TYPES,
          SampleColumns.Column.WIDTH,
          SampleColumns.Column.HEIGHT,
          SampleColumns.Column.GOP_INDEX);

  private InspectAdapter() {}

  private static DataType sparkType(SampleColumns.Type t) {
    return switch (t) {
      case STRING -> DataTypes.StringType;
      case INT64 -> DataTypes.LongType;
      case INT32 -> DataTypes.IntegerType;
      case BOOL -> DataTypes.BooleanType;
    };
  }

  /** The sample table's columns, {@code sha256} included (computed only when selected). */
  static StructType sampleColumns() {
    StructType s = new StructType();
    for (SampleColumns.Column c : SAMPLE_COLUMNS) {
      s = s.add(c.columnName(), sparkType(c.type()), true);
    }
    return s;
  }

  /** The GOP table's columns. */
  static StructType gopColumns() {
    StructType s = new StructType();
    for (TableWriter.ColumnSpec c : GopTableWriter.columns()) {
      s = s.add(c.name(), sparkType(c.type()), true);
    }
    return s;
  }

  /** Columns of the summary table, named as the keys of {@code --summary --format json}. */
  private enum SummaryColumn {
    ENTITY("entity", DataTypes.StringType),
    TIMELINE("timeline", DataTypes.StringType),
    CODEC("codec", DataTypes.StringType),
    WIDTH("width", DataTypes.IntegerType),
    HEIGHT("height", DataTypes.IntegerType),
    RESOLUTION_CHANGES("resolution_changes", DataTypes.LongType),
    FRAMES("frames", DataTypes.LongType),
    DURATION_NS("duration_ns", DataTypes.LongType),
    FIRST_PTS_NS("first_pts_ns", DataTypes.LongType),
    LAST_PTS_NS("last_pts_ns", DataTypes.LongType),
    FPS_MEAN("fps_mean", DataTypes.DoubleType),
    INTERVAL_MIN_NS("interval_min_ns", DataTypes.LongType),
    INTERVAL_MAX_NS("interval_max_ns", DataTypes.LongType),
    BITRATE_BPS("bitrate_bps", DataTypes.DoubleType),
    TOTAL_BYTES("total_bytes", DataTypes.LongType),
    KEYFRAMES_DECLARED("keyframes_declared", DataTypes.LongType),
    KEYFRAMES_BITSTREAM("keyframes_bitstream", DataTypes.LongType),
    GOPS("gops", DataTypes.LongType),
    GOP_MIN_FRAMES("gop_min_frames", DataTypes.LongType),
    GOP_MAX_FRAMES("gop_max_frames", DataTypes.LongType),
    GOP_MEAN_FRAMES("gop_mean_frames", DataTypes.DoubleType),
    B_FRAMES("b_frames", DataTypes.BooleanType),
    NON_INCREASING_TIMES("non_increasing_times", DataTypes.LongType),
    DUPLICATE_TIMES("duplicate_times", DataTypes.LongType),
    FRAME_REFERENCES("frame_references", DataTypes.LongType),
    FRAME_REFERENCES_RESOLVED("frame_references_resolved", DataTypes.LongType);

    final String columnName;
    final DataType type;

    SummaryColumn(String columnName, DataType type) {
      this.columnName = columnName;
      this.type = type;
    }
  }

  /** The summary table's columns. */
  static StructType summaryColumns() {
    StructType s = new StructType();
    for (SummaryColumn c : SummaryColumn.values()) {
      s = s.add(c.columnName, c.type, true);
    }
    return s;
  }

  /**
   * Checks the text of an entity path option.
   *
   * @throws IllegalArgumentException if it is not a valid entity path
   */
  static void checkEntity(String entity) {
    try {
      EntityPath.parse(entity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("option entity: " + e.getMessage(), e);
    }
  }

  /** Whether {@code entity} can be handed to the scanner (a valid entity path). */
  static boolean isEntityPath(String entity) {
    try {
      EntityPath.parse(entity);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * What to compute for one scan.
   *
   * @param table the table
   * @param entity the entity to scan in recordings (option {@code entity}, else a pushed {@code
   *     entity = ...} filter), or null; media files ignore it, as {@code inspect --entity} does
   * @param entityFilter the value of a pushed {@code entity = ...} filter, or null: media files of
   *     another name have no matching row and are skipped
   * @param timeline option {@code timeline}, or null
   * @param positions for each column of {@code table.columns()}, its position in the output, or -1
   *     when it was not selected
   * @param ptsRange the range of {@code pts} pushed filters allow, or null (sample table only)
   * @param ptsNanosRange the range of {@code pts_ns} pushed filters allow, or null (sample table
   *     only)
   */
  record Request(
      TableKind table,
      String entity,
      String entityFilter,
      String timeline,
      int[] positions,
      PtsRange ptsRange,
      PtsRange ptsNanosRange)
      implements java.io.Serializable {
    boolean selected(int column) {
      return positions[column] >= 0;
    }

    private boolean selected(SampleColumns.Column c) {
      return table == TableKind.SAMPLES && selected(SAMPLE_COLUMNS.indexOf(c));
    }

    /**
     * Whether a selected sample column depends on the samples before its row: {@code sample_index}
     * or one of {@link #needsBitstreamContext()}.
     */
    boolean needsContext() {
      return selected(SampleColumns.Column.SAMPLE_INDEX) || needsBitstreamContext();
    }

    /**
     * Whether a selected sample column depends on the bitstream of the samples before its row:
     * {@code gop_index} (keyframes), {@code width}, {@code height}, {@code frame_type} (parameter
     * sets).
     */
    boolean needsBitstreamContext() {
      return selected(SampleColumns.Column.GOP_INDEX)
          || selected(SampleColumns.Column.WIDTH)
          || selected(SampleColumns.Column.HEIGHT)
          || selected(SampleColumns.Column.FRAME_TYPE);
    }
  }

  /**
   * Scans one local file into {@code sink}.
   *
   * @param file the file; its name is the {@code entity} of media inputs
   * @return false if the file was skipped without scanning (a media file whose name is not the
   *     requested entity)
   * @throws dev.rrdvideo.format.error.RrdVideoException for malformed or unsupported input
   */
  static boolean scan(Path file, Request request, RowSink sink, ScanCounters counters)
      throws IOException {
    String name = String.valueOf(file.getFileName());
    byte[] head = new byte[16];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    MediaKind kind = MediaKind.detect(head, n, name).orElse(null);
    if (skips(kind, name, request.entityFilter())) {
      return false;
    }
    counters.filesScanned++;
    ScanStats stats = new ScanStats();
    ScanOptions.Builder builder = options(request, counters, stats, !request.needsContext());
    if (kind != null) {
      builder.kind(kind);
    }
    if (request.entity() != null) {
      builder.entity(EntityPath.parse(request.entity()));
    }
    ScanOptions options = builder.build();
    try {
      switch (request.table()) {
        case SAMPLES -> {
          SampleScanner.scan(file, options, new Samples(request, sink, counters));
        }
        case GOPS -> {
          try (GopTableWriter gops = new GopTableWriter(new Cells(request, sink, counters))) {
            SampleScanner.scan(file, options, gops);
          }
        }
        case SUMMARY -> {
          VideoSummary summary = new VideoSummary();
          SampleScanner.scan(file, options, summary);
          for (VideoSummary.StreamSummary s : summary.streams()) {
            summaryRow(s, request, sink);
            counters.rows++;
          }
        }
      }
    } finally {
      count(stats, counters);
    }
    return true;
  }

  /**
   * Scans one part of a recording (a local file, or a copy of the ranges the part reads) into
   * {@code sink}: sample table only.
   *
   * @throws dev.rrdvideo.format.error.RrdVideoException for a malformed recording
   */
  static void scanSlice(
      Path file, FileSlice slice, Request request, RowSink sink, ScanCounters counters)
      throws IOException {
    counters.fileParts++;
    ScanStats stats = new ScanStats();
    ScanOptions.Builder builder = options(request, counters, stats, slice.before() == null);
    Samples rows = new Samples(request, sink, counters);
    try {
      if (slice.assets()) {
        if (request.entity() != null) {
          builder.entity(EntityPath.parse(request.entity()));
        }
        RecordingParts.scanAssets(file, builder.build(), rows);
      } else {
        RecordingParts.scan(
            file,
            builder.build(),
            new RecordingParts.Part(
                EntityPath.parse(slice.entity()), slice.fromByte(), slice.toByte()),
            slice.before(),
            rows);
      }
    } finally {
      count(stats, counters);
    }
  }

  private static void count(ScanStats stats, ScanCounters counters) {
    counters.sampleChunksRead += stats.sampleChunksRead();
    counters.sampleChunksSkipped += stats.sampleChunksSkipped();
  }

  /**
   * The scan options of a request: what to hash and analyze, the timeline, the time ranges.
   *
   * @param skipOutsideRange whether chunks outside the time ranges may be left unread also before
   *     chunks in them (when no selected column needs the samples before a row)
   */
  private static ScanOptions.Builder options(
      Request request, ScanCounters counters, ScanStats stats, boolean skipOutsideRange) {
    boolean analyze = true;
    boolean hash = false;
    if (request.table() == TableKind.SAMPLES) {
      analyze = false;
      for (int i = 0; i < SAMPLE_COLUMNS.size(); i++) {
        if (request.selected(i)) {
          analyze |= BITSTREAM_COLUMNS.contains(SAMPLE_COLUMNS.get(i));
          hash |= SAMPLE_COLUMNS.get(i) == SampleColumns.Column.SHA256;
        }
      }
    }
    Supplier<SampleAnalyzer> analyzers =
        analyze
            ? () -> new CountingAnalyzer(new BitstreamAnalyzer(), counters)
            : () -> SampleAnalyzer.NONE;
    ScanOptions.Builder builder =
        ScanOptions.builder().hash(hash).analyzers(analyzers).stats(stats);
    if (request.timeline() != null) {
      builder.timeline(request.timeline());
    }
    if (request.table() == TableKind.SAMPLES) {
      if (request.ptsRange() != null) {
        builder.ptsRange(request.ptsRange());
      }
      if (request.ptsNanosRange() != null) {
        builder.ptsNanosRange(request.ptsNanosRange());
      }
      builder.skipOutsideRange(skipOutsideRange);
    }
    return builder;
  }

  private static boolean skips(MediaKind kind, String name, String entity) {
    return kind != null && kind != MediaKind.RECORDING && entity != null && !entity.equals(name);
  }

  /**
   * Whether a file with these first bytes and this name has no row for {@code entity}: a media file
   * (one stream, named after the file) whose name is not {@code entity}.
   *
   * @param head up to 16 first bytes of the file
   */
  static boolean skipsByEntity(byte[] head, int n, String name, String entity) {
    return skips(MediaKind.detect(head, n, name).orElse(null), name, entity);
  }

  /** Counts analyzer calls (the evidence that pruned columns are not parsed). */
  private static final class CountingAnalyzer implements SampleAnalyzer {
    private final SampleAnalyzer inner;
    private final ScanCounters counters;

    CountingAnalyzer(SampleAnalyzer inner, ScanCounters counters) {
      this.inner = inner;
      this.counters = counters;
    }

    @Override
    public void analyze(VideoCodec codec, ByteBuffer sample, Result result) {
      counters.bitstreamParses++;
      inner.analyze(codec, sample, result);
    }

    @Override
    public void resume(StreamContext before) {
      inner.resume(before);
    }
  }

  /** Sample rows to cells, with the absent conventions of the inspect tables. */
  private static final class Samples implements SampleListener {
    private final SampleColumns.Column[] columns;
    private final int[] positions;
    private final RowSink sink;
    private final ScanCounters counters;

    Samples(Request request, RowSink sink, ScanCounters counters) {
      this.columns = SAMPLE_COLUMNS.toArray(new SampleColumns.Column[0]);
      this.positions = request.positions();
      this.sink = sink;
      this.counters = counters;
    }

    @Override
    public void sample(SampleRow r) throws IOException {
      sink.beginRow();
      for (int i = 0; i < columns.length; i++) {
        int p = positions[i];
        if (p < 0) {
          continue;
        }
        switch (columns[i]) {
          case ENTITY -> string(p, r.entity());
          case TIMELINE -> string(p, r.timeline());
          case SAMPLE_INDEX -> int64(p, r.sampleIndex());
          case PTS -> sink.int64(p, r.pts());
          case PTS_NS -> int64(p, r.ptsNanos());
          case DTS_NS -> int64(p, r.dtsNanos());
          case DURATION_NS -> int64(p, r.durationNanos());
          case SIZE_BYTES -> sink.int64(p, r.sizeBytes());
          case KEYFRAME_DECLARED -> bool(p, r.keyframeDeclared());
          case KEYFRAME_BITSTREAM -> bool(p, r.keyframeBitstream());
          case FRAME_TYPE -> {
            FrameType t = r.frameType().orElse(null);
            string(p, t == null ? null : t.name());
          }
          case NAL_TYPES -> string(p, r.nalTypes().orElse(null));
          case CODEC -> {
            VideoCodec c = r.codec().orElse(null);
            string(p, c == null ? null : c.shortName());
          }
          case WIDTH -> int32(p, r.width());
          case HEIGHT -> int32(p, r.height());
          case GOP_INDEX -> int64(p, r.gopIndex() < 0 ? SampleRow.ABSENT : r.gopIndex());
          case CHUNK_ID -> string(p, r.chunkId().orElse(null));
          case BYTE_OFFSET -> int64(p, r.byteOffset());
          case SHA256 -> string(p, r.sha256().orElse(null));
        }
      }
      sink.endRow();
      counters.rows++;
    }

    private void string(int p, String v) {
      if (v == null) {
        sink.absent(p);
      } else {
        sink.string(p, v);
      }
    }

    private void int64(int p, long v) {
      if (v == SampleRow.ABSENT) {
        sink.absent(p);
      } else {
        sink.int64(p, v);
      }
    }

    private void int32(int p, long v) {
      if (v < 0) {
        sink.absent(p);
      } else {
        sink.int32(p, (int) v);
      }
    }

    private void bool(int p, Optional<Boolean> v) {
      if (v.isEmpty()) {
        sink.absent(p);
      } else {
        sink.bool(p, v.get());
      }
    }
  }

  /** Rows of a {@link TableWriter} (the GOP table) to cells. */
  private static final class Cells implements TableWriter, SampleColumns.CellSink {
    private final int[] positions;
    private final boolean[] int32;
    private final RowSink sink;
    private final ScanCounters counters;
    private int pos;
    private boolean narrow;

    Cells(Request request, RowSink sink, ScanCounters counters) {
      this.positions = request.positions();
      List<TableWriter.ColumnSpec> specs = GopTableWriter.columns();
      this.int32 = new boolean[specs.size()];
      for (int i = 0; i < specs.size(); i++) {
        int32[i] = specs.get(i).type() == SampleColumns.Type.INT32;
      }
      this.sink = sink;
      this.counters = counters;
    }

    @Override
    public void write(RowSource row) throws IOException {
      sink.beginRow();
      for (int c = 0; c < positions.length; c++) {
        pos = positions[c];
        narrow = int32[c];
        if (pos >= 0) {
          row.emit(c, this);
        }
      }
      sink.endRow();
      counters.rows++;
    }

    @Override
    public void string(String v) {
      sink.string(pos, v);
    }

    @Override
    public void int64(long v) {
      if (narrow) {
        sink.int32(pos, (int) v);
      } else {
        sink.int64(pos, v);
      }
    }

    @Override
    public void bool(boolean v) {
      sink.bool(pos, v);
    }

    @Override
    public void absent() {
      sink.absent(pos);
    }

    @Override
    public void close() {}
  }

  private static void summaryRow(VideoSummary.StreamSummary s, Request request, RowSink sink)
      throws IOException {
    sink.beginRow();
    SummaryColumn[] cols = SummaryColumn.values();
    for (int i = 0; i < cols.length; i++) {
      int p = request.positions()[i];
      if (p < 0) {
        continue;
      }
      switch (cols[i]) {
        case ENTITY -> text(sink, p, s.entity());
        case TIMELINE -> text(sink, p, s.timeline());
        case CODEC -> text(sink, p, s.codec());
        case WIDTH -> {
          if (s.width() > 0) {
            sink.int32(p, s.width());
          } else {
            sink.absent(p);
          }
        }
        case HEIGHT -> {
          if (s.height() > 0) {
            sink.int32(p, s.height());
          } else {
            sink.absent(p);
          }
        }
        case RESOLUTION_CHANGES -> sink.int64(p, s.resolutionChanges());
        case FRAMES -> sink.int64(p, s.frames());
        case DURATION_NS -> number(sink, p, s.durationNanos());
        case FIRST_PTS_NS -> number(sink, p, s.firstPtsNanos());
        case LAST_PTS_NS -> number(sink, p, s.lastPtsNanos());
        case FPS_MEAN -> decimal(sink, p, s.meanFps());
        case INTERVAL_MIN_NS -> number(sink, p, s.minIntervalNanos());
        case INTERVAL_MAX_NS -> number(sink, p, s.maxIntervalNanos());
        case BITRATE_BPS -> decimal(sink, p, s.bitrate());
        case TOTAL_BYTES -> sink.int64(p, s.totalBytes());
        case KEYFRAMES_DECLARED -> sink.int64(p, s.keyframesDeclared());
        case KEYFRAMES_BITSTREAM -> number(sink, p, s.keyframesBitstream());
        case GOPS -> sink.int64(p, s.gops());
        case GOP_MIN_FRAMES -> number(sink, p, s.minGopFrames());
        case GOP_MAX_FRAMES -> number(sink, p, s.maxGopFrames());
        case GOP_MEAN_FRAMES -> decimal(sink, p, s.meanGopFrames());
        case B_FRAMES -> sink.bool(p, s.bFrames() > 0);
        case NON_INCREASING_TIMES -> sink.int64(p, s.nonMonotonic());
        case DUPLICATE_TIMES -> sink.int64(p, s.duplicateTimes());
        case FRAME_REFERENCES -> {
          if (s.references() == null) {
            sink.absent(p);
          } else {
            sink.int64(p, s.references().references());
          }
        }
        case FRAME_REFERENCES_RESOLVED -> {
          if (s.references() == null) {
            sink.absent(p);
          } else {
            sink.int64(p, s.references().resolved());
          }
        }
      }
    }
    sink.endRow();
  }

  private static void text(RowSink sink, int p, String v) {
    if (v == null) {
      sink.absent(p);
    } else {
      sink.string(p, v);
    }
  }

  private static void number(RowSink sink, int p, long v) {
    if (v == SampleRow.ABSENT) {
      sink.absent(p);
    } else {
      sink.int64(p, v);
    }
  }

  private static void decimal(RowSink sink, int p, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      sink.absent(p);
    } else {
      sink.float64(p, v);
    }
  }
}
