package dev.rrdvideo.inspect.report;

/**
 * A small picture of one decoded keyframe.
 *
 * @param sampleIndex the keyframe's index in decode order
 * @param ptsNanos its presentation time in nanoseconds, or {@link
 *     dev.rrdvideo.inspect.SampleRow#ABSENT}
 * @param pts its presentation time in the timeline's own unit
 * @param width the thumbnail's width in pixels
 * @param height the thumbnail's height in pixels
 * @param png the thumbnail as a PNG file (owned by the record: not to be modified)
 */
public record Thumbnail(
    long sampleIndex, long ptsNanos, long pts, int width, int height, byte[] png) {}
