package dev.rrdvideo.inspect;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.VideoFrameReference;
import dev.rrdvideo.format.video.VideoFrameReferenceChunk;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sample rows and frame references for the {@code AssetVideo} entities of a recording.
 *
 * <p>Each entity's blob (the one the viewer shows: the last static one, else the last temporal one
 * in file order) is demuxed in place, as a view of its chunk's Arrow buffer, and yields the rows
 * the MP4 itself would ({@link MediaScanner}), with the entity path in {@code entity}, {@code
 * AssetVideo track N} in {@code timeline} and the blob's chunk in {@code chunk_id}. Then every
 * {@code VideoFrameReference} row that points at the entity is looked up among the video's frames
 * ({@link FrameReference}), reading the reference chunks one at a time; which video a row points at
 * follows the {@code video_reference} values latest-at ({@link ReferenceTargets}). Memory: one
 * chunk, the demuxer's sample table, two primitive arrays (presentation times and decode indices)
 * per video while its references are resolved, and the {@code video_reference} values (limited).
 */
final class AssetVideoScanner {
  /** {@code timeline} column prefix of asset rows. */
  static final String TIMELINE_PREFIX = "AssetVideo track ";

  private final RrdFile file;
  private final ScanOptions options;
  private final SampleListener listener;
  private final MediaScanner media;
  private final FrameReference ref = new FrameReference();

  /** Blob chunk candidates per entity, in file order. */
  private final Map<EntityPath, List<ChunkIndexEntry>> assets = new LinkedHashMap<>();

  /** Chunks with frame references. */
  private final List<RefChunk> refChunks = new ArrayList<>();

  /** Entities whose blob was found (references to others point at no asset). */
  private final Set<EntityPath> withBlob = new java.util.HashSet<>();

  /** Chunks with {@code video_reference} values. */
  private final List<ChunkIndexEntry> targetChunks = new ArrayList<>();

  /** The {@code video_reference} values, read once after {@link #index()}. */
  private ReferenceTargets targets;

  /** The text of the target {@link #target} found last (the entity path, or the stored text). */
  private String targetText;

  /** A chunk with references (rows with a timestamp). */
  private record RefChunk(ChunkIndexEntry entry) {}

  /** The blob an entity shows: its chunk and row, and when it is logged (static: never absent). */
  private record Blob(ChunkIndexEntry entry, int row, boolean isStatic, Map<String, Long> times) {}

  AssetVideoScanner(RrdFile file, ScanOptions options, SampleListener listener) {
    this.file = file;
    this.options = options;
    this.listener = listener;
    this.media = new MediaScanner(options, listener);
  }

  /**
   * Scans the assets ({@code only}, or all), then reports the references that point at no asset.
   * Returns the number of assets scanned.
   */
  int scan(EntityPath only) throws IOException {
    index();
    targets = new ReferenceTargets(file.sourceName());
    for (ChunkIndexEntry e : targetChunks) {
      try (Chunk c = file.readChunk(e)) {
        VideoFrameReferenceChunk v = VideoFrameReferenceChunk.of(c);
        if (v != null) {
          targets.collect(c, v, e.byteOffset());
        }
      }
    }
    int streams = 0;
    for (Map.Entry<EntityPath, List<ChunkIndexEntry>> e : assets.entrySet()) {
      if (only != null && !only.equals(e.getKey())) {
        continue;
      }
      if (scanAsset(e.getKey(), e.getValue())) {
        withBlob.add(e.getKey());
        streams++;
      }
    }
    dangling(only);
    return streams;
  }

  /**
   * Finds the blob and reference chunks, decoding only chunks the file's index does not describe.
   */
  private void index() throws IOException {
    String blob = AssetVideo.BLOB.component();
    String timestamp = VideoFrameReference.TIMESTAMP.component();
    String reference = VideoFrameReference.VIDEO_REFERENCE.component();
    for (ChunkIndexEntry e : file.chunks()) {
      Set<String> has = e.components();
      boolean isBlob;
      boolean isRef;
      boolean explicit;
      if (!has.isEmpty()) {
        isBlob = has.contains(blob);
        isRef = has.contains(timestamp);
        explicit = has.contains(reference);
      } else {
        try (Chunk c = file.readChunk(e)) {
          isBlob = c.component(blob) != null && AssetVideoChunk.of(c) != null;
          isRef = c.component(timestamp) != null && VideoFrameReferenceChunk.of(c) != null;
          explicit = c.component(reference) != null;
        }
      }
      if (isBlob) {
        assets.computeIfAbsent(e.entityPath(), k -> new ArrayList<>()).add(e);
      }
      if (isRef) {
        refChunks.add(new RefChunk(e));
      }
      if (explicit) {
        targetChunks.add(e);
      }
    }
  }

