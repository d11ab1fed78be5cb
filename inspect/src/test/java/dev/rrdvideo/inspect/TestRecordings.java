package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.testing.Recordings;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.media.bitstream.IvfReader;
import dev.rrdvideo.media.framing.NalFraming;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.HevcConfig;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Writes small {@code VideoStream} recordings from real encoded samples, for tests. */
final class TestRecordings {
  private TestRecordings() {}

  /** A sample: time on the {@code video} duration timeline, bytes, declared flag, own codec. */
  record S(long timeNanos, byte[] bytes, Boolean declaredKey, VideoCodec codec) {}

  /**
   * One entity: a static codec chunk (unless null: then every sample names its own codec), then one
   * chunk per list of samples, in the given order.
   */
  record Entity(String path, VideoCodec staticCodec, List<List<S>> chunks) {}

  /** The access units of a raw stream fixture, each a copy. */
  static List<byte[]> units(String fixture, VideoCodec codec) throws IOException {
    AccessUnitReader r =
        AccessUnitReader.open(new ByteArrayInputStream(TestData.bytes(fixture)), codec, fixture);
    List<byte[]> out = new ArrayList<>();
    while (r.next()) {
      out.add(Arrays.copyOf(r.unit(), r.unitSize()));
    }
    return out;
  }

  /** The frames of an IVF fixture, each a copy. */
  static List<byte[]> ivfFrames(String fixture) throws IOException {
    IvfReader r = IvfReader.open(new ByteArrayInputStream(TestData.bytes(fixture)), fixture);
    List<byte[]> out = new ArrayList<>();
    while (r.next()) {
      out.add(Arrays.copyOf(r.frame(), r.frameSize()));
    }
    return out;
  }

  /** Samples at 30 fps from {@code units}, starting at frame {@code first}; no declared flags. */
  static List<S> at30fps(List<byte[]> units, int first) {
    List<S> out = new ArrayList<>();
    for (int i = first; i < units.size(); i++) {
      out.add(new S(Math.round(i * 1e9 / 30), units.get(i), null, null));
    }
    return out;
  }

  /**
   * Writes the video track of an H.264/H.265 MP4 without B-frames as a {@code VideoStream}
   * recording the way a converter does (without using one: inspect does not depend on convert):
   * samples rewritten to Annex B with the parameter sets before each keyframe ({@link NalFraming}),
   * presentation times in ns, the MP4's keyframe flags, one entity {@code /video}.
   */
  static Path fromMp4(Path mp4, Path rrd) throws IOException {
    List<S> samples = new ArrayList<>();
    VideoCodec codec;
    try (Mp4Demuxer d = Mp4Demuxer.open(mp4)) {
      Mp4Track track = d.videoTrack();
      SampleTable t = track.sampleTable();
      codec = track.codec();
      if (!(track.decoderConfig() instanceof AvcConfig)
          && !(track.decoderConfig() instanceof HevcConfig)) {
        throw new IllegalArgumentException("not an H.264/H.265 MP4: " + mp4);
      }
      NalFraming nal = NalFraming.forConfig(track.decoderConfig(), mp4.toString());
      byte[] buf = new byte[track.maxSampleSizeBytes()];
      for (int i = 0; i < t.size(); i++) {
        int len = track.readSample(i, buf);
        nal.convert(buf, 0, len, t.isKeyframe(i), i, t.offsetBytes(i));
        samples.add(
            new S(t.ptsNanos(i), Arrays.copyOf(nal.buffer(), nal.size()), t.isKeyframe(i), null));
      }
    }
    return write(rrd, List.of(new Entity("/video", codec, List.of(samples))));
  }

  /**
   * Writes an MP4 whole as an {@code AssetVideo} entity with one frame reference per sample on the
   * {@code video} duration timeline (presentation times sorted, the first at 0), as a converter's
   * asset mode does.
   */
  static Path assetFromMp4(Path mp4, String entity, Path rrd) throws IOException {
    long[] nanos;
    try (Mp4Demuxer d = Mp4Demuxer.open(mp4)) {
      SampleTable t = d.videoTrack().sampleTable();
      long[] pts = new long[t.size()];
      for (int i = 0; i < pts.length; i++) {
        pts[i] = t.ptsTicks(i);
      }
      Arrays.sort(pts);
      nanos = new long[pts.length];
      for (int i = 0; i < pts.length; i++) {
        nanos[i] = t.timescale().toNanos(pts[i] - pts[0]);
      }
    }
    return Files.write(rrd, Recordings.assetVideo(entity, Files.readAllBytes(mp4), nanos));
  }

  /** Samples at {@code fps} from {@code units} (time i / fps s, rounded to ns); no flags. */
  static List<S> atFps(List<byte[]> units, double fps) {
    List<S> out = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      out.add(new S(Math.round(i * 1e9 / fps), units.get(i), null, null));
    }
    return out;
  }

  /** Writes the entities, one after another, into one recording. */
  static Path write(Path file, List<Entity> entities) throws IOException {
    return write(file, entities, RrdWriteOptions.defaults());
  }

  /** Writes the entities, one after another, into one recording, with {@code options}. */
  static Path write(Path file, List<Entity> entities, RrdWriteOptions options) throws IOException {
    try (RrdWriter w = RrdWriter.open(file, options)) {
      StoreId store = w.beginRecording("rrdvideo_test", null);
      for (Entity entity : entities) {
        EntityPath e = EntityPath.parse(entity.path());
        if (entity.staticCodec() != null) {
          ChunkBuilder b =
              ChunkBuilder.forEntity(e, w.ids())
                  .component(VideoStream.CODEC, CellType.UINT32)
                  .create();
          b.addRow();
          b.setUInt32(0, entity.staticCodec().wireValue());
          try (Chunk c = b.build()) {
            w.writeChunk(store, c);
          }
        }
        for (List<S> samples : entity.chunks()) {
          ChunkBuilder b =
              ChunkBuilder.forEntity(e, w.ids())
                  .timeline("video", TimeType.DURATION)
                  .component(VideoStream.SAMPLE, CellType.BYTES)
                  .component(VideoStream.IS_KEYFRAME, CellType.BOOL)
                  .component(VideoStream.CODEC, CellType.UINT32)
                  .create();
          for (S s : samples) {
            b.addRow();
            b.setTime(0, s.timeNanos());
            b.setBytes(0, s.bytes(), 0, s.bytes().length);
            if (s.declaredKey() != null) {
              b.setBool(1, s.declaredKey());
            }
            if (s.codec() != null) {
              b.setUInt32(2, s.codec().wireValue());
            }
          }
          try (Chunk c = b.build()) {
            w.writeChunk(store, c);
          }
        }
      }
    }
    return file;
  }
}
