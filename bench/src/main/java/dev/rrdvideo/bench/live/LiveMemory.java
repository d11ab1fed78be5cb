package dev.rrdvideo.bench.live;

import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdMessage;
import dev.rrdvideo.format.RrdMessageDecoder;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.VideoStreamChunk;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.live.LiveServer;
import dev.rrdvideo.live.LiveServerOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Memory of a server with a bounded history under a long stream: an hour of 1080p30 video ({@link
 * H264Samples}: 108,000 samples, keyframe every 60, about 3.5 GB) written into {@link
 * LiveServer#sink()} one chunk per sample, as fast as possible or at 30 fps wall-clock pace, with
 * one viewer (a grpc-java reader on loopback) attached throughout. Every {@code --every-ms} a line:
 * heap in use, heap after the last collection (the sum over heap pools of their usage after their
 * last GC), the process's resident set (VmRSS), the history's size and what it dropped. At the end
 * a late viewer connects: it must get the store info, the codec chunk, and then samples starting on
 * a keyframe (the history dropped whole GOPs).
 *
 * <p>Heap columns: in use at the moment; the largest in use right after a major collection the JVM
 * made by itself since the previous line (GC notifications; empty: none); and every {@code
 * --full-gc-every}-th line (10) the heap in use after a forced full collection ({@code
 * System.gc()}). The last two are the live data (history, log, buffers), garbage excluded.
 *
 * <p>{@code LiveMemory [--samples 108000] [--fps 0|30] [--history-mib 64] [--every-ms 1000]}; run
 * with a modest {@code -Xmx} (bench/live-bench.sh: 256m).
 */
public final class LiveMemory {
  private LiveMemory() {}

  public static void main(String[] args) throws Exception {
    int samples = 108_000;
    double fps = 0;
    long historyMib = 64;
    long everyMs = 1000;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--samples" -> samples = Integer.parseInt(args[i + 1]);
        case "--fps" -> fps = Double.parseDouble(args[i + 1]);
        case "--history-mib" -> historyMib = Long.parseLong(args[i + 1]);
        case "--every-ms" -> everyMs = Long.parseLong(args[i + 1]);
        case "--full-gc-every" -> fullGcEvery = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "# %d samples, fps=%s, history limit %d MiB, max heap %d MiB, %s, %d cores, load %s%n",
        samples,
        fps > 0 ? Double.toString(fps) : "max",
        historyMib,
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(b -> b.getName())
            .reduce((a, b) -> a + "/" + b)
            .orElse("?"),
        Runtime.getRuntime().availableProcessors(),
        LiveThroughput.load());
    System.out.println(
        "t_s,samples,sent_MB,heap_used_MiB,after_major_gc_MiB,forced_full_gc_MiB,rss_MiB,"
            + "history_MiB,history_msgs,dropped_msgs,viewer_msgs");
    watchCollections();
    try (LiveServer server =
            LiveServer.start(
                LiveServerOptions.builder()
                    .port(0)
                    .historyLimitBytes(historyMib << 20)
                    .log(l -> System.out.println("# server: " + l))
                    .build());
        ProxyReader viewer = new ProxyReader(server.port(), Long.MAX_VALUE, null, 0)) {
      while (server.stats().viewers() < 1) {
        Thread.sleep(5);
      }
      long[] produced = new long[2]; // samples, bytes
      long t0 = System.nanoTime();
      long interval = everyMs;
      Thread sampler =
          new Thread(
              () -> {
                try {
                  while (!Thread.currentThread().isInterrupted()) {
                    line(t0, produced, server, viewer);
                    Thread.sleep(1); // so an interrupt that came during line() is seen
                    TimeUnit.MILLISECONDS.sleep(Math.max(0, interval - 1));
                  }
                } catch (InterruptedException e) {
                  // done
                }
              },
              "sampler");
      sampler.setDaemon(true);
      sampler.start();
      H264Samples gen = new H264Samples(60);
      gen.check();
      try (RrdWriter w = RrdWriter.open(server.sink(), RrdWriteOptions.defaults())) {
        StoreId store = w.beginRecording("rrdvideo_bench", null);
        VideoStreamWriter v =
            VideoStreamWriter.builder(w, store, EntityPath.parse("/camera"))
                .codec(VideoCodec.H264)
                .timeline("time", TimeType.DURATION)
                .build();
        for (int i = 0; i < samples; i++) {
          if (fps > 0) {
            long wait = t0 + Math.round(i * 1e9 / fps) - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
          }
          byte[] b = gen.next();
          v.addSample(i * 33_333_333L, b, 0, gen.length(), gen.keyframe());
          v.flush();
          synchronized (produced) {
            produced[0] = i + 1;
            produced[1] += gen.length();
          }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "# produced %d samples, %.0f MB in %.1f s (%.0f samples/s, %.0f MB/s)%n",
            samples,
            produced[1] / 1e6,
            seconds,
            samples / seconds,
            produced[1] / 1e6 / seconds);
        lateViewer(server);
        v.finish();
      }
      sampler.interrupt();
      sampler.join();
      line(t0, produced, server, viewer);
      System.out.printf(
          Locale.ROOT,
          "# viewer attached throughout: %d messages, status %s%n",
          viewer.messages(),
          viewer.status() == null ? "still open" : viewer.status());
    }
  }

  private static int lines;

  /** Every {@code fullGcEvery}-th line also forces a full collection to see the live heap. */
  private static int fullGcEvery = 10;

  private static void line(long t0, long[] produced, LiveServer server, ProxyReader viewer) {
    long n;
    long bytes;
    synchronized (produced) {
      n = produced[0];
      bytes = produced[1];
    }
    LiveServer.Stats s = server.stats();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long afterGc = maxAfterMajorGcSinceLast();
    long live = lines++ % fullGcEvery == 0 ? liveHeap() : -1;
    System.out.printf(
        Locale.ROOT,
        "%.1f,%d,%.0f,%.1f,%s,%s,%.1f,%.1f,%d,%d,%d%n",
        (System.nanoTime() - t0) / 1e9,
        n,
        bytes / 1e6,
        heap.getUsed() / 1048576.0,
        afterGc < 0 ? "" : String.format(Locale.ROOT, "%.1f", afterGc / 1048576.0),
        live < 0 ? "" : String.format(Locale.ROOT, "%.1f", live / 1048576.0),
        rssKib() / 1024.0,
        s.historyBytes() / 1048576.0,
        s.historyMessages(),
        s.droppedMessages(),
        viewer.messages());
  }

  /**
   * The largest heap in use right after a major (full) collection since the last call (-1: none
   * since). After a minor collection the old generation still holds whatever was promoted and has
   * died since (here: history entries dropped after they were tenured), so only a major one tells
   * the live data.
   */
  static long maxAfterMajorGcSinceLast() {
    return MAX_AFTER_MAJOR_GC.getAndSet(-1);
  }

  private static final java.util.concurrent.atomic.AtomicLong MAX_AFTER_MAJOR_GC =
      new java.util.concurrent.atomic.AtomicLong(-1);

  /** Notes the heap in use after every collection (any collector, young or full). */
  static void watchCollections() {
    for (java.lang.management.GarbageCollectorMXBean gc :
        ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (!n.getType()
                    .equals(
                        com.sun.management.GarbageCollectionNotificationInfo
                            .GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                var info =
                    com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) n.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                  if (HEAP_POOLS.contains(e.getKey())) {
                    used += e.getValue().getUsed();
                  }
                }
                long u = used;
                if (info.getGcAction().contains("major")) {
                  MAX_AFTER_MAJOR_GC.accumulateAndGet(u, Math::max);
                }
              },
              null,
              null);
    }
  }

  private static final java.util.Set<String> HEAP_POOLS = heapPools();

  private static java.util.Set<String> heapPools() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        names.add(p.getName());
      }
    }
    return names;
  }

  /** Heap in use after a full collection (forced here: the live data, garbage excluded). */
  static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long rssKib() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return -1;
  }

  /**
   * A viewer that connects now gets the history: checks that it is the store info, the codec chunk
   * and then sample chunks starting on a keyframe.
   */
  private static void lateViewer(LiveServer server) throws Exception {
    long history = server.stats().historyMessages();
    try (ProxyReader late = new ProxyReader(server.port(), history, null, 3)) {
      if (!late.await(120_000)) {
        throw new IllegalStateException("the late viewer got " + late.messages() + " messages");
      }
      List<byte[]> first = late.kept();
      RrdMessageDecoder d = new RrdMessageDecoder(RrdReadOptions.defaults());
      RrdMessage store = decode(d, first.get(0));
      RrdMessage codec = decode(d, first.get(1));
      RrdMessage sample = decode(d, first.get(2));
      boolean codecStatic;
      try (Chunk c = ((ChunkMessage) codec).decode()) {
        codecStatic = c.isStatic() && VideoStreamChunk.of(c).hasCodec();
      }
      boolean key;
      long firstTime;
      try (Chunk c = ((ChunkMessage) sample).decode()) {
        VideoStreamChunk v = VideoStreamChunk.of(c);
        ByteBuffer b = v.sample(0);
        byte[] head = new byte[Math.min(64, b.remaining())];
        b.duplicate().get(head);
        key = H264Samples.isKeyframe(head, 0, head.length);
        firstTime = c.timeColumns().get(0).min();
      }
      System.out.printf(
          Locale.ROOT,
          "# late viewer: %d history messages; 1st %s, 2nd a static codec chunk: %s, 3rd a"
              + " sample chunk starting at %.3f s (sample %d) on a keyframe: %s%n",
          late.messages(),
          store instanceof StoreInfo ? "the store info" : "NOT the store info: " + store,
          codecStatic,
          firstTime / 1e9,
          Math.round(firstTime / 33_333_333.0),
          key);
    }
  }

  /**
   * Decodes a {@code ReadMessagesResponse}: field 1 {@code LogMsg}, its oneof field the payload.
   */
  private static RrdMessage decode(RrdMessageDecoder d, byte[] response) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(response);
    if (b.get() != 0x0a) {
      throw new IOException("not a ReadMessagesResponse");
    }
    varint(b); // LogMsg length
    int tag = (int) varint(b);
    int len = (int) varint(b);
    byte[] payload = new byte[len];
    b.get(payload);
    return d.decode(tag >>> 3, payload, 0);
  }

  private static long varint(ByteBuffer b) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b.get() & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
  }
}
