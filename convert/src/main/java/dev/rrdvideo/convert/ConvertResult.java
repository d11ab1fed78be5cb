package dev.rrdvideo.convert;

import dev.rrdvideo.format.video.VideoCodec;
import java.util.List;

/**
 * What a conversion did.
 *
 * @param entityPath the entity written (or read)
 * @param codec the video codec
 * @param samples number of samples converted
 * @param keyframes number of keyframes
 * @param firstPtsNanos presentation time of the first sample in ns
 * @param lastPtsNanos presentation time of the last sample in ns
 * @param warnings things the caller should know (edit lists simplified, flags corrected, ...)
 */
public record ConvertResult(
    String entityPath,
    VideoCodec codec,
    long samples,
    long keyframes,
    long firstPtsNanos,
    long lastPtsNanos,
    List<String> warnings) {
  /** Copies the warnings. */
  public ConvertResult {
    warnings = List.copyOf(warnings);
  }
}
