package dev.rrdvideo.inspect.report;

import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.SampleRow;
import dev.rrdvideo.inspect.VideoSummary;
import java.util.List;

/**
 * What the report shows about one stream (entity, track or file).
 *
 * @param summary the facts {@code rrdvideo inspect --summary} prints
 * @param checks the results of the checks on this stream, as {@code rrdvideo check} gives them
 * @param nanosTime whether the x axis of the charts is presentation time in nanoseconds; otherwise
 *     it is the timeline's own unit (a sequence number, or the sample number of a raw stream) and
 *     there is no interval chart
 * @param intervals the interval to the previous sample in presentation order (ns) at each sample's
 *     presentation time (empty without times in nanoseconds)
 * @param typicalIntervalNanos the most frequent interval, rounded to the microsecond (the frame
 *     period of a constant-rate stream), or {@link SampleRow#ABSENT}
 * @param sizes the sample sizes in bytes at each sample's presentation time; keyframes (bitstream,
 *     else declared) are marked
 * @param gops the length in samples of each GOP at its keyframe's presentation time (samples before
 *     the first keyframe belong to no GOP)
 * @param thumbnails decoded keyframes, in decode order (empty when there are none)
 * @param thumbnailNote why there are fewer thumbnails than asked for, or {@code null}
 */
public record StreamReport(
    VideoSummary.StreamSummary summary,
    List<CheckResult> checks,
    boolean nanosTime,
    BucketSeries intervals,
    long typicalIntervalNanos,
    BucketSeries sizes,
    BucketSeries gops,
    List<Thumbnail> thumbnails,
    String thumbnailNote) {
  /** Copies the lists. */
  public StreamReport {
    checks = List.copyOf(checks);
    thumbnails = List.copyOf(thumbnails);
  }

  /** Returns whether no check on this stream failed. */
  public boolean passed() {
    return checks.stream().noneMatch(c -> c.status() == CheckResult.Status.FAIL);
  }
}
