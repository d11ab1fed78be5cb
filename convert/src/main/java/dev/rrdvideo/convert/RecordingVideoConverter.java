package dev.rrdvideo.convert;

import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkIndexEntry;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.AssetVideoChunk;
import dev.rrdvideo.format.video.io.AssetVideoWriter;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Switches the video entities of a recording between {@code AssetVideo} and {@code VideoStream},
 * copying every other chunk unchanged (payloads byte for byte).
 *
 * <p>{@link ConvertOptions.Mode#STREAM}: each {@code AssetVideo} entity's MP4 blob is demuxed and
 * written as a {@code VideoStream} at the same entity path (as {@link Mp4ToRecording} would), and
 * its {@code VideoFrameReference} chunks are dropped (they only work with assets). B-frame assets
 * are refused. {@link ConvertOptions.Mode#ASSET}: each {@code VideoStream} entity is muxed into an
 * MP4 ({@link RecordingToMp4}) stored as an {@code AssetVideo} blob with one {@code
 * VideoFrameReference} per sample on the samples' timeline; the sample chunks are dropped. The
 * converted entities are written after the copied chunks. An entity path option limits the
 * conversion to that entity.
 */
final class RecordingVideoConverter {
  private RecordingVideoConverter() {}

  /** Converts {@code rrd} into a new recording on {@code out} (not closed). */
  static List<ConvertedVideo> convert(Path rrd, OutputStream out, ConvertOptions o)
      throws IOException {
    List<ConvertedVideo> results = new ArrayList<>();
    try (RrdFile file = RrdFile.open(rrd, o.readOptions())) {
      EntityPath only = o.entity().orElse(null);
      Set<EntityPath> targets = new LinkedHashSet<>();
      for (ChunkIndexEntry e : file.chunks()) {
        if (only != null && !e.entityPath().equals(only)) {
          continue;
        }
        try (Chunk c = file.readChunk(e)) {
          boolean asset = AssetVideoChunk.of(c) != null;
          boolean stream = dev.rrdvideo.format.video.VideoStreamChunk.of(c) != null;
          if ((o.mode() == ConvertOptions.Mode.STREAM && asset)
              || (o.mode() == ConvertOptions.Mode.ASSET && stream)) {
            targets.add(e.entityPath());
          }
        }
      }
      if (targets.isEmpty()) {
        throw new UnsupportedFeatureException(
            "nothing to convert: no "
                + (o.mode() == ConvertOptions.Mode.STREAM ? "AssetVideo" : "VideoStream")
                + " entity"
                + (only != null ? " at " + only : ""),
            file.sourceName(),
            -1);
      }
      RrdWriter writer = RrdWriter.open(out, o.writeOptions());
      StoreId store = null;
      try (RrdReader reader = file.sequentialReader()) {
        for (RrdMessage m = reader.next(); m != null; m = reader.next()) {
          if (m instanceof StoreInfo s) {
            writer.writeStoreInfo(s);
            if (store == null && s.storeId().kind() == dev.rrdvideo.format.StoreKind.RECORDING) {
              store = s.storeId();
            }
          } else if (m instanceof BlueprintActivation b) {
            writer.writeBlueprintActivation(b);
          } else if (m instanceof ChunkMessage a) {
            boolean drop;
            try (Chunk c = a.decode()) {
              drop = targets.contains(c.entityPath()) && isVideoChunk(c, o.mode());
              if (store == null) {
                store = a.storeId();
              }
            }
            if (!drop) {
              writer.writeArrowMessage(a);
            }
          }
        }
      }
      if (store == null) {
        store = writer.beginRecording(o.applicationId(), o.recordingId().orElse(null));
      }
      for (EntityPath entity : targets) {
        ConvertOptions eo = o.toBuilder().entity(entity).build();
        if (o.mode() == ConvertOptions.Mode.STREAM) {
          results.add(assetToStream(file, entity, writer, store, eo));
        } else {
          results.add(streamToAsset(file, entity, writer, store, eo));
        }
      }
      writer.finish();
    }
    return results;
  }

  private static boolean isVideoChunk(Chunk c, ConvertOptions.Mode mode) throws IOException {
    if (mode == ConvertOptions.Mode.STREAM) {
      return AssetVideoChunk.of(c) != null
          || dev.rrdvideo.format.video.VideoFrameReferenceChunk.of(c) != null;
    }
    return dev.rrdvideo.format.video.VideoStreamChunk.of(c) != null;
  }

  private static ConvertedVideo assetToStream(
      RrdFile file, EntityPath entity, RrdWriter writer, StoreId store, ConvertOptions o)
      throws IOException {
    byte[] blob = null;
    for (ChunkIndexEntry e : file.chunks(entity)) {
      try (Chunk c = file.readChunk(e)) {
        AssetVideoChunk a = AssetVideoChunk.of(c);
        if (a != null && a.blobSize(0) >= 0) {
          ByteBuffer b = a.blob(0);
          blob = new byte[b.remaining()];
          b.get(blob);
        }
      }
    }
    if (blob == null) {
      throw new UnsupportedFeatureException(
          "entity " + entity + " has no AssetVideo blob", file.sourceName(), -1);
    }
    try (Mp4Demuxer d = Mp4Demuxer.open(blob, entity + " (AssetVideo blob)")) {
      Mp4Track track = Mp4ToRecording.selectTrack(d, o);
      if (track.sampleTable().hasReordering()) {
        // the MP4 import's advice (--mode asset, --transcode) does not fit a recording that
        // already holds an AssetVideo: say what does
        throw new UnsupportedFeatureException(
            "entity "
                + entity
                + " is an AssetVideo whose MP4 has B-frames (presentation order differs from"
                + " decode order), which a VideoStream cannot carry; keep it as an AssetVideo"
                + " (the viewer plays it), or export its MP4 (rrdvideo convert IN.rrd video.mp4"
                + " --entity "
                + entity
                + ") and convert that with --transcode to re-encode it without B-frames",
            file.sourceName(),
            -1);
      }
      return Mp4ToRecording.stream(d, track, writer, store, entity, o);
    }
  }

  private static ConvertedVideo streamToAsset(
      RrdFile file, EntityPath entity, RrdWriter writer, StoreId store, ConvertOptions o)
      throws IOException {
    try (VideoStreamReader r = VideoStreamReader.open(file, entity, null)) {
      VideoStreamTable samples = VideoStreamTable.read(r, o.fps());
      ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
      ConvertedVideo muxed = RecordingToMp4.mux(r, samples, mp4);
      // frame references on the samples' own timeline; VideoTimestamp relative to the first
      // sample, which is where the MP4's media time 0 is
      int n = samples.table().size();
      long[] times = new long[n];
      for (int i = 0; i < n; i++) {
        times[i] = samples.time(i);
      }
      byte[] bytes = mp4.toByteArray();
      AssetVideoWriter.builder(writer, store, entity)
          .blob(bytes, 0, bytes.length)
          .mediaType(AssetVideo.MEDIA_TYPE_MP4)
          .frameTimesNanos(times, n)
          .timeline(r.timeline(), r.timeType())
          .videoTimeZeroNanos(times[0])
          .write();
      return new ConvertedVideo(
          entity,
          muxed.codec(),
          n,
          muxed.keyframes(),
          muxed.firstTime(),
          muxed.lastTime(),
          muxed.warnings());
    }
  }
}
