package dev.rrdvideo.inspect;

import dev.rrdvideo.convert.bitstream.AccessUnitReader;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStream;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

  /** Samples at 30 fps from {@code units}, starting at frame {@code first}; no declared flags. */
  static List<S> at30fps(List<byte[]> units, int first) {
    List<S> out = new ArrayList<>();
    for (int i = first; i < units.size(); i++) {
      out.add(new S(Math.round(i * 1e9 / 30), units.get(i), null, null));
    }
    return out;
  }

  /** Writes the entities, one after another, into one recording. */
  static Path write(Path file, List<Entity> entities) throws IOException {
    try (RrdWriter w = RrdWriter.open(file, RrdWriteOptions.defaults())) {
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
