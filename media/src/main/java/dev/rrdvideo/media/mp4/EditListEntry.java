package dev.rrdvideo.media.mp4;

/**
 * One entry of an MP4 edit list ({@code elst}): a segment of the presentation timeline and the part
 * of the media timeline it shows.
 *
 * <p>An entry with {@code mediaTime == -1} is an <em>empty edit</em>: it shows nothing for {@code
 * segmentDuration} (used to delay the start of a track). Otherwise it presents the media from
 * composition time {@code mediaTime} on, for {@code segmentDuration}. A {@code segmentDuration} of
 * 0 in a fragmented file means "until the end of the media" (ISO/IEC 14496-12, 8.6.6).
 *
 * @param segmentDuration duration of the segment in the <em>movie</em> timescale ({@code mvhd}),
 *     not the media timescale
 * @param mediaTime start of the segment in the media timescale of the track ({@code mdhd}), or -1
 *     for an empty edit
 * @param mediaRateInteger the integer part of the playback rate (1 for normal playback, 0 for a
 *     dwell)
 * @param mediaRateFraction the fractional part of the playback rate (normally 0)
 */
public record EditListEntry(
    long segmentDuration, long mediaTime, int mediaRateInteger, int mediaRateFraction) {

  /** Checks the value ranges of the fields. */
  public EditListEntry {
    if (segmentDuration < 0) {
      throw new IllegalArgumentException("segmentDuration must be >= 0, was " + segmentDuration);
    }
    if (mediaTime < -1) {
      throw new IllegalArgumentException("mediaTime must be >= -1, was " + mediaTime);
    }
    if (mediaRateInteger < Short.MIN_VALUE || mediaRateInteger > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "mediaRateInteger must fit in 16 bits, was " + mediaRateInteger);
    }
    if (mediaRateFraction < Short.MIN_VALUE || mediaRateFraction > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "mediaRateFraction must fit in 16 bits, was " + mediaRateFraction);
    }
  }

  /** Returns a normal-speed edit showing media from {@code mediaTime} for {@code duration}. */
  public static EditListEntry of(long segmentDuration, long mediaTime) {
    return new EditListEntry(segmentDuration, mediaTime, 1, 0);
  }

  /** Returns an empty edit of the given duration in the movie timescale. */
  public static EditListEntry empty(long segmentDuration) {
    return new EditListEntry(segmentDuration, -1, 1, 0);
  }

  /** Returns whether this is an empty edit ({@code mediaTime == -1}). */
  public boolean isEmpty() {
    return mediaTime == -1;
  }
}
