package dev.rrdvideo.convert;

import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.video.VideoCodec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a conversion did with one video.
 *
 * @param entity the entity written (into a recording) or read (from a recording)
 * @param codec the video codec; absent when the video was copied without being read (an {@code
 *     AssetVideo}'s MP4 written out unchanged)
 * @param samples number of samples converted
 * @param keyframes number of keyframes among them
 * @param firstTime time of the first sample on its timeline: ns, or the frame number on a sequence
 *     timeline
 * @param lastTime time of the last sample, likewise
 * @param warnings what the caller should know, in the order it happened
 */
public record ConvertedVideo(
    EntityPath entity,
    Optional<VideoCodec> codec,
    long samples,
    long keyframes,
    long firstTime,
    long lastTime,
    List<ConvertWarning> warnings) {
  /** Checks the fields and copies the warnings. */
  public ConvertedVideo {
    Objects.requireNonNull(entity, "entity is null");
    Objects.requireNonNull(codec, "codec is null");
    warnings = List.copyOf(warnings);
  }
}
