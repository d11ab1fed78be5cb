package dev.rrdvideo.inspect;

import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.VideoFrameReference;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Scans a recording in parts, each on its own (in parallel, on other machines), with the same rows
 * as {@link SampleScanner} gives for the whole file.
 *
 * <p>A scan of a recording goes through its {@code VideoStream} entities one after another, each in
 * decode order (the order of its sample chunks in the file), then through its {@code AssetVideo}
 * entities. A {@linkplain Part part} is a run of consecutive sample chunks of one entity; the asset
 * entities are one more part ({@link #scanAssets}). The rows of the parts, in that order, are the
 * rows of the whole scan, provided each part is scanned from the {@link StreamContext} the parts
 * before it in its entity leave behind: scan every part once from {@code null} (which gives its own
 * context), compose them with {@link StreamContext#then}, and scan each part again from the context
 * before it. Only {@code sample_index}, {@code gop_index}, {@code width}, {@code height} and {@code
 * frame_type} need that context; a part scanned from {@code null} has them absent and every other
 * value exact (a row's {@code duration_ns} needs the first sample after the part, which the scan
 * reads).
 *
 * <p>Parts are planned from the file's index alone ({@link #streams}): nothing is decoded, so a
 * planner needs only the end of the file (the footer).
 */
public final class RecordingParts {
  private RecordingParts() {}

  /**
   * A {@code VideoStream} entity of a recording with its sample chunks, as the file's index lists
   * them.
   *
   * @param entity the entity
   * @param sampleChunks its chunks with {@code VideoStream:sample} data, in file order
   */
  public record Stream(EntityPath entity, List<ChunkIndexEntry> sampleChunks) {
    /** Copies the list. */
    public Stream {
      sampleChunks = List.copyOf(sampleChunks);
    }
  }

  /**
   * A run of consecutive sample chunks of one {@code VideoStream} entity: those whose {@link
   * ChunkIndexEntry#byteOffset()} is in {@code [fromByte, toByte)}.
   *
   * @param entity the entity
   * @param fromByte the offset of the part's first chunk
   * @param toByte the offset of the chunk after the part's last one ({@code Long.MAX_VALUE}: to the
   *     end)
   */
  public record Part(EntityPath entity, long fromByte, long toByte) {
    /** Checks the values. */
    public Part {
      Objects.requireNonNull(entity, "entity is null");
      if (fromByte > toByte) {
        throw new IllegalArgumentException("fromByte " + fromByte + " > toByte " + toByte);
      }
    }
  }

  /**
   * Returns the {@code VideoStream} entities of a recording, in the order scans go through them,
   * with their sample chunks, from the file's index alone; empty when the index does not list the
   * components of every chunk (a file without footer, or an older footer): the entities could not
   * be told without decoding chunks.
   */
  public static Optional<List<Stream>> streams(RrdFile file) throws IOException {
    if (!described(file)) {
      return Optional.empty();
    }
    String sample = VideoStream.SAMPLE.component();
    List<Stream> out = new ArrayList<>();
    for (EntityPath entity : VideoStreamReader.videoStreamEntities(file)) {
      List<ChunkIndexEntry> chunks = new ArrayList<>();
      for (ChunkIndexEntry e : file.chunks(entity)) {
        if (e.components().contains(sample)) {
          chunks.add(e);
        }
      }
      out.add(new Stream(entity, chunks));
    }
    return Optional.of(out);
  }

  private static boolean described(RrdFile file) {
    for (ChunkIndexEntry e : file.chunks()) {
      if (e.components().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the chunks of a recording that {@link #scanAssets} reads ({@code AssetVideo} blobs and
   * {@code VideoFrameReference} data), from its index; empty when there are none (the asset part
   * then has no rows). Assumes {@link #streams} was not empty.
   */
  public static List<ChunkIndexEntry> assetChunks(RrdFile file) {
    Set<String> wanted =
        Set.of(
            AssetVideo.BLOB.component(),
            VideoFrameReference.TIMESTAMP.component(),
            VideoFrameReference.VIDEO_REFERENCE.component());
    List<ChunkIndexEntry> out = new ArrayList<>();
    for (ChunkIndexEntry e : file.chunks()) {
      for (String c : e.components()) {
        if (wanted.contains(c)) {
          out.add(e);
          break;
        }
      }
    }
    return out;
  }

  /**
   * Returns the chunks of a recording that {@link #scan} reads for {@code part}, from its index:
   * the entity's chunks other than sample chunks and those that hold its codec (to find the codec
   * and the keyframe markers), its first sample chunk, the part's chunks and the sample chunk after
   * them. For copying only what a part needs from a remote file. Assumes {@link #streams} was not
   * empty.
   */
  public static List<ChunkIndexEntry> chunksRead(RrdFile file, Part part) {
    String sample = VideoStream.SAMPLE.component();
    String codec = VideoStream.CODEC.component();
    List<ChunkIndexEntry> out = new ArrayList<>();
    boolean first = true;
    boolean next = false;
    for (ChunkIndexEntry e : file.chunks(part.entity())) {
      boolean take = !e.components().contains(sample) || e.components().contains(codec);
      if (e.components().contains(sample)) {
        take |= first || (e.byteOffset() >= part.fromByte() && e.byteOffset() < part.toByte());
        if (!next && e.byteOffset() >= part.toByte()) {
          take = true;
          next = true;
        }
        first = false;
      }
      if (take) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Scans one part of a recording: the samples of its chunks, in decode order, and the first sample
   * after them (for the last row's duration, not as a row). Calls {@link
   * SampleListener#endOfStream} when the part ends its entity. The options' entity is ignored (the
   * part names its own); their time ranges apply ({@link ScanOptions#ptsRange()}).
   *
   * @param file the recording
   * @param part the part
   * @param before what the samples before the part left behind (from the scans of the parts before
   *     it, composed with {@link StreamContext#then}; {@link StreamContext#START} for the first),
   *     or null: {@code sample_index}, {@code gop_index}, {@code width}, {@code height} and {@code
   *     frame_type} are then absent
   * @param listener receives the rows
   * @return the context after the part: {@code before} followed by the part's own, or the part's
   *     own when {@code before} is null
   * @throws dev.rrdvideo.format.error.UnsupportedFeatureException if the entity has no {@code
   *     VideoStream} samples, or {@code before} is not {@linkplain StreamContext#resumable()
   *     resumable}
   * @throws dev.rrdvideo.format.error.RrdVideoException for a malformed recording
   */
  public static StreamContext scan(
      Path file, ScanOptions options, Part part, StreamContext before, SampleListener listener)
      throws IOException {
    try (RrdFile rrd = RrdFile.open(file, options.readOptions())) {
      if (before != null && !before.resumable()) {
        throw new dev.rrdvideo.format.error.UnsupportedFeatureException(
            "cannot continue entity " + part.entity() + " from a context that is not resumable",
            rrd.sourceName(),
            -1);
      }
      RecordingScanner scanner =
          new RecordingScanner(rrd, options, RangeFilter.of(options, listener));
      try (VideoStreamReader r =
          VideoStreamReader.open(
              rrd, part.entity(), options.timelineOrNull(), false, scanner.sampleData())) {
        List<ChunkIndexEntry> chunks = r.sampleChunks();
        int from = 0;
        while (from < chunks.size() && chunks.get(from).byteOffset() < part.fromByte()) {
          from++;
        }
        int to = from;
        while (to < chunks.size() && chunks.get(to).byteOffset() < part.toByte()) {
          to++;
        }
        return scanner.scanEntity(r, from, to, before, true);
      }
    }
  }

  /**
   * Scans the {@code AssetVideo} entities of a recording (the option's entity only, when set), as
   * {@link SampleScanner} does after the {@code VideoStream} ones.
   *
   * @return the number of {@code AssetVideo} streams scanned
   * @throws dev.rrdvideo.format.error.RrdVideoException for a malformed recording
   */
  public static int scanAssets(Path file, ScanOptions options, SampleListener listener)
      throws IOException {
    try (RrdFile rrd = RrdFile.open(file, options.readOptions())) {
      return new AssetVideoScanner(rrd, options, RangeFilter.of(options, listener))
          .scan(options.entityOrNull());
    }
  }
}
