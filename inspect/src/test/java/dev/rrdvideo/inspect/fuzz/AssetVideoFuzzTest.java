package dev.rrdvideo.inspect.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.Compression;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.CellType;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.ChunkBuilder;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.AssetVideo;
import dev.rrdvideo.format.video.VideoFrameReference;
import dev.rrdvideo.inspect.DiffOptions;
import dev.rrdvideo.inspect.VideoDiff;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the {@code AssetVideo} path: a recording whose blob and frame
 * references come from the input, scanned by every consumer ({@link FuzzHarness#scanEverything},
 * with the reference table and the reference invariants) and diffed against the blob read as an
 * MP4. The recording is written by {@link RrdWriter}, so the mutations reach the MP4 demuxer over
 * the Arrow buffer and the reference resolution instead of dying in the framing.
 *
 * <p>Input layout ({@link #recording}): byte 0 flags (bit 0 static blob, else temporal at {@code
 * video}=0 as Rerun 0.33 writes it; bit 1 media type {@code video/mp4}; bit 2 media type {@code
 * video/webm}; bit 3 LZ4; bit 4 the references on a second entity {@code /view}; bit 5 references
 * on a sequence timeline {@code frame}), byte 1 the number of references, then per reference 17
 * bytes (kind: 0 no {@code video_reference}, 1 {@code /camera}, 2 {@code camera}, 3 {@code
 * /elsewhere}, 4 a malformed path; the timestamp and the timeline value, little-endian), then the
 * blob.
 */
class AssetVideoFuzzTest {
  static final int REFERENCE_BYTES = 17;

  @FuzzTest(maxDuration = "45m", maxExecutions = 1_100_000)
  void assetRecording(byte[] data) throws IOException {
    FuzzHarness.contract(
        data,
        () -> {
          byte[] rrd = recording(data);
          Path file = FuzzHarness.file("asset.rrd", rrd);
          FuzzHarness.scanEverything(file);
          long rows = FuzzHarness.rows;
          int blobAt = blobOffset(data);
          Path mp4 = FuzzHarness.file("blob.mp4", Arrays.copyOfRange(data, blobAt, data.length));
          VideoDiff.Result r =
              VideoDiff.compare(
                  mp4, file, DiffOptions.builder().entityB(EntityPath.parse("/camera")).build());
          // the blob read in place and read as a file are the same video
          if (!r.equal() && (data[0] & 0x04) == 0) {
            throw new AssertionError("the AssetVideo differs from its own blob: " + r);
          }
          FuzzHarness.rows = rows + r.samplesA() + r.samplesB();
        });
  }

  static int blobOffset(byte[] data) {
    if (data.length < 2) {
      return data.length;
    }
    return Math.min(data.length, 2 + (data[1] & 0xFF) * REFERENCE_BYTES);
  }

  /** The recording an input describes (see the class comment). */
  static byte[] recording(byte[] data) throws IOException {
    int flags = data.length > 0 ? data[0] & 0xFF : 0;
    int blobAt = blobOffset(data);
    int refs = Math.max(0, (blobAt - 2) / REFERENCE_BYTES);
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RrdWriteOptions options =
        RrdWriteOptions.builder()
            .compression((flags & 0x08) != 0 ? Compression.LZ4 : Compression.NONE)
            .build();
    try (RrdWriter w = RrdWriter.open(out, options)) {
      StoreId store = w.beginRecording("rrdvideo_fuzz", null);
      EntityPath camera = EntityPath.parse("/camera");
      boolean isStatic = (flags & 0x01) != 0;
      String mediaType =
          (flags & 0x04) != 0
              ? "video/webm"
              : (flags & 0x02) != 0 ? AssetVideo.MEDIA_TYPE_MP4 : null;
      ChunkBuilder.Layout a = ChunkBuilder.forEntity(camera, w.ids());
      if (!isStatic) {
        a.timeline("video", TimeType.DURATION);
      }
      a.component(AssetVideo.BLOB, CellType.BYTES);
      if (mediaType != null) {
        a.component(AssetVideo.MEDIA_TYPE, CellType.UTF8);
      }
      ChunkBuilder asset = a.create();
      asset.addRow();
      if (!isStatic) {
        asset.setTime(0, 0);
      }
      asset.setBytes(0, data, blobAt, data.length - blobAt);
      if (mediaType != null) {
        asset.setUtf8(1, mediaType);
      }
      try (Chunk c = asset.build()) {
        w.writeChunk(store, c);
      }
      if (refs > 0) {
        boolean sequence = (flags & 0x20) != 0;
        ChunkBuilder b =
            ChunkBuilder.forEntity(
                    (flags & 0x10) != 0 ? EntityPath.parse("/view") : camera, w.ids())
                .timeline(
                    sequence ? "frame" : "video", sequence ? TimeType.SEQUENCE : TimeType.DURATION)
                .component(VideoFrameReference.TIMESTAMP, CellType.INT64)
                .component(VideoFrameReference.VIDEO_REFERENCE, CellType.UTF8)
                .create();
        for (int i = 0; i < refs; i++) {
          int at = 2 + i * REFERENCE_BYTES;
          int kind = (data[at] & 0xFF) % 5;
          b.addRow();
          b.setInt64(0, in.getLong(at + 1));
          // Long.MIN_VALUE marks static data: a writer cannot put it on a timeline
          b.setTime(0, Math.max(Long.MIN_VALUE + 1, in.getLong(at + 9)));
          switch (kind) {
            case 1 -> b.setUtf8(1, "/camera");
            case 2 -> b.setUtf8(1, "camera");
            case 3 -> b.setUtf8(1, "/elsewhere");
            case 4 -> b.setUtf8(1, "/bad\\");
            default -> {}
          }
        }
        try (Chunk c = b.build()) {
          w.writeChunk(store, c);
        }
      }
    }
    return out.toByteArray();
  }

  /**
   * Writes the seeds into the directory named by the system property {@code
   * rrdvideo.fuzz.writeSeeds} (unset in {@code mvn test}: nothing happens): the cut-down MP4 seeds
   * of {@link SampleScannerFuzzTest#mp4} as blobs, each with a reference at every frame (the
   * viewer's presentation times, in ns; every third without {@code video_reference}, the others
   * naming {@code /camera} or {@code camera}) and one between two frames, under various flags.
   */
  @Test
  void writeSeeds() throws IOException {
    String dir = System.getProperty("rrdvideo.fuzz.writeSeeds");
    if (dir == null) {
      return;
    }
    String[] mp4s = {
      "seed-h264-bframes-5.mp4",
      "seed-h265-bframes-5.mp4",
      "seed-h264-fragmented-3.mp4",
      "seed-h264-edit-delay-3.mp4",
      "seed-av1-3.mp4",
      "seed-vp9-3.mp4",
      "seed-h264-edit-delay-3.mp4"
    };
    // Rerun's layout; static with media type; on /view with LZ4; sequence timeline; media type;
    // LZ4; and one with a media type the viewer does not play
    int[] flags = {0x00, 0x03, 0x1A, 0x21, 0x02, 0x08, 0x06};
    for (int f = 0; f < mp4s.length; f++) {
      String name = mp4s[f];
      byte[] blob;
      try (InputStream is =
          AssetVideoFuzzTest.class.getResourceAsStream("SampleScannerFuzzTestInputs/mp4/" + name)) {
        blob = is.readAllBytes();
      }
      long[] nanos;
      try (Mp4Demuxer d = Mp4Demuxer.open(blob, name)) {
        SampleTable t = d.videoTrack().sampleTable();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < t.size(); i++) {
          min = Math.min(min, t.ptsTicks(i));
        }
        nanos = new long[t.size()];
        for (int i = 0; i < t.size(); i++) {
          nanos[i] = t.timescale().toNanos(t.ptsTicks(i) - min);
        }
        Arrays.sort(nanos);
      }
      int n = nanos.length + 1;
      ByteBuffer b =
          ByteBuffer.allocate(2 + n * REFERENCE_BYTES + blob.length).order(ByteOrder.LITTLE_ENDIAN);
      b.put((byte) flags[f]).put((byte) n);
      for (int i = 0; i < nanos.length; i++) {
        b.put((byte) (i % 3)).putLong(nanos[i]).putLong(nanos[i]);
      }
      long between = nanos.length > 1 ? (nanos[0] + nanos[1]) / 2 : 1;
      b.put((byte) 1).putLong(between).putLong(between);
      b.put(blob);
      String seed = name.replace("seed-", "").replace(".mp4", "") + "-flags-" + flags[f];
      Path out = Path.of(dir).resolve("seed-" + seed + ".bin");
      Files.createDirectories(out.getParent());
      Files.write(out, b.array());
    }
  }
}
