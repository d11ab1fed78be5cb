package dev.rrdvideo.spark.internal;

import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.RecordingParts;
import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.StreamContext;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The first of two passes over a split recording, when the selected columns depend on the samples
 * before each row ({@code sample_index}, {@code gop_index}, {@code width}, {@code height}, {@code
 * frame_type}): one Spark job, run while the scan is planned, scans every part on its own (in
 * parallel, no rows) for the context it leaves ({@link StreamContext}); the planner composes them
 * so that each part of the real scan starts from the context of the parts before it. The contexts
 * are kept on the driver (per file version, up to {@value #CACHED} parts), so that later queries
 * over the same files skip this pass.
 */
final class ContextPass {
  /** Most part contexts kept on the driver. */
  static final int CACHED = 1024;

  private static final Map<String, StreamContext> CACHE =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StreamContext> e) {
              return size() > CACHED;
            }
          });

  private ContextPass() {}

  /**
   * One part to scan for its context.
   *
   * @param slice the part
   * @param timeline option {@code timeline}, or null
   * @param analyze whether to analyze the bitstream (keyframes, sizes, parameter sets), or count
   *     samples only
   * @param maxLocalCopyBytes option {@code maxLocalCopyBytes}
   */
  record Task(FileSlice slice, String timeline, boolean analyze, long maxLocalCopyBytes)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    String key() {
      FileRef f = slice.file();
      return String.join(
          "\u0000",
          f.uri(),
          Long.toString(f.sizeBytes()),
          Long.toString(f.modifiedMillis()),
          slice.entity(),
          Long.toString(slice.fromByte()),
          Long.toString(slice.toByte()),
          String.valueOf(timeline),
          Boolean.toString(analyze));
    }
  }

  /**
   * Returns each part's own context, in the order of {@code tasks} (null for a part that could not
   * be read: its entity is then read in one part), running one Spark job for those not cached.
   *
   * @param scanned receives the number of parts scanned by the job
   * @param cached receives the number of parts whose context was kept from an earlier query
   */
  static List<StreamContext> run(
      JavaSparkContext jsc,
      Broadcast<SerializableConf> conf,
      List<Task> tasks,
      java.util.concurrent.atomic.AtomicLong scanned,
      java.util.concurrent.atomic.AtomicLong cached) {
    List<StreamContext> out = new ArrayList<>(tasks.size());
    List<Task> missing = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      StreamContext c = CACHE.get(tasks.get(i).key());
      out.add(c);
      if (c == null) {
        missing.add(tasks.get(i));
        where.add(i);
      } else {
        cached.incrementAndGet();
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    String description = jsc.getLocalProperty("spark.job.description");
    jsc.setJobDescription(
        "rrdvideo: samples and keyframes before each of " + missing.size() + " parts");
    List<StreamContext> got;
    try {
      got =
          jsc.parallelize(missing, missing.size())
              .map(t -> compute(t, conf.value().get()))
              .collect();
    } finally {
      jsc.setLocalProperty("spark.job.description", description);
    }
    scanned.addAndGet(missing.size());
    for (int i = 0; i < got.size(); i++) {
      out.set(where.get(i), got.get(i));
      if (got.get(i) != null) {
        CACHE.put(missing.get(i).key(), got.get(i));
      }
    }
    return out;
  }

  /** Scans one part for its context; null if it cannot be read. */
  static StreamContext compute(Task t, Configuration conf) {
    FileSlice s = t.slice();
    ScanOptions.Builder b =
        ScanOptions.builder()
            .analyzers(t.analyze() ? BitstreamAnalyzer::new : () -> SampleAnalyzer.NONE);
    if (t.timeline() != null) {
      b.timeline(t.timeline());
    }
    try (LocalFile local = LocalFile.forSlice(s, conf, t.maxLocalCopyBytes(), new ScanCounters())) {
      return RecordingParts.scan(
          local.path(),
          b.build(),
          new RecordingParts.Part(
              dev.rrdvideo.format.chunk.EntityPath.parse(s.entity()), s.fromByte(), s.toByte()),
          null,
          row -> {});
    } catch (IOException e) {
      return null;
    }
  }
}
