package dev.rrdvideo.inspect;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.video.VideoFrameReferenceChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code VideoFrameReference:video_reference} values of a recording, looked up the way the
 * viewer reads them: latest-at, component by component. A reference row without a {@code
 * video_reference} of its own points at the entity's latest one at its time on its timeline (a
 * static one wins over every temporal one), and at its own entity when there is none; "logging it
 * once is enough" (Rerun's visualizer queries each component latest-at, and {@code range_zip}
 * carries optional components forward).
 *
 * <p>Memory: one (time, text id) pair per row and timeline that has a value, in primitive arrays,
 * and each distinct text once; both are limited ({@value #MAX_VALUES} pairs, {@value #MAX_TEXTS}
 * texts) before they grow.
 */
final class ReferenceTargets {
  /** Most (row, timeline) values kept. */
  static final int MAX_VALUES = 5_000_000;

  /** Most distinct texts kept. */
  static final int MAX_TEXTS = 65_536;

  private final String source;
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> texts = new ArrayList<>();
  private final List<EntityPath> paths = new ArrayList<>();
  private final List<String> pathTexts = new ArrayList<>();
  private final Map<EntityPath, Integer> staticValue = new HashMap<>();
  private final Map<EntityPath, Map<String, Series>> temporal = new HashMap<>();
  private long values;

  /** The values of one entity on one timeline: times and text ids, sorted before the first use. */
  private static final class Series {
    long[] times = new long[8];
    int[] ids = new int[8];
    int n;
    boolean sorted = true;

    void add(long time, int id) {
      if (n == times.length) {
        times = Arrays.copyOf(times, n * 2);
        ids = Arrays.copyOf(ids, n * 2);
      }
      if (n > 0 && time < times[n - 1]) {
        sorted = false;
      }
      times[n] = time;
      ids[n] = id;
      n++;
    }

    /** Sorts by time; at equal times the value written later stays later (and wins). */
    void sort() {
      if (sorted) {
        return;
      }
      long[] t = Arrays.copyOf(times, n);
      int[] order = VideoFrames.sortedIndices(t);
      long[] st = new long[n];
      int[] si = new int[n];
      for (int i = 0; i < n; i++) {
        st[i] = t[order[i]];
        si[i] = ids[order[i]];
      }
      times = st;
      ids = si;
      sorted = true;
    }

    /** The id of the latest value at or before {@code time}, or -1. */
    int at(long time) {
      sort();
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] <= time) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo == 0 ? -1 : ids[lo - 1];
    }
  }

  ReferenceTargets(String source) {
    this.source = source;
  }

  /** Adds the {@code video_reference} values of a chunk. */
  void collect(Chunk c, VideoFrameReferenceChunk v, long offset) throws LimitExceededException {
    EntityPath entity = c.entityPath();
    List<TimeColumn> timelines = c.timeColumns();
    for (int r = 0; r < c.rowCount(); r++) {
      String text = v.videoReference(r);
      if (text == null) {
        continue;
      }
      int id = id(text, offset);
      if (c.isStatic() || timelines.isEmpty()) {
        staticValue.put(entity, id);
        continue;
      }
      if (values + timelines.size() > MAX_VALUES) {
        throw new LimitExceededException(
            "VideoFrameReference:video_reference values",
            values + timelines.size(),
            MAX_VALUES,
            "rows",
            source,
            offset,
            -1);
      }
      Map<String, Series> byTimeline = temporal.computeIfAbsent(entity, k -> new HashMap<>());
      for (TimeColumn t : timelines) {
        byTimeline.computeIfAbsent(t.name(), k -> new Series()).add(t.value(r), id);
        values++;
      }
    }
  }

  private int id(String text, long offset) throws LimitExceededException {
    Integer id = ids.get(text);
    if (id != null) {
      return id;
    }
    if (texts.size() >= MAX_TEXTS) {
      throw new LimitExceededException(
          "distinct VideoFrameReference:video_reference texts",
          texts.size() + 1L,
          MAX_TEXTS,
          "texts",
          source,
          offset,
          -1);
    }
    EntityPath path;
    try {
      path = EntityPath.parse(text);
    } catch (IllegalArgumentException e) {
      path = null; // not an entity path: points at no asset
    }
    texts.add(text);
    paths.add(path);
    pathTexts.add(path == null ? text : path.toString());
    ids.put(text, texts.size() - 1);
    return texts.size() - 1;
  }

  /** Whether {@code entity} has any {@code video_reference} value. */
  boolean hasAny(EntityPath entity) {
    return staticValue.containsKey(entity) || temporal.containsKey(entity);
  }

  /**
   * The id of the value a row of {@code entity} sees: the static one, else the latest at {@code
   * time} on {@code timeline} ({@code null} for a static row: only a static value counts); -1 for
   * none (the row points at its own entity).
   */
  int lookup(EntityPath entity, String timeline, long time) {
    Integer s = staticValue.get(entity);
    if (s != null) {
      return s;
    }
    if (timeline == null) {
      return -1;
    }
    Map<String, Series> byTimeline = temporal.get(entity);
    Series series = byTimeline == null ? null : byTimeline.get(timeline);
    return series == null ? -1 : series.at(time);
  }

  /** The entity path of a value, or {@code null} when its text is not one. */
  EntityPath path(int id) {
    return paths.get(id);
  }

  /** The entity path of a value as text (its stored text when it is not an entity path). */
  String text(int id) {
    return pathTexts.get(id);
  }
}
