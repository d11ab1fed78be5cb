package dev.rrdvideo.convert;

import dev.rrdvideo.media.MediaKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a conversion ({@link Converter#convert}) did.
 *
 * @param from the kind of the input
 * @param to the kind of the output
 * @param videos the videos converted, in the order they were written: one, except for a recording
 *     converted into a recording, which gives one per entity switched between {@code VideoStream}
 *     and {@code AssetVideo}
 */
public record ConvertResult(MediaKind from, MediaKind to, List<ConvertedVideo> videos) {
  /** Checks the fields and copies the list. */
  public ConvertResult {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    videos = List.copyOf(videos);
    if (videos.isEmpty()) {
      throw new IllegalArgumentException("a conversion converts at least one video");
    }
  }

  /** Returns the first video converted (the only one, except for a recording to a recording). */
  public ConvertedVideo video() {
    return videos.get(0);
  }

  /** Returns the warnings of every video, in order. */
  public List<ConvertWarning> warnings() {
    List<ConvertWarning> all = new ArrayList<>();
    for (ConvertedVideo v : videos) {
      all.addAll(v.warnings());
    }
    return List.copyOf(all);
  }
}
