package dev.rrdvideo.inspect;

/**
 * Expectations for {@code rrdvideo check}; {@code null} / non-positive values switch a rule off.
 *
 * @param expectCodec codec short name every stream must have, or null
 * @param maxGopFrames longest allowed GOP in samples, or 0
 * @param minFps lowest allowed mean frame rate, or NaN
 * @param maxFps highest allowed mean frame rate, or NaN
 * @param noBFrames whether B-frames / reordering fail the check
 * @param maxGapNanos longest allowed interval between consecutive samples, or 0
 * @param frames exact number of samples each stream must have, or -1
 */
public record CheckOptions(
    String expectCodec,
    long maxGopFrames,
    double minFps,
    double maxFps,
    boolean noBFrames,
    long maxGapNanos,
    long frames) {
  /** Returns options with no expectations (only the built-in rules run). */
  public static CheckOptions none() {
    return new CheckOptions(null, 0, Double.NaN, Double.NaN, false, 0, -1);
  }
}
