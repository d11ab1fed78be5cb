package dev.rrdvideo.format.video;

import dev.rrdvideo.format.chunk.ComponentDescriptor;

/**
 * Component descriptors of the {@code rerun.archetypes.AssetVideo} archetype: a whole video file as
 * one blob, played through {@link VideoFrameReference} rows.
 */
public final class AssetVideo {
  /** Full archetype name. */
  public static final String ARCHETYPE = "rerun.archetypes.AssetVideo";

  /** The only media type the Rerun viewer plays. */
  public static final String MEDIA_TYPE_MP4 = "video/mp4";

  /** {@code AssetVideo:blob}, {@code List<UInt8>} file bytes. */
  public static final ComponentDescriptor BLOB =
      ComponentDescriptor.rerun("AssetVideo", "blob", "Blob");

  /** {@code AssetVideo:media_type}, {@code Utf8}. */
  public static final ComponentDescriptor MEDIA_TYPE =
      ComponentDescriptor.rerun("AssetVideo", "media_type", "MediaType");

  private AssetVideo() {}
}
