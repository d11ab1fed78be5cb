package dev.rrdvideo.inspect;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdVideoException;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.VideoStreamChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Produces sample rows for the {@code VideoStream} entities of a recording, one entity after
 * another, using the file's chunk index to visit only that entity's chunks (so memory holds one
 * chunk at a time plus one {@code long} per keyframe marker).
 *
 * <p>Decode order is the order of the sample chunks in the file and, within a chunk, the order of
 * the chosen timeline (the viewer sorts each chunk by the active timeline). Keyframe flags come
 * from a co-located {@code VideoStream:is_keyframe} column or from sparse marker chunks at the same
 * times. Durations are the difference to the next sample (absent for the last).
 */
final class RecordingScanner {
  private final RrdFile file;
  private final ScanOptions options;
  private final SampleListener listener;
  private final MessageDigest sha;
  private final SampleRow a = new SampleRow();
  private final SampleRow b = new SampleRow();
  private final SampleAnalyzer.Result resultA = new SampleAnalyzer.Result(a);
  private final SampleAnalyzer.Result resultB = new SampleAnalyzer.Result(b);
  private SampleRow pending;

  RecordingScanner(RrdFile file, ScanOptions options, SampleListener listener) {
    this.file = file;
    this.options = options;
    this.listener = listener;
    try {
      this.sha = options.hash() ? MessageDigest.getInstance("SHA-256") : null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Entities in file order, with their chunks. */
  private Map<EntityPath, List<ChunkIndexEntry>> entities() {
    Map<EntityPath, List<ChunkIndexEntry>> out = new LinkedHashMap<>();
    for (ChunkIndexEntry e : file.chunks()) {
      if (options.entity() != null && !e.entityPath().equals(EntityPath.parse(options.entity()))) {
        continue;
      }
      out.computeIfAbsent(e.entityPath(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** Returns the number of video entities scanned. */
  int scan() throws IOException {
    int streams = 0;
    for (Map.Entry<EntityPath, List<ChunkIndexEntry>> e : entities().entrySet()) {
      if (scanEntity(e.getKey(), e.getValue())) {
        streams++;
      }
    }
    return streams;
  }

  private boolean scanEntity(EntityPath entity, List<ChunkIndexEntry> chunks) throws IOException {
    // Pass 1: codec, sample timelines, sparse keyframe marker times.
    VideoCodec codec = null;
    String timeline = options.timeline();
    List<String> sampleTimelines = null;
    long[] markers = new long[16];
    int markerCount = 0;
    boolean anyKeyframeColumn = false;
    List<ChunkIndexEntry> sampleChunks = new ArrayList<>();
    for (ChunkIndexEntry e : chunks) {
      // A sample chunk the index already describes need not be decoded here: pass 2 reads it.
      // (Its timeline order is taken from the first one, which is decoded.)
      Set<String> has = e.components();
      if (sampleTimelines != null
          && has.contains(VideoStream.SAMPLE.component())
          && (codec != null || !has.contains(VideoStream.CODEC.component()))) {
        sampleChunks.add(e);
        if (has.contains(VideoStream.IS_KEYFRAME.component())) {
          anyKeyframeColumn = true;
        }
        continue;
      }
      try (Chunk c = file.readChunk(e)) {
        VideoStreamChunk v = VideoStreamChunk.of(c);
        if (v == null) {
          continue;
        }
        if (v.hasCodec() && v.codec() != null) {
          codec = v.codec();
        }
        if (v.hasKeyframeColumn()) {
          anyKeyframeColumn = true;
        }
        if (v.hasSamples()) {
          sampleChunks.add(e);
          if (sampleTimelines == null) {
            sampleTimelines = new ArrayList<>();
            for (TimeColumn t : c.timeColumns()) {
              sampleTimelines.add(t.name());
            }
          }
        } else if (v.hasKeyframeColumn()) {
          String tl = timeline != null ? timeline : null;
          for (TimeColumn t : c.timeColumns()) {
            if (tl != null && !t.name().equals(tl)) {
              continue;
            }
            for (int r = 0; r < c.rowCount(); r++) {
              if (Boolean.TRUE.equals(v.keyframe(r))) {
                if (markerCount == markers.length) {
                  markers = Arrays.copyOf(markers, markerCount * 2);
                }
                markers[markerCount++] = t.value(r);
              }
            }
            break;
          }
        }
      }
    }
    if (sampleChunks.isEmpty()) {
      return false;
    }
    if (timeline == null) {
      timeline = pickTimeline(sampleTimelines);
    }
    // markers were collected on the first timeline of each marker chunk when none was named;
    // re-collect on the chosen one if that differs
    if (options.timeline() == null && markerCount > 0) {
      Set<ChunkIndexEntry> sampleSet =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      sampleSet.addAll(sampleChunks);
      markerCount = 0;
      for (ChunkIndexEntry e : chunks) {
        if (sampleSet.contains(e)) {
          continue;
        }
        try (Chunk c = file.readChunk(e)) {
          VideoStreamChunk v = VideoStreamChunk.of(c);
          TimeColumn t = c.timeColumn(timeline);
          if (v == null || !v.hasKeyframeColumn() || t == null) {
            continue;
          }
          for (int r = 0; r < c.rowCount(); r++) {
            if (Boolean.TRUE.equals(v.keyframe(r))) {
              if (markerCount == markers.length) {
                markers = Arrays.copyOf(markers, markerCount * 2);
              }
              markers[markerCount++] = t.value(r);
            }
          }
        }
      }
    }
    long[] sortedMarkers = Arrays.copyOf(markers, markerCount);
    Arrays.sort(sortedMarkers);
    // Pass 2: samples.
    long index = 0;
    long gop = -1;
    pending = null;
    for (ChunkIndexEntry e : sampleChunks) {
      try (Chunk c = file.readChunk(e)) {
        VideoStreamChunk v = VideoStreamChunk.of(c);
        TimeColumn t = c.timeColumn(timeline);
        if (t == null) {
          throw new RrdVideoException(
              "entity "
                  + entity
                  + ": sample chunk "
                  + c.id()
                  + " has no timeline '"
                  + timeline
                  + "'",
              null,
              e.byteOffset(),
              null);
        }
        if (codec == null && v.hasCodec()) {
          codec = v.codec();
        }
        int[] order = timeOrder(t, c.rowCount());
        for (int k = 0; k < c.rowCount(); k++) {
          int r = order == null ? k : order[k];
          if (!v.hasSample(r)) {
            continue;
          }
          SampleRow row = pending == a ? b : a;
          row.clearBitstream();
          row.entity = entity.toString();
          row.timeline = timeline;
          row.sampleIndex = index++;
          row.pts = t.value(r);
          row.ptsNanos = t.type() == TimeType.SEQUENCE ? SampleRow.ABSENT : t.value(r);
          row.dtsNanos = SampleRow.ABSENT;
          row.durationNanos = SampleRow.ABSENT;
          row.sizeBytes = v.sampleSize(r);
          Boolean declared = v.keyframe(r);
          if (declared == null && (anyKeyframeColumn || markerCount > 0)) {
            declared = Arrays.binarySearch(sortedMarkers, t.value(r)) >= 0;
          }
          row.keyframeDeclared = declared;
          VideoCodec rowCodec = codec;
          long cv = v.codecValue(r);
          if (cv >= 0 && VideoCodec.isKnownWireValue(cv)) {
            rowCodec = VideoCodec.fromWireValue(cv);
          }
          row.codec = rowCodec == null ? null : rowCodec.shortName();
          row.chunkId = c.id().toString();
          row.byteOffset = SampleRow.ABSENT;
          ByteBuffer sample = v.sample(r);
          if (rowCodec != null) {
            options.analyzer().analyze(rowCodec, sample, row == a ? resultA : resultB);
            if (options.payloads() != null) {
              options.payloads().payload(rowCodec, sample.duplicate());
            }
          }
          if (sha != null) {
            sha.update(sample.duplicate());
            row.sha256 = HexFormat.of().formatHex(sha.digest());
          }
          Boolean key =
              row.keyframeBitstream != null ? row.keyframeBitstream : row.keyframeDeclared;
          if (Boolean.TRUE.equals(key)) {
            gop++;
          }
          row.gopIndex = gop;
          emit(row);
        }
      }
    }
    flush();
    listener.endOfStream(entity.toString(), timeline);
    return true;
  }

  private void emit(SampleRow row) throws IOException {
    if (pending != null) {
      if (pending.ptsNanos != SampleRow.ABSENT && row.ptsNanos != SampleRow.ABSENT) {
        pending.durationNanos = row.ptsNanos - pending.ptsNanos;
      }
      listener.sample(pending);
    }
    pending = row;
  }

  private void flush() throws IOException {
    if (pending != null) {
      listener.sample(pending);
      pending = null;
    }
  }

  /** Returns the rows in time order, or {@code null} when they already are (the usual case). */
  private static int[] timeOrder(TimeColumn t, int rows) {
    if (t.isSorted()) {
      return null;
    }
    return java.util.stream.IntStream.range(0, rows)
        .boxed()
        .sorted((x, y) -> Long.compare(t.value(x), t.value(y)))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** The viewer's preference: {@code message_log_time}, then a user timeline, then log_time. */
  static String pickTimeline(List<String> names) {
    if (names.contains("message_log_time")) {
      return "message_log_time";
    }
    for (String n : names) {
      if (!n.equals("log_time") && !n.equals("log_tick")) {
        return n;
      }
    }
    return names.isEmpty() ? null : names.get(0);
  }

  static boolean isVideoColumn(ComponentColumn c) {
    return c.name().startsWith("VideoStream:");
  }
}
