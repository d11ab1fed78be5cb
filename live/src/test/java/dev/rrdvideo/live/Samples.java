package dev.rrdvideo.live;

import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.RerunFacts.SourceSample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Real encoded video for the tests: the access units behind Rerun's own {@code stream_h264.rrd} /
 * {@code stream_av1.rrd}, cut at the offsets its MCAP manifest lists, with the manifest's keyframe
 * flags (written by the tool that made the files, independent of this module).
 */
final class Samples {

  /** One message as a sink got it. */
  record Msg(int kind, byte[] bytes) {}

  /** Collects messages. */
  static final class Capture implements RrdMessageSink {
    final List<Msg> messages = new ArrayList<>();

    @Override
    public void message(int kind, byte[] buf, int off, int len) {
      messages.add(new Msg(kind, Arrays.copyOfRange(buf, off, off + len)));
    }
  }

  private Samples() {}

  /**
   * Writes a live-style recording (one chunk per sample) of {@code loops} repetitions of the H.264
   * samples to {@code sink}: store info, static codec chunk, then sample chunks (the keyframe
   * marker chunk of {@code finish()} last).
   */
  static void writeH264(RrdMessageSink sink, int loops, boolean finish) throws IOException {
    List<SourceSample> samples = RerunFacts.sourceSamples("stream_h264", "h264");
    long period = samples.get(samples.size() - 1).timeNanos() + 66_666_667L;
    RrdWriter w = RrdWriter.open(sink, RrdWriteOptions.defaults());
    StoreId store = w.beginRecording("live_test", "rec_live_test");
    VideoStreamWriter v =
        VideoStreamWriter.builder(w, store, EntityPath.parse("/camera"))
            .codec(VideoCodec.H264)
            .timeline("time", TimeType.DURATION)
            .build();
    for (int l = 0; l < loops; l++) {
      for (SourceSample s : samples) {
        v.addSample(l * period + s.timeNanos(), s.bytes(), 0, s.bytes().length, s.key());
        v.flush();
      }
    }
    if (finish) {
      v.finish();
      w.close();
    }
  }

  /** {@link #writeH264} into a list. */
  static List<Msg> h264Messages(int loops) throws IOException {
    Capture c = new Capture();
    writeH264(c, loops, true);
    return c.messages;
  }
}
