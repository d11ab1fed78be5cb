package dev.rrdvideo.bench;

import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.video.VideoStreamChunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read and write throughput of {@code .rrd} video recordings held in memory (64 MiB of samples), so
 * the numbers measure the library, not the disk. One operation = the whole recording; divide 64 MiB
 * by the time per operation for MiB/s.
 *
 * <pre>
 * mvn -B -Pbench -DskipTests package -pl bench -am
 * java -jar bench/target/benchmarks.jar RrdThroughput -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RrdThroughputBenchmark {
  /** Size of each sample in KiB. */
  @Param({"8", "64"})
  public int sampleKib;

  private byte[] recording;

  /** Writes the recording once. */
  @Setup
  public void setup() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(70 << 20);
    SyntheticVideo.write(bos, 64L << 20, sampleKib << 10, 30);
    recording = bos.toByteArray();
  }

  /** Reads every message, decodes every chunk and touches every sample. */
  @Benchmark
  public long readAndDecode() throws IOException {
    long bytes = 0;
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(recording))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        if (m instanceof ChunkMessage a) {
          try (Chunk c = a.decode()) {
            VideoStreamChunk v = VideoStreamChunk.of(c);
            if (v != null && v.hasSamples()) {
              for (int i = 0; i < c.rowCount(); i++) {
                bytes += v.sample(i).get(0) + v.sampleSize(i);
              }
            }
          }
        }
      }
    }
    return bytes;
  }

  /** Reads every message without decoding chunks (framing + protobuf only). */
  @Benchmark
  public long readTransportOnly() throws IOException {
    long n = 0;
    try (RrdReader r = RrdReader.open(new ByteArrayInputStream(recording))) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        n += m.offset();
      }
    }
    return n;
  }

  /** Writes the 64 MiB recording (chunk building, Arrow IPC, LZ4, footer) to a null stream. */
  @Benchmark
  public long write() throws IOException {
    return SyntheticVideo.write(OutputStream.nullOutputStream(), 64L << 20, sampleKib << 10, 30);
  }
}
