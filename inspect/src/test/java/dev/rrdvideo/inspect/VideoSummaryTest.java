package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.Ffprobe;
import java.io.IOException;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VideoSummary} on every generated MP4 against ffprobe's records: counts, sizes, keyframes,
 * GOPs, dimensions and the presentation span, each computed here from the packet table.
 */
class VideoSummaryTest {
  @ParameterizedTest
  @MethodSource("dev.rrdvideo.testdata.Fixtures#generatedMp4")
  void everyCountEqualsTheFfprobeTable(String fixture) throws IOException {
    Ffprobe ff = Ffprobe.video(fixture);
    Timescale tb = Timescale.of(ff.ticksPerSecond());
    List<Ffprobe.Packet> p = ff.packets();
    List<ExpectedGops> gops = ExpectedGops.of(ff);
    long bytes = p.stream().mapToLong(Ffprobe.Packet::sizeBytes).sum();
    long keys = p.stream().filter(Ffprobe.Packet::key).count();
    long minPts = p.stream().mapToLong(Ffprobe.Packet::ptsTicks).min().orElseThrow();
    long maxPts = p.stream().mapToLong(Ffprobe.Packet::ptsTicks).max().orElseThrow();
    Ffprobe.Packet last = p.stream().filter(x -> x.ptsTicks() == maxPts).findFirst().orElseThrow();
    boolean reordered = false;
    for (int i = 1; i < p.size(); i++) {
      reordered |= p.get(i).ptsTicks() < p.get(i - 1).ptsTicks();
    }

    VideoSummary.StreamSummary s = PresentationOrderTimingTest.summary(fixture);
    assertThat(s.codec()).isEqualTo(InspectMediaTest.codecOf(ff.codecName()));
    assertThat(s.width()).isEqualTo(ff.width());
    assertThat(s.height()).isEqualTo(ff.height());
    assertThat(s.resolutionChanges()).isZero();
    assertThat(s.frames()).isEqualTo(p.size());
    assertThat(s.totalBytes()).isEqualTo(bytes);
    assertThat(s.keyframesDeclared()).isEqualTo(keys);
    assertThat(s.keyframesBitstream()).isEqualTo(keys);
    assertThat(s.gops()).isEqualTo(gops.size());
    assertThat(s.gopFrames()).isEqualTo(p.size()); // every fixture starts with a keyframe
    assertThat(s.minGopFrames())
        .isEqualTo(gops.stream().mapToLong(ExpectedGops::frames).min().orElseThrow());
    assertThat(s.maxGopFrames())
        .isEqualTo(gops.stream().mapToLong(ExpectedGops::frames).max().orElseThrow());
    assertThat(s.meanGopFrames()).isCloseTo((double) p.size() / gops.size(), Offset.offset(1e-9));
    assertThat(s.firstPtsNanos()).isEqualTo(tb.toNanos(minPts));
    assertThat(s.lastPtsNanos()).isEqualTo(tb.toNanos(maxPts));
    assertThat(s.durationNanos())
        .isEqualTo(tb.toNanos(maxPts) - tb.toNanos(minPts) + tb.toNanos(last.durationTicks()));
    assertThat(s.bFrames() > 0).as("B-frames").isEqualTo(reordered);
    assertThat(s.nonMonotonic()).isZero();
    assertThat(s.duplicateTimes()).isZero();
    assertThat(s.references()).isNull();
    // frames minus one over the presentation span; bits over the duration
    double spanSeconds = (tb.toNanos(maxPts) - tb.toNanos(minPts)) / 1e9;
    assertThat(s.meanFps()).isCloseTo((p.size() - 1) / spanSeconds, Offset.offset(1e-6));
    assertThat(s.bitrate()).isCloseTo(bytes * 8 / (s.durationNanos() / 1e9), Offset.offset(1e-6));
  }
}