  /**
   * Scans the blob the viewer shows for {@code entity} (the last static one, else the last temporal
   * one in file order), reading its chunk once, then reports the references that point at it.
   * Returns false when no candidate chunk holds a blob after all.
   */
  private boolean scanAsset(EntityPath entity, List<ChunkIndexEntry> candidates)
      throws IOException {
    for (int pass = 0; pass < 2; pass++) {
      boolean wantStatic = pass == 0;
      for (int i = candidates.size() - 1; i >= 0; i--) {
        ChunkIndexEntry e = candidates.get(i);
        if (e.isStatic() != wantStatic) {
          continue;
        }
        Blob blob = null;
        Scanned scanned = null;
        try (Chunk c = file.readChunk(e)) {
          AssetVideoChunk a = AssetVideoChunk.of(c);
          int row = a == null ? -1 : c.rowCount() - 1;
          while (row >= 0 && a.blobSize(row) < 0) {
            row--;
          }
          if (row >= 0) {
            Map<String, Long> times = new HashMap<>();
            for (TimeColumn t : c.timeColumns()) {
              times.put(t.name(), t.value(row));
            }
            blob = new Blob(e, row, c.isStatic(), times);
            scanned = scanBlob(entity.toString(), c, a, row);
          }
        }
        if (blob != null) {
          String name = entity.toString();
          long n = references(entity, blob, scanned.frames());
          listener.endOfFrameReferences(name, n);
          listener.endOfStream(name, scanned.timeline());
          return true;
        }
      }
    }
    return false;
  }

  /** What scanning a blob leaves for its references: the timeline label and the frames. */
  private record Scanned(String timeline, VideoFrames frames) {}

  /** Emits the rows of the blob in row {@code row} of {@code c}. */
  private Scanned scanBlob(String name, Chunk c, AssetVideoChunk a, int row) throws IOException {
    String mediaType = a.mediaType(row);
    if (mediaType != null && !mediaType.equals(AssetVideo.MEDIA_TYPE_MP4)) {
      throw new UnsupportedFeatureException(
          "AssetVideo "
              + name
              + ": media type '"
              + mediaType
              + "': expected "
              + AssetVideo.MEDIA_TYPE_MP4
              + " (the only one the Rerun viewer plays, and the only one rrdvideo reads)",
          file.sourceName(),
          -1);
    }
    ByteBuffer bytes = a.blob(row);
    try (Mp4Demuxer d = Mp4Demuxer.open(bytes, name + " (AssetVideo blob)")) {
      Mp4Track track = d.videoTrack();
      String timeline = TIMELINE_PREFIX + track.trackId();
      media.scanMp4Samples(d, track, name, timeline, c.id().toString());
      return new Scanned(timeline, VideoFrames.of(track));
    }
  }

  /** Reports the references that point at {@code asset}; returns how many. */
  private long references(EntityPath asset, Blob blob, VideoFrames frames) throws IOException {
    long n = 0;
    for (RefChunk rc : refChunks) {
      EntityPath owner = rc.entry().entityPath();
      if (!owner.equals(asset) && !targets.hasAny(owner)) {
        continue; // its rows can only point at their own entity
      }
      try (Chunk c = file.readChunk(rc.entry())) {
        VideoFrameReferenceChunk v = view(c, rc.entry());
        TimeColumn t = timeline(c);
        String entity = c.entityPath().toString();
        String chunkId = null;
        for (int r = 0; r < c.rowCount(); r++) {
          if (!v.hasTimestamp(r)) {
            continue;
          }
          EntityPath target = target(c.entityPath(), entity, t, r);
          if (!asset.equals(target)) {
            continue;
          }
          if (chunkId == null) {
            chunkId = c.id().toString();
          }
          fill(entity, target, v, t, r, chunkId, n);
          if (available(blob, t, r)) {
            frames.resolve(v.timestampNanos(r), ref);
          } else {
            ref.status = FrameReference.Status.NO_ASSET;
          }
          listener.frameReference(ref);
          n++;
        }
      }
    }
    return n;
  }

