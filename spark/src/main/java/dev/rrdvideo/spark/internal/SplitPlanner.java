package dev.rrdvideo.spark.internal;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.TimeRange;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.inspect.PtsRange;
import dev.rrdvideo.inspect.RecordingParts;
import dev.rrdvideo.inspect.StreamContext;
import dev.rrdvideo.media.MediaKind;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Plans the parts of a large recording on the driver, from its footer index alone (the end of the
 * file, read with three small reads): runs of sample chunks of about {@code splitBytes} per {@code
 * VideoStream} entity, then the {@code AssetVideo} entities as one more part ({@link
 * RecordingParts}). A file that is no recording, has no usable footer, or whose footer does not
 * describe every chunk's components is read whole.
 */
final class SplitPlanner {
  private final Configuration conf;
  private final long maxLocalCopyBytes;

  SplitPlanner(Configuration conf, long maxLocalCopyBytes) {
    this.conf = conf;
    this.maxLocalCopyBytes = maxLocalCopyBytes;
  }

  /**
   * The parts of one {@code VideoStream} entity.
   *
   * @param slices its parts, in order (without contexts)
   * @param chunks the sample chunks of each part (for time ranges)
   * @param whole one part holding all its chunks (read instead when the parts cannot be)
   */
  record StreamPlan(List<FileSlice> slices, List<List<ChunkIndexEntry>> chunks, FileSlice whole) {
    /** Whether part {@code i} may hold a row in the time ranges (null: no range). */
    boolean holds(int i, PtsRange pts, PtsRange ptsNanos) {
      return (pts == null && ptsNanos == null) || mayHold(chunks.get(i), pts, ptsNanos);
    }

    /** Returns the index of the last part that may hold a row in the ranges, or -1. */
    int lastHolding(PtsRange pts, PtsRange ptsNanos) {
      for (int i = slices.size() - 1; i >= 0; i--) {
        if (holds(i, pts, ptsNanos)) {
          return i;
        }
      }
      return -1;
    }

    /**
     * Returns the parts whose own context the parts to read need (when a selected column needs
     * one): every part before the last that may hold a row in the ranges.
     */
    List<FileSlice> needingContext(PtsRange pts, PtsRange ptsNanos) {
      return slices.subList(0, Math.max(0, lastHolding(pts, ptsNanos)));
    }

    /**
     * Returns the parts to read: those that may hold a row in the ranges, each continuing from the
     * context of the parts before it when {@code owns} is given; when a context is missing or
     * cannot be continued, the whole entity in one part instead.
     *
     * @param owns the own context of each part of {@link #needingContext}, in order (null where it
     *     could not be had), or null when no selected column needs a context
     */
    List<FileSlice> toRead(PtsRange pts, PtsRange ptsNanos, List<StreamContext> owns) {
      int last = lastHolding(pts, ptsNanos);
      List<FileSlice> out = new ArrayList<>();
      StreamContext before = StreamContext.START;
      for (int i = 0; i <= last; i++) {
        if (holds(i, pts, ptsNanos)) {
          out.add(owns == null ? slices.get(i) : slices.get(i).from(before));
        }
        if (owns != null && i < last) {
          StreamContext own = owns.get(i);
          if (own == null) {
            return List.of(whole.from(StreamContext.START));
          }
          before = before.then(own);
          if (!before.resumable()) {
            return List.of(whole.from(StreamContext.START));
          }
        }
      }
      return out;
    }
  }

  /**
   * The parts of a recording.
   *
   * @param file the recording
   * @param streams its {@code VideoStream} entities' parts, in scan order
   * @param assets the part for its {@code AssetVideo} entities, or null when it has none
   */
  record FilePlan(FileRef file, List<StreamPlan> streams, FileSlice assets) {
    /** Returns the number of parts. */
    int parts() {
      int n = assets == null ? 0 : 1;
      for (StreamPlan s : streams) {
        n += s.slices().size();
      }
      return n;
    }
  }

