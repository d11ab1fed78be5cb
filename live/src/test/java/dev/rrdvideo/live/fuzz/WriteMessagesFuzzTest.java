package dev.rrdvideo.live.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.live.internal.Entry;
import dev.rrdvideo.live.internal.MessageInspector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server's input boundary: the bytes of one {@code WriteMessages} gRPC message from a client.
 * Contract: an {@link Entry} or an {@link RrdVideoException} with a message, never anything else;
 * the shared Arrow allocator is back where it was; no input takes a second of CPU (twice): the
 * shared {@link FuzzContract}.
 */
class WriteMessagesFuzzTest {
  private static final MessageInspector.Codecs CODECS = new MessageInspector.Codecs();

  /** One inspector for all inputs, as a producer's: the bitstream parser keeps state. */
  private static final MessageInspector SAMPLES =
      new MessageInspector("fuzz", 1 << 20, CODECS, line -> {});

  private static final VideoCodec[] VIDEO_CODECS = {
    VideoCodec.H264, VideoCodec.H265, VideoCodec.AV1, VideoCodec.VP8, VideoCodec.VP9
  };

  /**
   * A valid chunk message whose one sample is arbitrary bytes, of any codec: the GOP-start decision
   * (media's SampleInspector on the sample) must neither throw nor hang, whatever the bytes.
   */
  @FuzzTest(maxDuration = "30m", maxExecutions = 1_100_000)
  void videoSample(FuzzedDataProvider data) {
    VideoCodec codec = data.pickValue(VIDEO_CODECS);
    byte[] sample = data.consumeRemainingAsBytes();
    List<byte[]> messages = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    FuzzContract.check(
        () -> {
          RrdMessageSink capture =
              (kind, buf, off, len) -> {
                kinds.add(kind);
                messages.add(Arrays.copyOfRange(buf, off, off + len));
              };
          try (RrdWriter w = RrdWriter.open(capture, RrdWriteOptions.defaults())) {
            StoreId store = w.beginRecording("fuzz", "rec_fuzz");
            VideoStreamWriter v =
                VideoStreamWriter.builder(w, store, EntityPath.parse("/" + codec.name()))
                    .codec(codec)
                    .timeline("time", TimeType.DURATION)
                    .build();
            v.addSample(0, sample, 0, sample.length, false);
            v.flush();
          }
          for (int i = 0; i < messages.size(); i++) {
            SAMPLES.message(kinds.get(i), messages.get(i), 0);
          }
        });
  }

  @FuzzTest(maxDuration = "30m", maxExecutions = 1_100_000)
  void request(byte[] data) {
    FuzzContract.check(
        () -> {
          MessageInspector in = new MessageInspector("fuzz", 1 << 20, CODECS, line -> {});
          Entry e = in.request(data);
          if (e.wire() == null || e.kind() < 1 || e.kind() > 3) {
            throw new AssertionError("entry without bytes or with kind " + e.kind());
          }
        });
  }
}
