package dev.rrdvideo.bench;

import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

/**
 * Writes a synthetic {@code VideoStream} recording of a given size: samples of incompressible
 * random bytes (like real compressed video), a keyframe every {@code gop} samples, 30 fps.
 */
public final class SyntheticVideo {
  private SyntheticVideo() {}

  /** Writes about {@code totalBytes} of samples of {@code sampleBytes} each to {@code out}. */
  public static long write(OutputStream out, long totalBytes, int sampleBytes, int gop)
      throws IOException {
    Random rnd = new Random(42);
    byte[][] pool = new byte[16][sampleBytes];
    for (byte[] p : pool) {
      rnd.nextBytes(p);
    }
    long samples = Math.max(1, totalBytes / sampleBytes);
    try (RrdWriter w = RrdWriter.open(out, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_bench", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/bench/video"))
              .codec(VideoCodec.H264)
              .timeline("video", TimeType.DURATION)
              .build();
      for (long i = 0; i < samples; i++) {
        byte[] s = pool[(int) (i % pool.length)];
        v.addSample(i * 33_333_333L, s, 0, s.length, i % gop == 0);
      }
      v.finish();
    }
    return samples;
  }

  /**
   * Command line: {@code SyntheticVideo OUT.rrd SIZE_MB [SAMPLE_KB] [GOP]}, used by the end-to-end
   * scripts to make large inputs.
   */
  public static void main(String[] args) throws IOException {
    long mb = Long.parseLong(args[1]);
    int kb = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int gop = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    try (OutputStream out =
        new java.io.BufferedOutputStream(
            java.nio.file.Files.newOutputStream(java.nio.file.Path.of(args[0])), 1 << 20)) {
      long n = write(out, mb << 20, kb << 10, gop);
      System.out.println("wrote " + n + " samples to " + args[0]);
    }
  }
}
