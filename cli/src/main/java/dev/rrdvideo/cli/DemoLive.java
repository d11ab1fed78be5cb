package dev.rrdvideo.cli;

import dev.rrdvideo.cli.demo.DemoEncoder;
import dev.rrdvideo.cli.demo.DemoFrames;
import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code rrdvideo demo --serve} / {@code --connect}: the seed example for real. Encodes the
 * bouncing ball frame by frame at wall-clock pace and streams every sample as it is encoded (one
 * chunk per frame), optionally saving the same recording to a file; then keeps serving until
 * Ctrl-C. With {@code --loop} it keeps producing frames until stopped, and Ctrl-C still closes the
 * saved file properly.
 */
final class DemoLive {
  private DemoLive() {}

  static int run(DemoCommand c, EntityPath entity, RrdWriteOptions options, PrintWriter err)
      throws IOException {
    try (LiveSession live = LiveSession.open(c.live, err)) {
      AtomicOutput save = c.save != null ? AtomicOutput.open(c.save) : null;
      if (save != null && c.loop) {
        save.keepOnStop(); // Ctrl-C ends a --loop: the stop hook below closes and commits it
      }
      try {
        RrdMessageSink sink = live.sink();
        RrdWriter writer =
            save != null
                ? RrdWriter.open(save.stream(), options, sink)
                : RrdWriter.open(sink, options);
        StoreId store = writer.beginRecording("rrdvideo_demo", null);
        VideoStreamWriter video =
            VideoStreamWriter.builder(writer, store, entity)
                .codec(VideoCodec.H264)
                .timeline(c.timeline, TimeType.DURATION)
                .build();
        long frames = c.loop ? Long.MAX_VALUE : (long) c.seconds * c.fps;
        Thread producer = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] stop = {false};
        Thread hook =
            new Thread(
                () -> {
                  synchronized (stop) {
                    stop[0] = true;
                  }
                  producer.interrupt();
                  try {
                    stopped.await(5, TimeUnit.SECONDS); // let the producer close the file
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "rrdvideo-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        DemoFrames scene = new DemoFrames(c.fps);
        DemoEncoder encoder = new DemoEncoder(c.fps);
        long t0 = System.nanoTime();
        long frame = 0;
        long lastReport = t0;
        try {
          for (; frame < frames; frame++) {
            synchronized (stop) {
              if (stop[0]) {
                break;
              }
            }
            long timeNanos = Math.round(frame * 1e9 / c.fps);
            DemoEncoder.Frame f = encoder.encode(scene.render((int) (frame % Integer.MAX_VALUE)));
            video.addSample(timeNanos, f.data(), f.keyframe());
            video.flush(); // one chunk per frame: viewers get each frame as it is encoded
            long now = System.nanoTime();
            if (now - lastReport > 10_000_000_000L) {
              lastReport = now;
              err.printf("streamed %d frames (%.0f s)%n", frame + 1, (frame + 1) / (double) c.fps);
              err.flush();
            }
            long due = t0 + Math.round((frame + 1) * 1e9 / c.fps);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              try {
                TimeUnit.NANOSECONDS.sleep(wait);
              } catch (InterruptedException e) {
                break; // Ctrl-C: end the recording properly below
              }
            }
          }
          Thread.interrupted(); // clear a late interrupt before closing files
          video.finish();
          writer.close();
          if (save != null) {
            save.commit();
            err.printf("saved %s (%d frames)%n", c.save, frame);
          }
        } finally {
          stopped.countDown();
        }
        boolean stopping;
        synchronized (stop) {
          stopping = stop[0];
        }
        if (!stopping) {
          Runtime.getRuntime().removeShutdownHook(hook);
          err.printf("streamed %d frames%n", frame);
          err.flush();
          live.serveUntilStopped();
        }
      } finally {
        if (save != null) {
          save.close();
        }
      }
    }
    return ExitCode.OK;
  }
}
