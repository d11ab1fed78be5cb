package dev.rrdvideo.inspect;

import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.Ffprobe;
import java.util.ArrayList;
import java.util.List;

/**
 * The GOPs of a fixture as ffprobe's packet table gives them (a keyframe and the packets up to the
 * next one, in decode order), with the numbers the GOP table and the summary must show: computed
 * here from the recorded table, never by rrdvideo.
 *
 * @param startIndex decode index of the GOP's keyframe
 * @param frames packets in the GOP
 * @param sizeBytes sum of their sizes
 * @param startPtsTicks presentation time of the keyframe (time-base ticks)
 * @param durationNanos earliest to latest presentation time in the GOP plus the duration of the
 *     packet presented last, in ns
 */
record ExpectedGops(
    int startIndex, long frames, long sizeBytes, long startPtsTicks, long durationNanos) {

  static List<ExpectedGops> of(Ffprobe ff) {
    Timescale tb = Timescale.of(ff.ticksPerSecond());
    List<Ffprobe.Packet> p = ff.packets();
    List<ExpectedGops> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= p.size(); i++) {
      if (i == p.size() || p.get(i).key()) {
        long frames = i - start;
        long bytes = 0;
        long min = Long.MAX_VALUE;
        int last = start;
        for (int k = start; k < i; k++) {
          bytes += p.get(k).sizeBytes();
          min = Math.min(min, p.get(k).ptsTicks());
          if (p.get(k).ptsTicks() > p.get(last).ptsTicks()) {
            last = k;
          }
        }
        long duration =
            tb.toNanos(p.get(last).ptsTicks())
                - tb.toNanos(min)
                + tb.toNanos(p.get(last).durationTicks());
        out.add(new ExpectedGops(start, frames, bytes, p.get(start).ptsTicks(), duration));
        start = i;
      }
    }
    return out;
  }
}
