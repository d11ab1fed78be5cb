package dev.rrdvideo.inspect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Turns sample rows into one row per GOP (a keyframe and the samples up to the next one in decode
 * order), written as a table (schema {@value #SCHEMA}). Samples before the first keyframe form a
 * row of their own with an absent {@code gop_index} and kind {@code none}. Streams: holds one GOP's
 * running totals, not its samples.
 *
 * <p>Columns: {@code entity, timeline, gop_index, start_sample, start_pts, start_pts_ns} (of the
 * GOP's first sample in decode order, its keyframe), {@code frames, duration_ns} (earliest to
 * latest presentation time in the GOP plus the duration of the sample presented last, where its row
 * has a positive one; B-frames make decode order differ from presentation order), {@code
 * size_bytes}, {@code keyframe_kind} ({@code idr}, {@code cra}, {@code bla}, {@code key} for
 * AV1/VP8/VP9, {@code declared} when only the container says so, {@code none}).
 */
public final class GopTableWriter implements SampleListener, AutoCloseable {
  /** Name and version of the GOP table schema. */
  public static final String SCHEMA = "rrdvideo.gops/2";

  private static final List<TableWriter.ColumnSpec> COLUMNS =
      List.of(
          new TableWriter.ColumnSpec("entity", SampleColumns.Type.STRING),
          new TableWriter.ColumnSpec("timeline", SampleColumns.Type.STRING),
          new TableWriter.ColumnSpec("gop_index", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("start_sample", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("start_pts", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("start_pts_ns", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("frames", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("duration_ns", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("size_bytes", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("keyframe_kind", SampleColumns.Type.STRING));

  private final TableWriter out;
  private boolean open;
  private String entity;
  private String timeline;
  private long gop;
  private long startSample;
  private long startPts;
  private long startPtsNanos;
  private long minPtsNanos;
  private long maxPtsNanos;
  private long durationOfMaxNanos;
  private long frames;
  private long bytes;
  private String kind;

  /** Creates a writer of GOP rows in {@code format} to {@code output} (not closed). */
  public GopTableWriter(TableFormat format, OutputStream output) throws IOException {
    this(format, output, 0);
  }

  /**
   * Creates a writer whose pretty table fits {@code widthChars} characters (0: no limit) by leaving
   * out the least important columns ({@link #leftOut()}).
   */
  public GopTableWriter(TableFormat format, OutputStream output, int widthChars)
      throws IOException {
    this(TableWriter.factory(format, output, widthChars));
  }

  /**
   * Creates a writer whose GOP rows go to the writer {@code factory} creates for them (with the
   * columns' keep order for a pretty table that fits a width).
   */
  public GopTableWriter(TableWriter.Factory factory) throws IOException {
    // gop_index, start_sample, frames, size_bytes, keyframe_kind, duration_ns, start_pts,
    // start_pts_ns, entity, timeline
    int[] keep = {2, 3, 6, 8, 9, 7, 4, 5, 0, 1};
    this.out = factory.create(COLUMNS, SCHEMA, keep);
  }

  /** Returns the columns a pretty table left out to fit its width. */
  public List<String> leftOut() {
    return out.leftOut();
  }

  /**
   * Creates a writer that hands each GOP row to {@code out} (cells in the order of {@link
   * #columns()}); {@link #close()} closes {@code out}.
   */
  public GopTableWriter(TableWriter out) {
    this.out = out;
  }

  /** Returns the columns of the GOP table, in order. */
  public static List<TableWriter.ColumnSpec> columns() {
    return COLUMNS;
  }

  @Override
  public void sample(SampleRow r) throws IOException {
    if (open && r.gopIndex != gop) {
      emit();
    }
    if (!open) {
      open = true;
      entity = r.entity;
      timeline = r.timeline;
      gop = r.gopIndex;
      startSample = r.sampleIndex;
      startPts = r.pts;
      startPtsNanos = r.ptsNanos;
      minPtsNanos = r.ptsNanos;
      maxPtsNanos = r.ptsNanos;
      durationOfMaxNanos = r.durationNanos;
      frames = 0;
      bytes = 0;
      kind = kindOf(r);
    }
    frames++;
    bytes += r.sizeBytes;
    if (r.ptsNanos == SampleRow.ABSENT || minPtsNanos == SampleRow.ABSENT) {
      minPtsNanos = SampleRow.ABSENT;
    } else {
      minPtsNanos = Math.min(minPtsNanos, r.ptsNanos);
      if (r.ptsNanos > maxPtsNanos) {
        maxPtsNanos = r.ptsNanos;
        durationOfMaxNanos = r.durationNanos;
      }
    }
  }

  @Override
  public void endOfStream(String entity, String timeline) throws IOException {
    if (open) {
      emit();
    }
  }

  /** Classifies the first sample of a GOP. */
  static String kindOf(SampleRow r) {
    if (r.gopIndex < 0) {
      return "none";
    }
    if (r.keyframeBitstream == null) {
      return "declared";
    }
    String codec = r.codec == null ? "" : r.codec.shortName();
    String nals = r.nalTypes == null ? "" : "," + r.nalTypes + ",";
    switch (codec) {
      case "h264":
        return nals.contains(",5,") ? "idr" : "key";
      case "h265":
        if (nals.contains(",19,") || nals.contains(",20,")) {
          return "idr";
        }
        if (nals.contains(",21,")) {
          return "cra";
        }
        if (nals.contains(",16,") || nals.contains(",17,") || nals.contains(",18,")) {
          return "bla";
        }
        return "key";
      default:
        return "key";
    }
  }

  private void emit() throws IOException {
    long duration =
        minPtsNanos == SampleRow.ABSENT
            ? SampleRow.ABSENT
            : StreamTiming.sum(
                StreamTiming.difference(maxPtsNanos, minPtsNanos),
                durationOfMaxNanos != SampleRow.ABSENT && durationOfMaxNanos > 0
                    ? durationOfMaxNanos
                    : 0);
    out.write(
        (c, s) -> {
          switch (c) {
            case 0 -> s.string(entity);
            case 1 -> s.string(timeline);
            case 2 -> {
              if (gop < 0) {
                s.absent();
              } else {
                s.int64(gop);
              }
            }
            case 3 -> s.int64(startSample);
            case 4 -> s.int64(startPts);
            case 5 -> {
              if (startPtsNanos == SampleRow.ABSENT) {
                s.absent();
              } else {
                s.int64(startPtsNanos);
              }
            }
            case 6 -> s.int64(frames);
            case 7 -> {
              if (duration == SampleRow.ABSENT) {
                s.absent();
              } else {
                s.int64(duration);
              }
            }
            case 8 -> s.int64(bytes);
            default -> s.string(kind);
          }
        });
    open = false;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
