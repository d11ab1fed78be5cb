package dev.rrdvideo.bench.live;

import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.live.LiveClient;
import dev.rrdvideo.live.LiveServer;
import dev.rrdvideo.live.LiveServerOptions;
import dev.rrdvideo.live.ProxyUrl;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Latency from {@code VideoStreamWriter.addSample} to the sample's message arriving at a viewer: a
 * grpc-java {@code ReadMessages} reader on loopback (its own connection, same JVM, so one clock).
 * Each sample is written as a chunk at once ({@code addSample} then {@code flush}, as {@code demo
 * --serve} does); the sample's message is the (2 + i)-th the reader gets (store info, codec chunk,
 * then one per sample, in order). Samples are {@link H264Samples} (1080p30 sizes, keyframe every
 * 60).
 *
 * <p>Two paths: {@code sink}, the writer on {@link LiveServer#sink()} (a program serving its own
 * viewers, {@code demo --serve}); {@code client}, the writer on a {@link LiveClient} pushing to the
 * server over loopback gRPC (a program pushing to a proxy, {@code --connect}; two network hops).
 * Reported: {@code accept}, from before {@code addSample} to the return of {@code flush} (encoded,
 * handed to the server or queued for the socket), and {@code arrive}, to the reader's {@code
 * onMessage}; p50/p90/p99/max over all samples, the first 300 (warm-up) left out.
 *
 * <p>{@code LiveLatency [--samples 10300] [--fps 30|0 (as fast as possible)] [--path sink|client]}
 */
public final class LiveLatency {
  private LiveLatency() {}

  public static void main(String[] args) throws Exception {
    int samples = 10_300;
    double fps = 30;
    String path = "sink";
    int warmup = 300;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--samples" -> samples = Integer.parseInt(args[i + 1]);
        case "--fps" -> fps = Double.parseDouble(args[i + 1]);
        case "--path" -> path = args[i + 1];
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long[] sent = new long[samples];
    long[] accepted = new long[samples];
    long[] arrivals = new long[samples + 2];
    long wall0 = System.nanoTime();
    try (LiveServer server =
            LiveServer.start(LiveServerOptions.builder().port(0).log(l -> {}).build());
        ProxyReader reader = new ProxyReader(server.port(), samples + 3, arrivals, 0)) {
      while (server.stats().viewers() < 1) {
        Thread.sleep(5);
      }
      RrdMessageSink sink =
          path.equals("sink") ? server.sink() : LiveClient.connect(ProxyUrl.parse(server.url()));
      H264Samples gen = new H264Samples(60);
      gen.check();
      long t0;
      try (RrdWriter w = RrdWriter.open(sink, RrdWriteOptions.defaults())) {
        StoreId store = w.beginRecording("rrdvideo_bench", null);
        VideoStreamWriter v =
            VideoStreamWriter.builder(w, store, EntityPath.parse("/camera"))
                .codec(VideoCodec.H264)
                .timeline("time", TimeType.DURATION)
                .build();
        t0 = System.nanoTime();
        for (int i = 0; i < samples; i++) {
          if (fps > 0) {
            long due = t0 + Math.round(i * 1e9 / fps);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
          }
          byte[] b = gen.next();
          sent[i] = System.nanoTime();
          v.addSample(i * 33_333_333L, b, 0, gen.length(), gen.keyframe());
          v.flush();
          accepted[i] = System.nanoTime();
        }
        v.finish();
      }
      if (!reader.await(600_000)) {
        throw new IllegalStateException(
            "reader got " + reader.messages() + " of " + (samples + 3) + ": " + reader.status());
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      int n = samples - warmup;
      long[] acc = new long[n];
      long[] arr = new long[n];
      for (int i = warmup; i < samples; i++) {
        acc[i - warmup] = accepted[i] - sent[i];
        arr[i - warmup] = arrivals[i + 2] - sent[i];
      }
      System.out.printf(
          Locale.ROOT,
          "# path=%s fps=%s samples=%d (first %d left out) in %.1f s (%.0f samples/s),"
              + " %d cores, load %s%n",
          path,
          fps > 0 ? Double.toString(fps) : "max",
          samples,
          warmup,
          seconds,
          samples / seconds,
          Runtime.getRuntime().availableProcessors(),
          LiveThroughput.load());
      System.out.println("measure,p50_us,p90_us,p99_us,max_us");
      print("accept", acc);
      print("arrive", arr);
    }
    System.out.printf(Locale.ROOT, "# total %.1f s%n", (System.nanoTime() - wall0) / 1e9);
  }

  private static void print(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%s,%.0f,%.0f,%.0f,%.0f%n",
        what,
        pct(s, 50) / 1e3,
        pct(s, 90) / 1e3,
        pct(s, 99) / 1e3,
        s[s.length - 1] / 1e3);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
