package dev.rrdvideo.format.video.io;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.VideoStreamChunk;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the samples of one {@code VideoStream} entity of a recording in decode order, one chunk in
 * memory at a time, through the file's chunk index.
 *
 * <p>Decode order is the file order of the sample chunks and, within a chunk, the order of the
 * chosen timeline. The codec comes from the entity's codec column (static or temporal); the
 * declared keyframe flag from a co-located {@code is_keyframe} column or sparse marker rows at the
 * same time (absent when the entity has neither). Iterate with {@link #next()}; the accessors
 * describe the current sample and its bytes are valid until the next call. Opened with {@link
 * SampleData#SIZES}, it reads the chunks stored uncompressed without the samples' bytes (sizes,
 * times, flags and codecs are the same). Not thread-safe.
 */
public final class VideoStreamReader implements Closeable {
  /** What a reader reads of each sample. */
  public enum SampleData {
    /** The sample's bytes ({@link #sample()}), size and times. */
    BYTES,
    /**
     * The sample's size and times, not its bytes: chunks stored uncompressed are read without the
     * samples' bytes ({@link RrdFile#readChunkWithoutSampleBytes}), and {@link #sample()} may not
     * be called.
     */
    SIZES
  }

  private final RrdFile file;
  private final SampleData data;
  private long chunksWithoutSampleBytes;
  private long sampleBytesSkipped;
  private final EntityPath entity;
  private final String timeline;
  private final TimeType timeType;
  private final VideoCodec codec;
  private final Map<String, String> codecMetadata;
  private final List<ChunkIndexEntry> sampleChunks;
  private final long[] markerTimes;
  private final boolean keyframesKnown;
  private int chunkIndex = -1;
  private Chunk chunk;
  private String chunkIdText;
  private VideoStreamChunk view;
  private TimeColumn times;
  private int[] order;
  private int row = -1;
  private int current = -1;
  private long index = -1;

  private VideoStreamReader(
      RrdFile file,
      SampleData data,
      EntityPath entity,
      String timeline,
      TimeType timeType,
      VideoCodec codec,
      Map<String, String> codecMetadata,
      List<ChunkIndexEntry> sampleChunks,
      long[] markerTimes,
      boolean keyframesKnown) {
    this.file = file;
    this.data = data;
    this.entity = entity;
    this.timeline = timeline;
    this.timeType = timeType;
    this.codec = codec;
    this.codecMetadata = codecMetadata;
    this.sampleChunks = sampleChunks;
    this.markerTimes = markerTimes;
    this.keyframesKnown = keyframesKnown;
  }

  /**
   * Returns the entities of {@code file} that have {@code VideoStream} samples, in file order. Uses
   * the components the chunk index lists; only chunks it says nothing about are decoded.
   */
  public static List<EntityPath> videoStreamEntities(RrdFile file) throws IOException {
    Set<EntityPath> out = new LinkedHashSet<>();
    for (ChunkIndexEntry e : file.chunks()) {
      if (out.contains(e.entityPath()) || e.isStatic()) {
        continue;
      }
      if (!e.components().isEmpty()) {
        if (e.components().contains(VideoStream.SAMPLE.component())) {
          out.add(e.entityPath());
        }
        continue;
      }
      try (Chunk c = file.readChunk(e)) {
        VideoStreamChunk v = VideoStreamChunk.of(c);
        if (v != null && v.hasSamples()) {
          out.add(e.entityPath());
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Opens the samples of {@code entity}, with times from {@code timeline} (or, when null, the
   * samples' own timeline: {@code message_log_time} first when there are several, then the first
   * that is not {@code log_time}/{@code log_tick}).
   *
   * @throws UnsupportedFeatureException if the entity has no samples or no known codec
   */
  public static VideoStreamReader open(RrdFile file, EntityPath entity, String timeline)
      throws IOException {
    return open(file, entity, timeline, true);
  }

  /**
   * Like {@link #open(RrdFile, EntityPath, String)}; with {@code requireCodec} false an entity
   * without a known codec opens too ({@link #codec()} is then {@code null}), for tools that report
   * on broken recordings rather than decode them.
   *
   * <p>Chunks are decoded once to find the codec, the timelines and the keyframe markers, except
   * sample chunks the file's index describes (their components are listed there): those are only
   * read when iterating.
   *
   * @throws UnsupportedFeatureException if the entity has no samples, or no known codec when one is
   *     required
   */
  public static VideoStreamReader open(
      RrdFile file, EntityPath entity, String timeline, boolean requireCodec) throws IOException {
    return open(file, entity, timeline, requireCodec, SampleData.BYTES);
  }

  /**
   * Like {@link #open(RrdFile, EntityPath, String, boolean)}, reading of each sample what {@code
   * data} says: with {@link SampleData#SIZES}, the chunks read here and when iterating are read
   * without the samples' bytes where they are stored uncompressed.
   */
  public static VideoStreamReader open(
      RrdFile file, EntityPath entity, String timeline, boolean requireCodec, SampleData data)
      throws IOException {
    Objects.requireNonNull(data, "data is null");
    VideoCodec codec = null;
    Map<String, String> codecMetadata = Map.of();
    List<ChunkIndexEntry> samples = new ArrayList<>();
    List<ChunkIndexEntry> markers = new ArrayList<>();
    List<String> sampleTimelines = null;
    boolean keyColumn = false;
    for (ChunkIndexEntry e : file.chunks(entity)) {
      Set<String> has = e.components();
      if (sampleTimelines != null
          && has.contains(VideoStream.SAMPLE.component())
          && (codec != null || !has.contains(VideoStream.CODEC.component()))) {
        // a further sample chunk: its timelines were taken from the first, the rest comes later
        samples.add(e);
        keyColumn |= has.contains(VideoStream.IS_KEYFRAME.component());
        continue;
      }
      try (Chunk c = read(file, e, data)) {
        VideoStreamChunk v = VideoStreamChunk.of(c);
        if (v == null) {
          continue;
        }
        if (v.hasCodec() && v.codec() != null) {
          codec = v.codec();
          if (c.isStatic() || codecMetadata.isEmpty()) {
            codecMetadata = new LinkedHashMap<>(c.metadata());
          }
        }
        keyColumn |= v.hasKeyframeColumn();
        if (v.hasSamples()) {
          samples.add(e);
          if (sampleTimelines == null) {
            sampleTimelines = new ArrayList<>();
            for (TimeColumn t : c.timeColumns()) {
              sampleTimelines.add(t.name());
            }
          }
        } else if (v.hasKeyframeColumn()) {
          markers.add(e);
        }
      }
    }
    if (samples.isEmpty()) {
      throw new UnsupportedFeatureException(
          "entity " + entity + " has no VideoStream samples", file.sourceName(), -1);
    }
    if (codec == null && requireCodec) {
      throw new UnsupportedFeatureException(
          "entity " + entity + " has VideoStream samples but no VideoStream:codec",
          file.sourceName(),
          -1);
    }
    String tl = timeline != null ? timeline : pickTimeline(sampleTimelines);
    TimeType type = null;
    long[] marks = new long[16];
    int n = 0;
    for (ChunkIndexEntry e : markers) {
      try (Chunk c = read(file, e, data)) {
        VideoStreamChunk v = VideoStreamChunk.of(c);
        TimeColumn t = c.timeColumn(tl);
        if (t == null) {
          continue;
        }
        for (int r = 0; r < c.rowCount(); r++) {
          if (Boolean.TRUE.equals(v.keyframe(r))) {
            if (n == marks.length) {
              marks = Arrays.copyOf(marks, n * 2);
            }
            marks[n++] = t.value(r);
          }
        }
      }
    }
    long[] sorted = Arrays.copyOf(marks, n);
    Arrays.sort(sorted);
    try (Chunk c = read(file, samples.get(0), data)) {
      TimeColumn t = c.timeColumn(tl);
      if (t == null) {
        throw new UnsupportedFeatureException(
            "entity "
                + entity
                + " has no timeline '"
                + tl
                + "' (its samples are on "
                + sampleTimelines
                + ")",
            file.sourceName(),
            samples.get(0).byteOffset());
      }
      type = t.type();
    }
    return new VideoStreamReader(
        file, data, entity, tl, type, codec, codecMetadata, samples, sorted, keyColumn);
  }

  private static Chunk read(RrdFile file, ChunkIndexEntry e, SampleData data) throws IOException {
    return data == SampleData.SIZES ? file.readChunkWithoutSampleBytes(e) : file.readChunk(e);
  }

  /** Returns what this reader reads of each sample. */
  public SampleData sampleData() {
    return data;
  }

  /**
   * Returns how many sample chunks iterating has read without their samples' bytes (with {@link
   * SampleData#SIZES}; the others were stored compressed and read whole).
   */
  public long chunksWithoutSampleBytes() {
    return chunksWithoutSampleBytes;
  }

  /**
   * Returns how many bytes of the sample chunks read so far were left out: the samples' bytes (and
   * their Arrow validity bitmaps) of the chunks counted by {@link #chunksWithoutSampleBytes()}.
   */
  public long sampleBytesSkipped() {
    return sampleBytesSkipped;
  }

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

  /** Returns the entity. */
  public EntityPath entity() {
    return entity;
  }

  /** Returns the timeline the times come from. */
  public String timeline() {
    return timeline;
  }

  /** Returns the timeline's type. */
  public TimeType timeType() {
    return timeType;
  }

  /** Returns the entity's codec ({@code null} only when opened without requiring one). */
  public VideoCodec codec() {
    return codec;
  }

  /**
   * Returns the codec of the current sample: its own row's codec value when it has a known one,
   * else {@link #codec()}.
   */
  public VideoCodec sampleCodec() {
    long v = view.codecValue(current);
    return v >= 0 && VideoCodec.isKnownWireValue(v) ? VideoCodec.fromWireValue(v) : codec;
  }

  /** Returns the schema metadata of the chunk that holds the codec (e.g. rrdvideo's hints). */
  public Map<String, String> codecChunkMetadata() {
    return codecMetadata;
  }

  /** Advances to the next sample; returns false after the last one. */
  public boolean next() throws IOException {
    while (true) {
      if (chunk != null) {
        if (nextRow()) {
          return true;
        }
        chunk.close();
        chunk = null;
      }
      if (chunkIndex + 1 >= sampleChunks.size()) {
        return false;
      }
      load(++chunkIndex);
    }
  }

  /**
   * Advances to the next sample of the current sample chunk, loading the chunk at the current
   * position first when none is loaded (at the start, or after {@link #seek}); returns false at the
   * end of that chunk (or when there is no chunk left) without reading the next one. {@link
   * #next()} then goes on with the next chunk.
   */
  public boolean nextInChunk() throws IOException {
    if (chunk == null) {
      if (chunkIndex + 1 >= sampleChunks.size()) {
        return false;
      }
      load(++chunkIndex);
    }
    return nextRow();
  }

  private boolean nextRow() {
    while (++row < chunk.rowCount()) {
      int r = order == null ? row : order[row];
      if (view.hasSample(r)) {
        current = r;
        index++;
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the index entries of the sample chunks, in decode order (the file order): the chunks
   * {@link #next()} reads one after another.
   */
  public List<ChunkIndexEntry> sampleChunks() {
    return Collections.unmodifiableList(sampleChunks);
  }

  /**
   * Returns the position in {@link #sampleChunks()} of the chunk of the current sample (after
   * {@link #seek}, of the chunk before the one read next; -1 at the start).
   */
  public int chunkIndex() {
    return chunkIndex;
  }

  /**
   * Moves before the first sample of sample chunk {@code chunk} (a position in {@link
   * #sampleChunks()}) without reading anything; that sample gets index {@code firstIndex}: the
   * caller says how many samples come before it. {@code chunk} may be the number of sample chunks
   * (the end).
   *
   * @throws IndexOutOfBoundsException if {@code chunk} is not in {@code [0, sampleChunks().size()]}
   */
  public void seek(int chunk, long firstIndex) {
    Objects.checkIndex(chunk, sampleChunks.size() + 1);
    if (this.chunk != null) {
      this.chunk.close();
      this.chunk = null;
    }
    chunkIndex = chunk - 1;
    row = -1;
    index = firstIndex - 1;
  }

  private void load(int position) throws IOException {
    ChunkIndexEntry e = sampleChunks.get(position);
    chunk = read(file, e, data);
    if (chunk.skippedBytes() > 0) {
      chunksWithoutSampleBytes++;
      sampleBytesSkipped += chunk.skippedBytes();
    }
    chunkIdText = chunk.id().toString();
    try {
      view = VideoStreamChunk.of(chunk);
    } catch (RrdVideoException ex) {
      chunk.close();
      chunk = null;
      throw ex;
    }
    times = chunk.timeColumn(timeline);
    String problem = null;
    if (view == null || !view.hasSamples()) {
      // Only a chunk taken on the word of the footer index can get here: every other sample
      // chunk was decoded in open(). The index and the chunk disagree, so the file is corrupt.
      problem =
          "the file's index lists "
              + VideoStream.SAMPLE.component()
              + " for chunk "
              + chunk.id()
              + ", but the chunk has no such column";
    } else if (times == null) {
      problem = "sample chunk " + chunk.id() + " has no timeline '" + timeline + "'";
    }
    if (problem != null) {
      chunk.close();
      chunk = null;
      view = null;
      throw new RrdFormatException(
          "entity " + entity + ": " + problem, file.sourceName(), e.byteOffset());
    }
    order = null;
    if (!times.isSorted()) {
      TimeColumn t = times;
      order =
          java.util.stream.IntStream.range(0, chunk.rowCount())
              .boxed()
              .sorted((x, y) -> Long.compare(t.value(x), t.value(y)))
              .mapToInt(Integer::intValue)
              .toArray();
    }
    row = -1;
  }

  /** Returns the 0-based index of the current sample. */
  public long index() {
    return index;
  }

  /** Returns the current sample's time on the timeline. */
  public long time() {
    return times.value(current);
  }

  /**
   * Returns a read-only view of the current sample's bytes (valid until {@link #next()}).
   *
   * @throws IllegalStateException when the reader was opened with {@link SampleData#SIZES}
   */
  public ByteBuffer sample() {
    if (data == SampleData.SIZES) {
      throw new IllegalStateException("the reader was opened without sample bytes");
    }
    return view.sample(current);
  }

  /** Returns the current sample's size in bytes. */
  public int sampleSize() {
    return view.sampleSize(current);
  }

  /** Returns the declared keyframe flag of the current sample, or {@code null} if unknown. */
  public Boolean keyframeDeclared() {
    Boolean k = view.keyframe(current);
    if (k != null) {
      return k;
    }
    if (markerTimes.length > 0 || keyframesKnown) {
      return Arrays.binarySearch(markerTimes, time()) >= 0;
    }
    return null;
  }

  /** Returns the id of the chunk holding the current sample. */
  public String chunkId() {
    return chunkIdText;
  }

  /** Starts over from the first sample. */
  public void rewind() {
    if (chunk != null) {
      chunk.close();
      chunk = null;
    }
    chunkIndex = -1;
    row = -1;
    index = -1;
  }

  @Override
  public void close() {
    if (chunk != null) {
      chunk.close();
      chunk = null;
    }
  }
}
