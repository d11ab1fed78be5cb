package dev.rrdvideo.inspect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes one row per {@code VideoFrameReference} (schema {@value #SCHEMA}): which {@code
 * AssetVideo} it points at and which frame the viewer shows for it (see {@link FrameReference}).
 * Rows come video by video, each video's references in file order, then those that point at no
 * video. Streams: nothing is kept between rows.
 *
 * <p>Columns: {@code entity} (of the reference), {@code video} (the entity it points at), {@code
 * timeline}, {@code time} (the reference's time there, in the timeline's unit; absent for a static
 * row), {@code video_timestamp_ns}, {@code video_ticks} (the timestamp in the track's timescale as
 * the viewer rounds it), {@code status} ({@code frame}, {@code between-frames}, {@code
 * past-last-frame}, {@code before-first-frame}, {@code no-asset}), {@code frame}
 * (presentation-order index of the frame the viewer shows), {@code sample_index} (its decode-order
 * index, as in the sample table), {@code frame_pts_ticks} (its presentation time as the viewer sees
 * it), {@code chunk_id}.
 */
public final class ReferenceTableWriter implements SampleListener, AutoCloseable {
  /** Name and version of the reference table schema. */
  public static final String SCHEMA = "rrdvideo.references/1";

  private static final List<TableWriter.ColumnSpec> COLUMNS =
      List.of(
          new TableWriter.ColumnSpec("entity", SampleColumns.Type.STRING),
          new TableWriter.ColumnSpec("video", SampleColumns.Type.STRING),
          new TableWriter.ColumnSpec("timeline", SampleColumns.Type.STRING),
          new TableWriter.ColumnSpec("time", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("video_timestamp_ns", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("video_ticks", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("status", SampleColumns.Type.STRING),
          new TableWriter.ColumnSpec("frame", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("sample_index", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("frame_pts_ticks", SampleColumns.Type.INT64),
          new TableWriter.ColumnSpec("chunk_id", SampleColumns.Type.STRING));

  private final TableWriter out;
  private FrameReference current;
  private final TableWriter.RowSource source = this::emit;
  private long rows;

  /** Creates a writer of reference rows in {@code format} to {@code output} (not closed). */
  public ReferenceTableWriter(TableFormat format, OutputStream output) throws IOException {
    this(format, output, 0);
  }

  /**
   * Creates a writer whose pretty table fits {@code widthChars} characters (0: no limit) by leaving
   * out the least important columns ({@link #leftOut()}).
   */
  public ReferenceTableWriter(TableFormat format, OutputStream output, int widthChars)
      throws IOException {
    this(TableWriter.factory(format, output, widthChars));
  }

  /**
   * Creates a writer whose reference rows go to the writer {@code factory} creates for them (with
   * the columns' keep order for a pretty table that fits a width).
   */
  public ReferenceTableWriter(TableWriter.Factory factory) throws IOException {
    // status, time, frame, sample_index, video_timestamp_ns, video, entity, video_ticks,
    // frame_pts_ticks, timeline, chunk_id
    int[] keep = {6, 3, 7, 8, 4, 1, 0, 5, 9, 2, 10};
    this.out = factory.create(COLUMNS, SCHEMA, keep);
  }

  /** Returns the columns a pretty table left out to fit its width. */
  public List<String> leftOut() {
    return out.leftOut();
  }

  @Override
  public void sample(SampleRow row) {}

  @Override
  public void frameReference(FrameReference ref) throws IOException {
    current = ref;
    out.write(source);
    rows++;
  }

  /** Returns the number of rows written. */
  public long rows() {
    return rows;
  }

  private void emit(int c, SampleColumns.CellSink s) {
    FrameReference r = current;
    switch (c) {
      case 0 -> s.string(r.entity());
      case 1 -> string(s, r.video());
      case 2 -> string(s, r.timeline());
      case 3 -> number(s, r.time());
      case 4 -> s.int64(r.videoTimestampNanos());
      case 5 -> number(s, r.videoTicks());
      case 6 -> s.string(r.status().id());
      case 7 -> number(s, r.frame() < 0 ? SampleRow.ABSENT : r.frame());
      case 8 -> number(s, r.sampleIndex() < 0 ? SampleRow.ABSENT : r.sampleIndex());
      case 9 -> number(s, r.framePtsTicks());
      default -> string(s, r.chunkId());
    }
  }

  private static void string(SampleColumns.CellSink s, String v) {
    if (v == null) {
      s.absent();
    } else {
      s.string(v);
    }
  }

  private static void number(SampleColumns.CellSink s, long v) {
    if (v == SampleRow.ABSENT) {
      s.absent();
    } else {
      s.int64(v);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
