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
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One writer to N viewers over loopback: messages/s and MB/s through our server.
 *
 * <p>The messages (a recording of {@code --messages} samples of {@code --sample-kb} KiB, one chunk
 * per sample, a keyframe every 60) are encoded beforehand, so that only the proxy is measured:
 * {@code client} pushes them with {@link LiveClient} (gRPC over HTTP/2, as Rerun's SDKs do), {@code
 * sink} hands them to the server in-process ({@link LiveServer#sink()}). N grpc-java readers, each
 * on its own connection, are connected before the first message; the time runs from the first
 * message sent to the last one received by the last reader. Server, writer and readers share one
 * JVM (and the machine's cores).
 *
 * <p>{@code LiveThroughput [--readers 1,20] [--messages 3000] [--sample-kb 30] [--writer
 * client|sink] [--runs 3]}
 */
public final class LiveThroughput {
  private LiveThroughput() {}

  /** An encoded message. */
  record Msg(int kind, byte[] bytes) {}

  public static void main(String[] args) throws Exception {
    int[] readers = {1, 20};
    int messages = 3000;
    int sampleKb = 30;
    String writer = "client";
    int runs = 3;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--readers" ->
            readers = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--messages" -> messages = Integer.parseInt(args[i + 1]);
        case "--sample-kb" -> sampleKb = Integer.parseInt(args[i + 1]);
        case "--writer" -> writer = args[i + 1];
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Msg> msgs = encode(messages, sampleKb << 10);
    long payload = msgs.stream().mapToLong(m -> m.bytes().length).sum();
    System.out.printf(
        Locale.ROOT,
        "# %d messages, %.1f MB of payload (%d samples of %d KiB), writer=%s, %d cores, load %s%n",
        msgs.size(),
        payload / 1e6,
        messages,
        sampleKb,
        writer,
        Runtime.getRuntime().availableProcessors(),
        load());
    System.out.println("readers,run,seconds,msgs_per_s,MB_per_s_per_reader,MB_per_s_total");
    // a warm-up run, not reported
    run(msgs, 1, writer);
    for (int n : readers) {
      for (int r = 1; r <= runs; r++) {
        double s = run(msgs, n, writer);
        System.out.printf(
            Locale.ROOT,
            "%d,%d,%.3f,%.0f,%.1f,%.1f%n",
            n,
            r,
            s,
            msgs.size() / s,
            payload / 1e6 / s,
            n * payload / 1e6 / s);
      }
    }
  }

  static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Returns the seconds from the first message sent to the last one received by all readers. */
  static double run(List<Msg> msgs, int readers, String writer) throws Exception {
    try (LiveServer server =
        LiveServer.start(LiveServerOptions.builder().port(0).log(l -> {}).build())) {
      List<ProxyReader> rs = new ArrayList<>();
      try {
        for (int i = 0; i < readers; i++) {
          rs.add(new ProxyReader(server.port(), msgs.size(), null, 0));
        }
        long end = System.nanoTime() + 30_000_000_000L;
        while (server.stats().viewers() < readers) {
          if (System.nanoTime() > end) {
            throw new IllegalStateException("readers did not connect");
          }
          Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        try (RrdMessageSink sink =
            writer.equals("sink")
                ? server.sink()
                : LiveClient.connect(ProxyUrl.parse(server.url()))) {
          for (Msg m : msgs) {
            sink.message(m.kind(), m.bytes(), 0, m.bytes().length);
          }
        }
        long last = 0;
        for (ProxyReader r : rs) {
          if (!r.await(600_000)) {
            throw new IllegalStateException(
                "a reader got " + r.messages() + " of " + msgs.size() + ": " + r.status());
          }
          last = Math.max(last, r.lastArrivalNanos());
        }
        return (last - t0) / 1e9;
      } finally {
        for (ProxyReader r : rs) {
          r.close();
        }
      }
    }
  }

  /** A recording of {@code samples} samples of {@code size} bytes, one chunk per sample. */
  static List<Msg> encode(int samples, int size) throws IOException {
    List<Msg> out = new ArrayList<>();
    RrdMessageSink collect =
        (kind, buf, off, len) -> out.add(new Msg(kind, Arrays.copyOfRange(buf, off, off + len)));
    java.util.Random r = new java.util.Random(42);
    byte[] key = H264Samples.unit(true, size, r);
    byte[] p = H264Samples.unit(false, size, r);
    try (RrdWriter w = RrdWriter.open(collect, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("rrdvideo_bench", null);
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/camera"))
              .codec(VideoCodec.H264)
              .timeline("time", TimeType.DURATION)
              .build();
      for (int i = 0; i < samples; i++) {
        boolean k = i % 60 == 0;
        v.addSample(i * 33_333_333L, k ? key : p, 0, size, k);
        v.flush();
      }
      v.finish();
    }
    return out;
  }
}
