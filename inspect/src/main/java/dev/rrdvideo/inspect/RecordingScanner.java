package dev.rrdvideo.inspect;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.TimeRange;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Produces sample rows for the {@code VideoStream} entities of a recording, one entity after
 * another, read with {@link VideoStreamReader} (decode order, declared keyframes, one chunk in
 * memory at a time), then for its {@code AssetVideo} entities with their frame references ({@link
 * AssetVideoScanner}). Entities without a known codec are listed too, with empty bitstream columns.
 * Durations are the difference to the next sample (absent for the last).
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

  /** Returns the number of video streams scanned ({@code VideoStream} and {@code AssetVideo}). */
  int scan() throws IOException {
    EntityPath only = options.entityOrNull();
    int streams = 0;
    for (EntityPath entity : VideoStreamReader.videoStreamEntities(file)) {
      if (only != null && !only.equals(entity)) {
        continue;
      }
      try (VideoStreamReader r =
          VideoStreamReader.open(file, entity, options.timelineOrNull(), false, sampleData())) {
        scanEntity(r, 0, r.sampleChunks().size(), StreamContext.START, false);
      }
      streams++;
    }
    return streams + new AssetVideoScanner(file, options, listener).scan(only);
  }

  /**
   * Returns what to read of each sample: the sizes only when nothing looks at the bytes (the rows
   * are the same, chunks stored uncompressed are read without the samples' bytes).
   */
  VideoStreamReader.SampleData sampleData() {
    return options.needsSampleBytes()
        ? VideoStreamReader.SampleData.BYTES
        : VideoStreamReader.SampleData.SIZES;
  }

  /**
   * Scans the samples of sample chunks {@code [from, to)} of the reader's entity (positions in
   * {@link VideoStreamReader#sampleChunks()}), then reads the first sample after them for the last
   * row's duration; calls {@link SampleListener#endOfStream} when {@code to} is the end.
   *
   * <p>With a time range ({@link ScanOptions#ptsRange()}), chunks whose index time range lies
   * outside it are not read when no later chunk of the part is in the range, nor at all with {@link
   * ScanOptions#skipOutsideRange()}; only the first sample of an unread chunk is read when the row
   * before it needs its time.
   *
   * @param before what the samples before chunk {@code from} left behind, or null when unknown:
   *     {@code sample_index}, {@code gop_index}, {@code width}, {@code height} and {@code
   *     frame_type} (which depend on them) are then absent, as they are after a chunk left unread
   * @param keepContext whether to gather and return the context after the part (its parameter sets:
   *     work on every sample that a plain scan does not need)
   * @return the context after the part: {@code before} followed by it, or the part alone when
   *     {@code before} is null; not resumable if a chunk of the part was left unread; null when not
   *     {@code keepContext}
   */
  StreamContext scanEntity(
      VideoStreamReader r, int from, int to, StreamContext before, boolean keepContext)
      throws IOException {
    ScanStats stats = options.statsOrNull();
    long partialBefore = r.chunksWithoutSampleBytes();
    long skippedBefore = r.sampleBytesSkipped();
    boolean bytes = r.sampleData() == VideoStreamReader.SampleData.BYTES;
    String entity = r.entity().toString();
    String timeline = r.timeline();
    boolean nanos = r.timeType() != TimeType.SEQUENCE;
    List<ChunkIndexEntry> chunks = r.sampleChunks();
    PtsRange range = PtsRange.ALL;
    if (options.ptsRange().isPresent()) {
      range = range.intersect(options.ptsRange().get());
    }
    if (options.ptsNanosRange().isPresent()) {
      range = nanos ? range.intersect(options.ptsNanosRange().get()) : new PtsRange(1, 0);
    }
    boolean windowed = options.windowed();
    int last = to - 1;
    if (windowed) {
      last = from - 1;
      for (int k = from; k < to; k++) {
        if (mayHold(chunks.get(k), timeline, range)) {
          last = k;
        }
      }
    }
    boolean indexKnown = before != null;
    boolean contextKnown = before != null && before.analyzed();
    long index = before != null ? before.samples() : 0;
    long gop = before != null ? before.keyframes() - 1 : -1;
    pending = null;
    SampleAnalyzer analyzer = options.newAnalyzer();
    if (before != null && before != StreamContext.START) {
      analyzer.resume(before);
    }
    boolean analyzes = analyzer != SampleAnalyzer.NONE;
    StreamContext.Builder part = keepContext ? new StreamContext.Builder() : null;
    for (int k = from; k <= last; k++) {
      if (windowed && options.skipOutsideRange() && !mayHold(chunks.get(k), timeline, range)) {
        if (pending != null && options.inRange(pending)) {
          k = Math.max(k, peek(r, k) - 1);
        } else if (stats != null) {
          stats.skipped(1);
        }
        if (part != null) {
          part.skipped();
        }
        indexKnown = false;
        contextKnown = false;
        continue;
      }
      r.seek(k, index);
      if (stats != null) {
        stats.read();
      }
      while (r.nextInChunk()) {
        SampleRow row = pending == a ? b : a;
        row.clearBitstream();
        row.entity = entity;
        row.timeline = timeline;
        row.sampleIndex = indexKnown ? r.index() : SampleRow.ABSENT;
        row.pts = r.time();
        row.ptsNanos = nanos ? row.pts : SampleRow.ABSENT;
        row.dtsNanos = SampleRow.ABSENT;
        row.durationNanos = SampleRow.ABSENT;
        row.sizeBytes = r.sampleSize();
        row.keyframeDeclared = r.keyframeDeclared();
        VideoCodec codec = r.sampleCodec();
        row.codec = codec;
        row.chunkId = r.chunkId();
        row.byteOffset = SampleRow.ABSENT;
        ByteBuffer sample = bytes ? r.sample() : null;
        boolean wanted = !windowed || options.inRange(row);
        if (codec != null && sample != null) {
          analyzer.analyze(codec, sample, row == a ? resultA : resultB);
          if (options.payloadSink() != null && wanted) {
            options.payloadSink().payload(codec, sample.duplicate());
          }
        }
        if (sha != null && wanted) {
          sha.update(sample.duplicate());
          row.sha256 = HexFormat.of().formatHex(sha.digest());
        }
        Boolean key = row.keyframeBitstream != null ? row.keyframeBitstream : row.keyframeDeclared;
        if (Boolean.TRUE.equals(key)) {
          gop++;
        }
        if (part != null) {
          part.add(row, codec, analyzes && sample != null, Boolean.TRUE.equals(key), sample);
        }
        index++;
        if (contextKnown) {
          row.gopIndex = gop;
        } else {
          row.gopIndex = -1;
          row.width = -1;
          row.height = -1;
          row.frameType = null;
        }
        emit(row);
      }
    }
    int peeked = last;
    if (pending != null && last + 1 < chunks.size() && (!windowed || options.inRange(pending))) {
      peeked = peek(r, last + 1);
    }
    flush();
    if (last + 1 < to) {
      if (part != null) {
        part.skipped();
      }
      if (stats != null) {
        stats.skipped(to - 1 - Math.min(to - 1, peeked));
      }
    }
    if (to == chunks.size()) {
      listener.endOfStream(entity, timeline);
    }
    if (stats != null) {
      stats.readWithoutBytes(
          r.chunksWithoutSampleBytes() - partialBefore, r.sampleBytesSkipped() - skippedBefore);
    }
    if (part == null) {
      return null;
    }
    StreamContext after = part.build();
    return before == null ? after : before.then(after);
  }

  /** Whether chunk {@code e} may hold a sample whose time is in {@code range}, by its index. */
  private static boolean mayHold(ChunkIndexEntry e, String timeline, PtsRange range) {
    if (range.isEmpty()) {
      return false;
    }
    TimeRange t = e.timeRanges().get(timeline);
    return t == null || range.overlaps(t.min(), t.max());
  }

  /**
   * Reads the first sample from chunk {@code k} on (the next chunks too, while a chunk has none):
   * its time ends the pending row, which is then emitted. Returns the position of the chunk it was
   * found in (the number of chunks when there was none).
   */
  private int peek(VideoStreamReader r, int k) throws IOException {
    int at = k;
    for (; at < r.sampleChunks().size(); at++) {
      r.seek(at, 0);
      if (options.statsOrNull() != null) {
        options.statsOrNull().read();
      }
      if (r.nextInChunk()) {
        if (pending.ptsNanos != SampleRow.ABSENT && r.timeType() != TimeType.SEQUENCE) {
          pending.durationNanos = r.time() - pending.ptsNanos;
        }
        break;
      }
    }
    flush();
    return at;
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
}
