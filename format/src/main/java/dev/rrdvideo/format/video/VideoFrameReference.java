package dev.rrdvideo.format.video;

import dev.rrdvideo.format.chunk.ComponentDescriptor;

/**
 * Component descriptors of the {@code rerun.archetypes.VideoFrameReference} archetype: which frame
 * of an {@link AssetVideo} to show at a time.
 */
public final class VideoFrameReference {
  /** Full archetype name. */
  public static final String ARCHETYPE = "rerun.archetypes.VideoFrameReference";

  /** {@code VideoFrameReference:timestamp}, {@code Int64} nanoseconds since the video start. */
  public static final ComponentDescriptor TIMESTAMP =
      ComponentDescriptor.rerun("VideoFrameReference", "timestamp", "VideoTimestamp");

  /** {@code VideoFrameReference:video_reference}, {@code Utf8} entity path of the asset. */
  public static final ComponentDescriptor VIDEO_REFERENCE =
      ComponentDescriptor.rerun("VideoFrameReference", "video_reference", "EntityPath");

  /** {@code VideoFrameReference:opacity}, {@code Float32}. */
  public static final ComponentDescriptor OPACITY =
      ComponentDescriptor.rerun("VideoFrameReference", "opacity", "Opacity");

  /** {@code VideoFrameReference:draw_order}, {@code Float32}. */
  public static final ComponentDescriptor DRAW_ORDER =
      ComponentDescriptor.rerun("VideoFrameReference", "draw_order", "DrawOrder");

  private VideoFrameReference() {}
}
