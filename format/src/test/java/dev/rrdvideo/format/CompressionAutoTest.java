package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamReader;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Compression#AUTO}: a chunk LZ4 cannot shrink (encoded video, here random bytes) is stored
 * uncompressed, a chunk LZ4 shrinks is compressed, and either reads back the same samples.
 */
class CompressionAutoTest {
  @TempDir Path dir;

  private static final int SAMPLES = 90;
  private static final int SAMPLE_BYTES = 20_000;

  /** Incompressible samples (random bytes, like encoded video) or compressible ones (a ramp). */
  private static byte[] sample(int i, boolean random) {
    byte[] s = new byte[SAMPLE_BYTES];
    if (random) {
      new Random(i).nextBytes(s);
    } else {
      for (int k = 0; k < s.length; k++) {
        s[k] = (byte) (k / 64);
      }
    }
    s[0] = (byte) i;
    return s;
  }

  private Path write(String name, Compression compression, boolean random) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(f);
        RrdWriter w =
            RrdWriter.open(out, RrdWriteOptions.builder().compression(compression).build())) {
      StoreId store = w.beginRecording("compression_test", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/video"))
              .codec(VideoCodec.H264)
              .timeline("video", TimeType.DURATION)
              .build();
      for (int i = 0; i < SAMPLES; i++) {
        byte[] s = sample(i, random);
        v.addSample(i * 33_333_333L, s, 0, s.length, i % 30 == 0);
      }
      v.finish();
    }
    return f;
  }

  /** The compression of every chunk message whose payload is at least 64 KiB (sample chunks). */
  private static List<Compression> bigChunkCompressions(Path f) throws IOException {
    List<Compression> out = new ArrayList<>();
    try (RrdReader r = RrdReader.open(Files.newInputStream(f))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a && a.uncompressedSize() >= 64 * 1024) {
          out.add(a.compression());
        }
      }
    }
    return out;
  }

  private static List<byte[]> samples(Path f) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (RrdFile file = RrdFile.open(f);
        VideoStreamReader r = VideoStreamReader.open(file, EntityPath.parse("/video"), null)) {
      while (r.next()) {
        ByteBuffer b = r.sample();
        byte[] s = new byte[b.remaining()];
        b.get(s);
        out.add(s);
      }
    }
    return out;
  }

  @Test
  void videoThatLz4CannotShrinkIsStoredAndReadsBackTheSame() throws IOException {
    Path auto = write("auto.rrd", Compression.AUTO, true);
    Path lz4 = write("lz4.rrd", Compression.LZ4, true);

    assertThat(bigChunkCompressions(auto)).isNotEmpty().containsOnly(Compression.NONE);
    assertThat(bigChunkCompressions(lz4)).isNotEmpty().containsOnly(Compression.LZ4);
    // LZ4 makes random bytes larger; storing them makes the file smaller.
    assertThat(Files.size(auto)).isLessThan(Files.size(lz4));
    List<byte[]> read = samples(auto);
    assertThat(read).hasSize(SAMPLES);
    for (int i = 0; i < SAMPLES; i++) {
      assertThat(Arrays.equals(read.get(i), sample(i, true))).as("sample %d", i).isTrue();
    }
  }

  @Test
  void dataThatLz4ShrinksIsCompressed() throws IOException {
    Path auto = write("auto.rrd", Compression.AUTO, false);
    Path none = write("none.rrd", Compression.NONE, false);

    assertThat(bigChunkCompressions(auto)).isNotEmpty().containsOnly(Compression.LZ4);
    assertThat(bigChunkCompressions(none)).isNotEmpty().containsOnly(Compression.NONE);
    assertThat(Files.size(auto)).isLessThan(Files.size(none) / 4);
    List<byte[]> read = samples(auto);
    assertThat(read).hasSize(SAMPLES);
    for (int i = 0; i < SAMPLES; i++) {
      assertThat(Arrays.equals(read.get(i), sample(i, false))).as("sample %d", i).isTrue();
    }
  }
}
