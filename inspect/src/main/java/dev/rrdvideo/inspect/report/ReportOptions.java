package dev.rrdvideo.inspect.report;

import dev.rrdvideo.inspect.CheckOptions;
import java.util.Objects;

/**
 * What a report holds besides the summary and the charts.
 *
 * @param checks the expectations the checks run with ({@link CheckOptions#none()} for the built-in
 *     rules only), as {@code rrdvideo check} takes them
 * @param thumbnails how many keyframe thumbnails to show per H.264 stream (0 for none; at most
 *     {@value #MAX_THUMBNAILS})
 */
public record ReportOptions(CheckOptions checks, int thumbnails) {
  /** The most thumbnails per stream. */
  public static final int MAX_THUMBNAILS = 12;

  /** The number of thumbnails per stream by default. */
  public static final int DEFAULT_THUMBNAILS = 6;

  /** Checks the values. */
  public ReportOptions {
    Objects.requireNonNull(checks, "checks is null");
    if (thumbnails < 0 || thumbnails > MAX_THUMBNAILS) {
      throw new IllegalArgumentException(
          "thumbnails must be 0.." + MAX_THUMBNAILS + ": " + thumbnails);
    }
  }

  /** Returns the built-in rules and {@value #DEFAULT_THUMBNAILS} thumbnails per stream. */
  public static ReportOptions defaults() {
    return new ReportOptions(CheckOptions.none(), DEFAULT_THUMBNAILS);
  }
}
