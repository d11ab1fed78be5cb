package dev.rrdvideo.inspect.report;

import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.VideoSummary;
import java.util.List;

/**
 * What the report shows about one input file.
 *
 * @param name the input's name as messages give it
 * @param sizeBytes the input's size in bytes, or -1 when unknown
 * @param streams its video streams, in the order {@code inspect} lists them
 * @param otherChecks check results that belong to no stream: {@code frame-references-resolve}
 *     failures of {@code VideoFrameReference} rows that point at no {@code AssetVideo}
 * @param danglingReferences those rows, or {@code null} when there are none
 */
public record InputReport(
    String name,
    long sizeBytes,
    List<StreamReport> streams,
    List<CheckResult> otherChecks,
    VideoSummary.References danglingReferences) {
  /** Copies the lists. */
  public InputReport {
    streams = List.copyOf(streams);
    otherChecks = List.copyOf(otherChecks);
  }

  /**
   * Returns whether no check failed (an input without video streams and without results fails, as
   * {@code rrdvideo check} fails it).
   */
  public boolean passed() {
    if (streams.isEmpty() && otherChecks.isEmpty()) {
      return false;
    }
    return streams.stream().allMatch(StreamReport::passed)
        && otherChecks.stream().noneMatch(c -> c.status() == CheckResult.Status.FAIL);
  }
}