  /** Reports the references whose target has no blob. */
  private void dangling(EntityPath only) throws IOException {
    long n = 0;
    for (RefChunk rc : refChunks) {
      EntityPath owner = rc.entry().entityPath();
      if (!targets.hasAny(owner)
          && (withBlob.contains(owner) || (only != null && !only.equals(owner)))) {
        continue; // its rows point at their own entity, which has a blob or is not asked for
      }
      try (Chunk c = file.readChunk(rc.entry())) {
        VideoFrameReferenceChunk v = view(c, rc.entry());
        TimeColumn t = timeline(c);
        String entity = c.entityPath().toString();
        String chunkId = null;
        for (int r = 0; r < c.rowCount(); r++) {
          if (!v.hasTimestamp(r)) {
            continue;
          }
          EntityPath target = target(c.entityPath(), entity, t, r);
          if (target != null && withBlob.contains(target)) {
            continue;
          }
          if (only != null && !only.equals(target)) {
            continue;
          }
          if (chunkId == null) {
            chunkId = c.id().toString();
          }
          fill(entity, target, v, t, r, chunkId, n);
          ref.status = FrameReference.Status.NO_ASSET;
          listener.frameReference(ref);
          n++;
        }
      }
    }
    if (n > 0) {
      listener.endOfFrameReferences(null, n);
    }
  }

  private VideoFrameReferenceChunk view(Chunk c, ChunkIndexEntry e) throws IOException {
    VideoFrameReferenceChunk v = VideoFrameReferenceChunk.of(c);
    if (v == null) {
      // only a chunk taken on the word of the footer index gets here
      throw new RrdFormatException(
          "the file's index lists "
              + VideoFrameReference.TIMESTAMP.component()
              + " for chunk "
              + c.id()
              + ", but the chunk has no such column",
          file.sourceName(),
          e.byteOffset());
    }
    return v;
  }

  /** Sets the fields of {@link #ref} that do not depend on the video. */
  private void fill(
      String entity,
      EntityPath target,
      VideoFrameReferenceChunk v,
      TimeColumn t,
      int r,
      String chunkId,
      long index) {
    ref.entity = entity;
    ref.video = targetText;
    ref.timeline = t == null ? null : t.name();
    ref.time = t == null ? SampleRow.ABSENT : t.value(r);
    ref.nanosTimeline = t != null && t.type().isNanos();
    ref.videoTimestampNanos = v.timestampNanos(r);
    ref.videoTicks = SampleRow.ABSENT;
    ref.status = null;
    ref.frame = -1;
    ref.sampleIndex = -1;
    ref.framePtsTicks = SampleRow.ABSENT;
    ref.chunkId = chunkId;
    ref.index = index;
  }

  /**
   * The entity a row points at: the latest {@code video_reference} of its entity at its time
   * ({@link ReferenceTargets}), else its own entity; {@code null} for a text that is not an entity
   * path (it matches no asset). Sets {@link #targetText}.
   */
  private EntityPath target(EntityPath own, String ownText, TimeColumn t, int r) {
    int id =
        targets.lookup(own, t == null ? null : t.name(), t == null ? SampleRow.ABSENT : t.value(r));
    if (id < 0) {
      targetText = ownText;
      return own;
    }
    targetText = targets.text(id);
    return targets.path(id);
  }

  /**
   * Whether the blob is there at the reference's time (a temporal blob: on its timeline, before).
   */
  private static boolean available(Blob blob, TimeColumn t, int r) {
    if (blob.isStatic() || t == null) {
      return true;
    }
    Long at = blob.times().get(t.name());
    return at != null && at <= t.value(r);
  }

  /**
   * The timeline of a reference chunk: {@code --timeline} where the chunk has it, else the one the
   * viewer would pick ({@code message_log_time} first, then the first that is not {@code
   * log_time}/{@code log_tick}); {@code null} for a static chunk.
   */
  private TimeColumn timeline(Chunk c) {
    List<TimeColumn> ts = c.timeColumns();
    if (ts.isEmpty()) {
      return null;
    }
    String timeline = options.timelineOrNull();
    if (timeline != null && c.timeColumn(timeline) != null) {
      return c.timeColumn(timeline);
    }
    TimeColumn mlt = c.timeColumn("message_log_time");
    if (mlt != null) {
      return mlt;
    }
    for (TimeColumn t : ts) {
      if (!t.name().equals("log_time") && !t.name().equals("log_tick")) {
        return t;
      }
    }
    return ts.get(0);
  }
}
