package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
          VideoStreamReader.open(file, entity, options.timelineOrNull(), false)) {
        scanEntity(r);
      }
      streams++;
    }
    return streams + new AssetVideoScanner(file, options, listener).scan(only);
  }

  private void scanEntity(VideoStreamReader r) throws IOException {
    String entity = r.entity().toString();
    String timeline = r.timeline();
    boolean nanos = r.timeType() != TimeType.SEQUENCE;
    long gop = -1;
    pending = null;
    SampleAnalyzer analyzer = options.newAnalyzer();
    while (r.next()) {
      SampleRow row = pending == a ? b : a;
      row.clearBitstream();
      row.entity = entity;
      row.timeline = timeline;
      row.sampleIndex = r.index();
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
      ByteBuffer sample = r.sample();
      if (codec != null) {
        analyzer.analyze(codec, sample, row == a ? resultA : resultB);
        if (options.payloadSink() != null) {
          options.payloadSink().payload(codec, sample.duplicate());
        }
      }
      if (sha != null) {
        sha.update(sample.duplicate());
        row.sha256 = HexFormat.of().formatHex(sha.digest());
      }
      Boolean key = row.keyframeBitstream != null ? row.keyframeBitstream : row.keyframeDeclared;
      if (Boolean.TRUE.equals(key)) {
        gop++;
      }
      row.gopIndex = gop;
      emit(row);
    }
    flush();
    listener.endOfStream(entity, timeline);
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
