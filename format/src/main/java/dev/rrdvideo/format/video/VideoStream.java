package dev.rrdvideo.format.video;

import dev.rrdvideo.format.chunk.ComponentDescriptor;

/**
 * Component descriptors of the {@code rerun.archetypes.VideoStream} archetype.
 *
 * <p>{@code codec} is logged once, statically; each {@code sample} row holds one frame (Annex B for
 * H.264/H.265, low-overhead OBUs for AV1, raw frames for VP8/VP9) at its presentation time; {@code
 * is_keyframe} marks keyframes (only {@code true} rows, in their own chunk, in the layout rrdvideo
 * writes).
 */
public final class VideoStream {
  /** Full archetype name. */
  public static final String ARCHETYPE = "rerun.archetypes.VideoStream";

  /** {@code VideoStream:codec}, {@code UInt32} wire FourCC. */
  public static final ComponentDescriptor CODEC =
      ComponentDescriptor.rerun("VideoStream", "codec", "VideoCodec");

  /** {@code VideoStream:sample}, {@code List<UInt8>} bytes of one frame. */
  public static final ComponentDescriptor SAMPLE =
      ComponentDescriptor.rerun("VideoStream", "sample", "VideoSample");

  /** {@code VideoStream:is_keyframe}, {@code Boolean}. */
  public static final ComponentDescriptor IS_KEYFRAME =
      ComponentDescriptor.rerun("VideoStream", "is_keyframe", "IsKeyframe");

  /** {@code VideoStream:opacity}, {@code Float32}. */
  public static final ComponentDescriptor OPACITY =
      ComponentDescriptor.rerun("VideoStream", "opacity", "Opacity");

  /** {@code VideoStream:draw_order}, {@code Float32}. */
  public static final ComponentDescriptor DRAW_ORDER =
      ComponentDescriptor.rerun("VideoStream", "draw_order", "DrawOrder");

  private VideoStream() {}
}
