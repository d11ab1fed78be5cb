package dev.rrdvideo.inspect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-stream aggregates of sample rows: codec, resolution, frame count, duration, frame rate,
 * bitrate, GOP lengths, keyframes, B-frames and timestamp anomalies. Memory is a few numbers per
 * stream, whatever the number of samples.
 */
public final class VideoSummary implements SampleListener {
  /**
   * The summary of one stream.
   *
   * @param entity entity path (or file name)
   * @param timeline timeline of the times
   * @param codec codec short name, or null
   * @param width coded width of the first sample that has one, or -1
   * @param height coded height, or -1
   * @param resolutionChanges number of samples whose size differs from the previous known size
   * @param frames number of samples
   * @param keyframesDeclared samples declared keyframes by the container
   * @param keyframesBitstream samples that are keyframes by their bitstream (-1 when unknown)
   * @param firstPtsNanos presentation time of the first sample (ns), or {@link SampleRow#ABSENT}
   * @param lastPtsNanos presentation time of the last sample (ns), or {@link SampleRow#ABSENT}
   * @param durationNanos first to last presentation time plus the last sample's duration
   * @param minIntervalNanos smallest difference between consecutive presentation times
   * @param maxIntervalNanos largest difference between consecutive presentation times
   * @param totalBytes sum of sample sizes
   * @param gops number of GOPs (keyframes; by bitstream where known)
   * @param minGopFrames shortest complete GOP in samples (-1 when there is none)
   * @param maxGopFrames longest GOP in samples
   * @param bFrames samples whose bitstream says B, or whose presentation time is earlier than the
   *     previous sample's (reordering)
   * @param nonMonotonic samples whose presentation time is not greater than the previous one's
   * @param duplicateTimes samples whose presentation time equals the previous one's
   */
  public record StreamSummary(
      String entity,
      String timeline,
      String codec,
      int width,
      int height,
      long resolutionChanges,
      long frames,
      long keyframesDeclared,
      long keyframesBitstream,
      long firstPtsNanos,
      long lastPtsNanos,
      long durationNanos,
      long minIntervalNanos,
      long maxIntervalNanos,
      long totalBytes,
      long gops,
      long minGopFrames,
      long maxGopFrames,
      long bFrames,
      long nonMonotonic,
      long duplicateTimes) {

    /** Returns the mean frame rate in frames per second, or NaN. */
    public double meanFps() {
      if (frames < 2 || firstPtsNanos == SampleRow.ABSENT || lastPtsNanos <= firstPtsNanos) {
        return Double.NaN;
      }
      return (frames - 1) * 1e9 / (lastPtsNanos - firstPtsNanos);
    }

    /** Returns the mean bitrate in bits per second, or NaN. */
    public double bitrate() {
      return durationNanos > 0 ? totalBytes * 8e9 / durationNanos : Double.NaN;
    }

    /** Returns the mean GOP length in samples, or NaN. */
    public double meanGopFrames() {
      return gops > 0 ? frames / (double) gops : Double.NaN;
    }
  }

  private final List<StreamSummary> done = new ArrayList<>();
  private Acc acc;

  private static final class Acc {
    String entity;
    String timeline;
    String codec;
    int width = -1;
    int height = -1;
    long resolutionChanges;
    long frames;
    long keysDeclared;
    long keysBitstream;
    boolean bitstreamKnown;
    long firstPts = SampleRow.ABSENT;
    long lastPts = SampleRow.ABSENT;
    long lastDuration = SampleRow.ABSENT;
    long minInterval = Long.MAX_VALUE;
    long maxInterval = Long.MIN_VALUE;
    long bytes;
    long gops;
    long gopStart = -1;
    long minGop = Long.MAX_VALUE;
    long maxGop = Long.MIN_VALUE;
    long currentGop = Long.MIN_VALUE;
    long bFrames;
    long nonMonotonic;
    long duplicates;
    int lastW = -1;
    int lastH = -1;
  }

  @Override
  public void sample(SampleRow r) {
    if (acc == null) {
      acc = new Acc();
      acc.entity = r.entity;
      acc.timeline = r.timeline;
    }
    Acc a = acc;
    if (a.codec == null) {
      a.codec = r.codec;
    }
    if (r.width > 0) {
      if (a.width < 0) {
        a.width = r.width;
        a.height = r.height;
      } else if (r.width != a.lastW || r.height != a.lastH) {
        a.resolutionChanges++;
      }
      a.lastW = r.width;
      a.lastH = r.height;
    }
    if (Boolean.TRUE.equals(r.keyframeDeclared)) {
      a.keysDeclared++;
    }
    if (r.keyframeBitstream != null) {
      a.bitstreamKnown = true;
      if (r.keyframeBitstream) {
        a.keysBitstream++;
      }
    }
    if ("B".equals(r.frameType)) {
      a.bFrames++;
    }
    long pts = r.ptsNanos;
    if (pts != SampleRow.ABSENT) {
      if (a.firstPts == SampleRow.ABSENT) {
        a.firstPts = pts;
      } else {
        long d = pts - a.lastPts;
        if (d <= 0) {
          a.nonMonotonic++;
          if (d == 0) {
            a.duplicates++;
          } else if (!"B".equals(r.frameType)) {
            a.bFrames++;
          }
        }
        a.minInterval = Math.min(a.minInterval, d);
        a.maxInterval = Math.max(a.maxInterval, d);
      }
      a.lastPts = pts;
      a.lastDuration = r.durationNanos;
    }
    if (r.gopIndex != a.currentGop) {
      if (a.currentGop >= 0) {
        long len = a.frames - a.gopStart;
        a.minGop = Math.min(a.minGop, len);
        a.maxGop = Math.max(a.maxGop, len);
      }
      a.currentGop = r.gopIndex;
      a.gopStart = a.frames;
      if (r.gopIndex >= 0) {
        a.gops++;
      }
    }
    a.frames++;
    a.bytes += r.sizeBytes;
  }

  @Override
  public void endOfStream(String entity, String timeline) {
    Acc a = acc;
    if (a == null) {
      return;
    }
    if (a.currentGop >= 0) {
      long len = a.frames - a.gopStart;
      a.maxGop = Math.max(a.maxGop, len);
      if (a.gops == 1) {
        a.minGop = Math.min(a.minGop, len);
      }
    }
    long duration =
        a.firstPts == SampleRow.ABSENT
            ? SampleRow.ABSENT
            : a.lastPts - a.firstPts + (a.lastDuration == SampleRow.ABSENT ? 0 : a.lastDuration);
    done.add(
        new StreamSummary(
            a.entity,
            a.timeline,
            a.codec,
            a.width,
            a.height,
            a.resolutionChanges,
            a.frames,
            a.keysDeclared,
            a.bitstreamKnown ? a.keysBitstream : -1,
            a.firstPts,
            a.lastPts,
            duration,
            a.minInterval == Long.MAX_VALUE ? SampleRow.ABSENT : a.minInterval,
            a.maxInterval == Long.MIN_VALUE ? SampleRow.ABSENT : a.maxInterval,
            a.bytes,
            a.gops,
            a.minGop == Long.MAX_VALUE ? -1 : a.minGop,
            a.maxGop == Long.MIN_VALUE ? -1 : a.maxGop,
            a.bFrames,
            a.nonMonotonic,
            a.duplicates));
    acc = null;
  }

  /** Returns the summaries of the streams completed so far. */
  public List<StreamSummary> streams() {
    return Collections.unmodifiableList(done);
  }
}