  /**
   * Returns the parts of {@code f} in runs of about {@code splitBytes} of sample chunks, or null
   * when it is read whole.
   *
   * @param entity the only entity to read, or null
   */
  FilePlan plan(FileRef f, long splitBytes, String entity) throws IOException {
    long size = f.sizeBytes();
    if (size < RrdFile.STREAM_FOOTER_BYTES) {
      return null;
    }
    byte[] head = new byte[16];
    int n = LocalFile.head(f.uri(), conf, head);
    String name = new org.apache.hadoop.fs.Path(URI.create(f.uri())).getName();
    if (MediaKind.detect(head, n, name).orElse(null) != MediaKind.RECORDING) {
      return null;
    }
    byte[] tail = new byte[RrdFile.STREAM_FOOTER_BYTES];
    LocalFile.readAt(f.uri(), conf, size - tail.length, tail);
    long[] base =
        RrdFile.footerIndexRanges(tail, size, RrdReadOptions.defaults().maxMessageBytes());
    if (base == null) {
      return null;
    }
    boolean local = LocalFile.isLocal(f.uri(), conf);
    ScanCounters ignored = new ScanCounters();
    try (LocalFile index = LocalFile.ranges(f.uri(), size, base, conf, maxLocalCopyBytes, ignored);
        RrdFile rrd =
            RrdFile.open(
                index.path(), RrdReadOptions.builder().strict(true).sourceName(f.path()).build())) {
      if (!rrd.usedFooter()) {
        return null;
      }
      List<RecordingParts.Stream> streams = RecordingParts.streams(rrd).orElse(null);
      if (streams == null) {
        return null;
      }
      EntityPath only = entity == null ? null : EntityPath.parse(entity);
      List<StreamPlan> plans = new ArrayList<>();
      boolean onlyIsStream = false;
      for (RecordingParts.Stream s : streams) {
        if (only != null && !only.equals(s.entity())) {
          continue;
        }
        onlyIsStream |= only != null;
        plans.add(cut(f, rrd, s, splitBytes, local ? null : base));
      }
      FileSlice assets = null;
      List<ChunkIndexEntry> assetChunks = RecordingParts.assetChunks(rrd);
      if (!assetChunks.isEmpty() && !onlyIsStream) {
        assets = new FileSlice(f, null, 0, 0, null, local ? null : ranges(base, assetChunks));
      }
      FilePlan plan = new FilePlan(f, plans, assets);
      return plan.parts() > 1 ? plan : null;
    } catch (RrdVideoException e) {
      return null; // read whole: the task reports the problem where it finds it
    }
  }

  private static StreamPlan cut(
      FileRef f, RrdFile rrd, RecordingParts.Stream s, long splitBytes, long[] base) {
    List<ChunkIndexEntry> all = s.sampleChunks();
    List<FileSlice> slices = new ArrayList<>();
    List<List<ChunkIndexEntry>> chunks = new ArrayList<>();
    int first = 0;
    long bytes = 0;
    for (int i = 0; i <= all.size(); i++) {
      boolean end = i == all.size();
      if (end || (bytes > 0 && bytes + all.get(i).byteSize() > splitBytes)) {
        if (i > first) {
          long from = first == 0 ? 0 : all.get(first).byteOffset();
          long to = end ? Long.MAX_VALUE : all.get(i).byteOffset();
          slices.add(slice(f, rrd, s.entity(), from, to, base));
          chunks.add(all.subList(first, i));
        }
        first = i;
        bytes = 0;
      }
      if (!end) {
        bytes += all.get(i).byteSize();
      }
    }
    FileSlice whole = slice(f, rrd, s.entity(), 0, Long.MAX_VALUE, base);
    if (slices.isEmpty()) {
      slices.add(whole);
      chunks.add(all);
    }
    return new StreamPlan(slices, chunks, whole);
  }

  private static FileSlice slice(
      FileRef f, RrdFile rrd, EntityPath entity, long from, long to, long[] base) {
    long[] copy =
        base == null
            ? null
            : ranges(
                base, RecordingParts.chunksRead(rrd, new RecordingParts.Part(entity, from, to)));
    return new FileSlice(f, entity.toString(), from, to, null, copy);
  }

  /** The ranges {@code base} and those of {@code chunks}, sorted and merged. */
  private static long[] ranges(long[] base, List<ChunkIndexEntry> chunks) {
    long[][] r = new long[base.length / 2 + chunks.size()][];
    int n = 0;
    for (int i = 0; i < base.length; i += 2) {
      r[n++] = new long[] {base[i], base[i + 1]};
    }
    for (ChunkIndexEntry e : chunks) {
      r[n++] = new long[] {e.byteOffset(), e.byteOffset() + e.byteSize()};
    }
    Arrays.sort(r, (a, b) -> Long.compare(a[0], b[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] x : r) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && x[0] <= last[1]) {
        last[1] = Math.max(last[1], x[1]);
      } else {
        merged.add(x.clone());
      }
    }
    long[] out = new long[merged.size() * 2];
    for (int i = 0; i < merged.size(); i++) {
      out[2 * i] = merged.get(i)[0];
      out[2 * i + 1] = merged.get(i)[1];
    }
    return out;
  }

  /**
   * Whether some chunk of {@code chunks} may hold a row in the time ranges, by the index: some
   * timeline of the chunk (of a time type, for {@code pts_ns}) overlaps them. The timeline a scan
   * uses is one of a chunk's timelines, so this never drops a part with a matching row.
   *
   * @param pts the range of {@code pts}, or null
   * @param ptsNanos the range of {@code pts_ns}, or null
   */
  static boolean mayHold(List<ChunkIndexEntry> chunks, PtsRange pts, PtsRange ptsNanos) {
    for (ChunkIndexEntry e : chunks) {
      if (e.timeRanges().isEmpty()) {
        return true;
      }
      for (TimeRange t : e.timeRanges().values()) {
        PtsRange r = pts == null ? PtsRange.ALL : pts;
        if (ptsNanos != null) {
          if (t.type() == TimeType.SEQUENCE) {
            continue;
          }
          r = r.intersect(ptsNanos);
        }
        if (r.overlaps(t.min(), t.max())) {
          return true;
        }
      }
    }
    return false;
  }
}
