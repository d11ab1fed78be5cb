package dev.rrdvideo.media.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.testing.FuzzContract;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.bitstream.IvfReader;
import dev.rrdvideo.media.mp4.Av1Config;
import dev.rrdvideo.media.mp4.AvcConfig;
import dev.rrdvideo.media.mp4.DecoderConfig;
import dev.rrdvideo.media.mp4.HevcConfig;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;
import dev.rrdvideo.media.mp4.VpConfig;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzz targets for the containers and configuration records: the MP4 demuxer
 * (boxes, sample tables, fragments, every sample read), the IVF reader and the decoder
 * configuration records. Regression inputs (seeds cut from the fixtures and every crash found,
 * named by what it caught) are in {@code ContainerFuzzTestInputs/<method>/}; {@code mvn test}
 * replays them.
 */
class ContainerFuzzTest {
  private static final long MAX_ABS_NANOS = dev.rrdvideo.media.MediaLimits.MAX_ABS_TIME_NANOS;

  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void mp4Demuxer(byte[] data) throws Exception {
    FuzzContract.check(
        () -> {
          try (Mp4Demuxer d = Mp4Demuxer.open(data, "fuzz.mp4")) {
            for (Mp4Track t : d.tracks()) {
              SampleTable s = t.sampleTable();
              t.decoderConfig();
              t.edits();
              byte[] buf = new byte[Math.max(1, t.maxSampleSizeBytes())];
              for (int i = 0; i < s.size(); i++) {
                // every time leaving the demuxer is representable in nanoseconds
                check(Math.abs(s.ptsNanos(i)) <= MAX_ABS_NANOS, "pts in range");
                check(Math.abs(s.dtsNanos(i)) <= MAX_ABS_NANOS, "dts in range");
                check(s.offsetBytes(i) + s.sizeBytes(i) <= data.length, "sample inside the file");
                check(t.readSample(i, buf) == s.sizeBytes(i), "sample size");
              }
            }
            d.videoTrack();
          }
        });
  }

  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void ivfReader(byte[] data) throws Exception {
    FuzzContract.check(
        () -> {
          IvfReader r = IvfReader.open(new ByteArrayInputStream(data), "fuzz.ivf");
          while (r.next()) {
            check(Math.abs(r.timestampNanos()) <= MAX_ABS_NANOS, "timestamp in range");
            check(r.frameOffset() + r.frameSize() <= data.length, "frame inside the file");
          }
        });
  }

  @FuzzTest(maxDuration = "3m", maxExecutions = 1_000_000)
  void decoderConfigs(FuzzedDataProvider in) throws Exception {
    int type = in.consumeInt(0, 3);
    byte[] payload = in.consumeRemainingAsBytes();
    FuzzContract.check(
        () -> {
          DecoderConfig c =
              switch (type) {
                case 0 -> AvcConfig.parse(payload);
                case 1 -> HevcConfig.parse(payload);
                case 2 -> Av1Config.parse(payload);
                default -> VpConfig.parse(payload);
              };
          // what was parsed can be written, and reads back as the same record
          byte[] written = c.toBytes();
          DecoderConfig again =
              switch (type) {
                case 0 -> AvcConfig.parse(written);
                case 1 -> HevcConfig.parse(written);
                case 2 -> Av1Config.parse(written);
                default -> VpConfig.parse(written);
              };
          check(again.equals(c), "a written record reads back equal");
          if (c instanceof AvcConfig a) {
            check(a.nalLengthSizeBytes() != 3, "no 3-byte NAL lengths");
          } else if (c instanceof HevcConfig h) {
            check(h.nalLengthSizeBytes() != 3, "no 3-byte NAL lengths");
          }
        });
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("violated: " + what);
    }
  }
}
