package dev.rrdvideo.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.RrdMessageSink;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.RerunFacts.SourceSample;
import dev.rrdvideo.testdata.TestData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether the server takes a sample chunk for the start of a GOP ({@link Entry#gopStart}, which
 * garbage collection cuts at), on real samples streamed as live producers write them: one chunk per
 * sample, no keyframe flags in the chunks (VideoStreamWriter writes its keyframe marker chunk only
 * at the end), so the server looks into the bitstream. The truth comes from other tools: the MCAP
 * manifests behind Rerun's own recordings (H.264, AV1) and ffprobe's packet flags (H.264, H.265 raw
 * streams; VP8, VP9, AV1 in IVF).
 */
class GopStartDetectionTest {
  /** One sample and whether another tool flagged it a keyframe. */
  record Sample(byte[] bytes, boolean key) {}

  /** Streams the samples through a MessageInspector and returns each sample chunk's decision. */
  static List<Boolean> gopStarts(VideoCodec codec, List<Sample> samples) throws IOException {
    List<byte[]> messages = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    RrdMessageSink capture =
        (kind, buf, off, len) -> {
          kinds.add(kind);
          messages.add(Arrays.copyOfRange(buf, off, off + len));
        };
    try (RrdWriter w = RrdWriter.open(capture, RrdWriteOptions.defaults())) {
      StoreId store = w.beginRecording("live_test", "rec_gop");
      VideoStreamWriter v =
          VideoStreamWriter.builder(w, store, EntityPath.parse("/camera"))
              .codec(codec)
              .timeline("time", TimeType.DURATION)
              .build();
      long t = 0;
      for (Sample s : samples) {
        v.addSample(t += 40_000_000, s.bytes(), 0, s.bytes().length, false); // no flags
        v.flush();
      }
      v.finish();
    }
    assertThat(messages).hasSize(samples.size() + 2); // store info, codec chunk, samples
    MessageInspector in =
        new MessageInspector("test", 64 << 20, new MessageInspector.Codecs(), l -> {});
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Entry e = in.message(kinds.get(i), messages.get(i), 0);
      if (i >= 2) {
        assertThat(e.videoKey).isNotNull();
        out.add(e.gopStart);
      }
    }
    return out;
  }

  private static void assertAgree(VideoCodec codec, List<Sample> samples) throws IOException {
    List<Boolean> got = gopStarts(codec, samples);
    int keys = 0;
    for (int i = 0; i < samples.size(); i++) {
      assertThat(got.get(i)).as("sample %d", i).isEqualTo(samples.get(i).key());
      keys += samples.get(i).key() ? 1 : 0;
    }
    assertThat(keys).isGreaterThan(0);
    assertThat(samples.size()).isGreaterThan(keys);
  }

  @ParameterizedTest
  @CsvSource({"stream_h264,h264,H264", "stream_av1,obu,AV1"})
  void agreesWithTheManifestOfRerunsRecordings(String name, String ext, VideoCodec codec)
      throws Exception {
    List<Sample> samples = new ArrayList<>();
    for (SourceSample s : RerunFacts.sourceSamples(name, ext)) {
      samples.add(new Sample(s.bytes(), s.key()));
    }
    assertAgree(codec, samples);
  }

  @ParameterizedTest
  @CsvSource({
    "annexb/h264.h264,H264,0",
    "annexb/h265.h265,H265,0",
    "ivf/vp8.ivf,VP8,12",
    "ivf/vp9.ivf,VP9,12",
    "ivf/av1.ivf,AV1,12"
  })
  void agreesWithFfprobe(String fixture, VideoCodec codec, int frameHeaderBytes) throws Exception {
    byte[] file = TestData.bytes(fixture);
    List<Sample> samples = new ArrayList<>();
    for (Ffprobe.Packet p : Ffprobe.video(fixture).packets()) {
      int from = (int) p.positionBytes() + frameHeaderBytes;
      samples.add(new Sample(Arrays.copyOfRange(file, from, from + p.sizeBytes()), p.key()));
    }
    assertAgree(codec, samples);
  }

  @ParameterizedTest
  @CsvSource({"H264", "H265", "AV1", "VP8", "VP9"})
  void truncatedOrMeaninglessSamplesAreNoGopStartAndNoError(VideoCodec codec) throws Exception {
    List<Sample> samples = new ArrayList<>();
    for (byte[] b :
        List.of(
            new byte[0],
            new byte[] {0},
            new byte[] {0, 0, 1},
            new byte[] {0, 0, 1, 0x65},
            new byte[] {0x0a, (byte) 0xff},
            new byte[] {(byte) 0x80})) {
      samples.add(new Sample(b, false));
    }
    assertThat(gopStarts(codec, samples)).containsOnly(false);
  }

  @Test
  void aSampleLargerThanTheReusedArrayIsInspectedWhole() throws Exception {
    List<SourceSample> real = RerunFacts.sourceSamples("stream_h264", "h264");
    SourceSample key = real.stream().filter(SourceSample::key).findFirst().orElseThrow();
    SourceSample other = real.stream().filter(s -> !s.key()).findFirst().orElseThrow();
    // the keyframe, then filler NAL units (type 12) past the reused array's size
    byte[] big = Arrays.copyOf(key.bytes(), MessageInspector.MAX_REUSED_BYTES + 100_000);
    for (int p = key.bytes().length; p + 5 <= big.length; p += 1000) {
      big[p + 2] = 1;
      big[p + 3] = 12;
      Arrays.fill(big, p + 4, Math.min(big.length, p + 1000), (byte) 0xff);
    }
    // and a keyframe whose IDR slice comes only after 200 kB of filler (past the first copy size)
    byte[] late = new byte[200_000 + key.bytes().length];
    for (int p = 0; p + 1000 <= 200_000; p += 1000) {
      late[p + 2] = 1;
      late[p + 3] = 12;
      Arrays.fill(late, p + 4, p + 1000, (byte) 0xff);
    }
    System.arraycopy(key.bytes(), 0, late, 200_000, key.bytes().length);
    List<Sample> samples =
        List.of(
            new Sample(key.bytes(), true),
            new Sample(other.bytes(), false),
            new Sample(late, true),
            new Sample(other.bytes(), false),
            new Sample(big, true),
            new Sample(other.bytes(), false),
            new Sample(key.bytes(), true));
    assertThat(gopStarts(VideoCodec.H264, samples))
        .containsExactly(true, false, true, false, true, false, true);
  }
}
