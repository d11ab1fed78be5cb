package dev.rrdvideo.format.fuzz;

import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.StreamEnd;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ComponentColumn;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeColumn;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.VideoFrameReferenceChunk;
import dev.rrdvideo.format.video.VideoStreamChunk;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * What the fuzz targets and the regression tests do with an input: every public read path of the
 * format module, touching every value it hands out. Each method lets {@link RrdVideoException}
 * escape (the contract) and lets anything else escape too (a finding).
 */
public final class Exercise {
  /** Small limits so that a fuzzer cannot make a target allocate much. */
  public static final RrdReadOptions OPTIONS =
      RrdReadOptions.builder().maxMessageBytes(8 << 20).maxUncompressedBytes(32 << 20).build();

  private static volatile long sink;

  private Exercise() {}

  /** Keeps a computed value alive so that the reads producing it are not optimised away. */
  static void consume(long value) {
    sink += value;
  }

  /** Streams every message; decodes every chunk and manifest, each failure caught and skipped. */
  public static long streaming(byte[] data) throws IOException {
    long sink = 0;
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(data), OPTIONS)) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        sink += m.offset();
        if (m instanceof StoreInfo s) {
          sink += s.source().describe().length() + s.storeId().hashCode() + s.rowId().hashCode();
          sink += s.storeVersion() == null ? 0 : s.storeVersion().hashCode();
        } else if (m instanceof BlueprintActivation b) {
          sink += b.blueprintId().hashCode();
        }
        if (m instanceof ChunkMessage a) {
          try {
            sink += a.compression().ordinal();
          } catch (RrdVideoException e) {
            sink += e.offset();
          }
          sink += a.payloadSize() + a.uncompressedSize() + a.messageLength();
          sink += a.chunkIdField() == null ? 0 : a.chunkIdField().hashCode();
          try (Chunk c = a.decode()) {
            sink += chunk(c);
          } catch (RrdVideoException e) {
            sink += e.offset();
          }
        } else if (m instanceof StreamEnd e) {
          try {
            sink += e.manifests().size();
          } catch (RrdVideoException ex) {
            sink += ex.offset();
          }
        }
      }
    }
    return sink;
  }

  /** Opens a file through its footer (or a scan) and reads every chunk the index lists. */
  public static long randomAccess(Path file) throws IOException {
    long sink = 0;
    try (RrdFile f = RrdFile.open(file, OPTIONS)) {
      for (ChunkIndexEntry e : f.chunks()) {
        try (Chunk c = f.readChunk(e)) {
          sink += chunk(c);
        } catch (RrdVideoException ex) {
          sink += ex.offset();
        }
      }
    }
    return sink;
  }

  /** Reads every sample of every VideoStream entity of a file. */
  public static long videoStreams(Path file) throws IOException {
    long sink = 0;
    try (RrdFile f = RrdFile.open(file, OPTIONS)) {
      for (EntityPath entity : VideoStreamReader.videoStreamEntities(f)) {
        try (VideoStreamReader r = VideoStreamReader.open(f, entity, null, false)) {
          while (r.next()) {
            sink += r.time() + r.sampleSize() + r.index();
            ByteBuffer b = r.sample();
            sink += b == null ? 0 : sum(b);
            Boolean k = r.keyframeDeclared();
            sink += k == null ? 0 : k ? 1 : 2;
            sink += r.sampleCodec() == null ? 0 : r.sampleCodec().ordinal();
            sink += r.chunkId().length();
          }
        }
      }
    }
    return sink;
  }

  /** Runs the verifier over the bytes. */
  public static long verify(byte[] data) throws IOException {
    RrdVerifier.Report r = RrdVerifier.verify(new ByteArrayInputStream(data), "fuzz");
    return r.findings().size() + r.samples();
  }

  /** Reads every value of a chunk through the public views. */
  public static long chunk(Chunk c) throws RrdVideoException {
    long sink = c.rowCount() + c.entityPath().hashCode() + c.id().hashCode();
    for (int r = 0; r < c.rowCount(); r++) {
      sink += c.rowId(r).hashCode();
    }
    sink += c.rowIdsAscending() ? 1 : 0;
    for (TimeColumn t : c.timeColumns()) {
      for (int r = 0; r < t.size(); r++) {
        sink += t.value(r);
      }
      sink += t.min() + t.max() + (t.isSorted() ? 1 : 0);
    }
    for (ComponentColumn col : c.components()) {
      sink += col.nonNullCount() + col.typeName().length();
      for (int r = 0; r < col.size(); r++) {
        sink += col.isNull(r) ? 1 : col.cellLength(r) + col.cellStart(r);
      }
    }
    VideoStreamChunk v = null;
    try {
      v = VideoStreamChunk.of(c);
    } catch (RrdVideoException e) {
      sink += e.offset();
    }
    if (v != null) {
      try {
        sink += v.codec() == null ? 0 : v.codec().ordinal();
      } catch (RrdVideoException e) {
        sink += e.offset();
      }
      for (int r = 0; r < v.rowCount(); r++) {
        sink += v.codecValue(r) + v.sampleCellLength(r) + v.sampleSize(r);
        sink += v.hasSample(r) ? 1 : 0;
        ByteBuffer b = v.sample(r);
        sink += b == null ? 0 : sum(b);
        Boolean k = v.keyframe(r);
        sink += k == null ? 0 : k ? 1 : 2;
        sink += Float.floatToIntBits(v.opacity(r)) + Float.floatToIntBits(v.drawOrder(r));
      }
    }
    AssetVideoChunk a = null;
    try {
      a = AssetVideoChunk.of(c);
    } catch (RrdVideoException e) {
      sink += e.offset();
    }
    if (a != null) {
      for (int r = 0; r < c.rowCount(); r++) {
        ByteBuffer b = a.blob(r);
        sink += b == null ? 0 : sum(b);
        sink += a.blobSize(r);
        String mt = a.mediaType(r);
        sink += mt == null ? 0 : mt.length();
      }
    }
    VideoFrameReferenceChunk f = null;
    try {
      f = VideoFrameReferenceChunk.of(c);
    } catch (RrdVideoException e) {
      sink += e.offset();
    }
    if (f != null) {
      for (int r = 0; r < c.rowCount(); r++) {
        if (f.hasTimestamp(r)) {
          sink += f.timestampNanos(r);
        }
        String ref = f.videoReference(r);
        sink += ref == null ? 0 : ref.length();
      }
    }
    return sink;
  }

  private static long sum(ByteBuffer b) {
    long s = 0;
    for (int i = b.position(); i < b.limit(); i++) {
      s += b.get(i);
    }
    return s;
  }
}
