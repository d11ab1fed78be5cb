package dev.rrdvideo.media.testing;

import dev.rrdvideo.media.mp4.EditListEntry;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import dev.rrdvideo.media.mp4.Mp4Track;

/**
 * How FFmpeg's MP4 reader moves a track's times, so that a test can compare a sample table with the
 * packet table ffprobe recorded ({@code dev.rrdvideo.testdata.Ffprobe}) without trusting the code
 * under test for the expected values.
 */
public final class FfmpegTimes {
  private FfmpegTimes() {}

  /**
   * The shift FFmpeg applies to every presentation time of {@code track} for its edit list, in
   * media ticks: {@code ffprobe.pts = pts + shift}. It is {@code (duration of the leading empty
   * edits, rescaled from the movie to the media timescale and rounded to nearest like av_rescale) -
   * (media_time of the first non-empty edit)}; 0 when the file has no movie timescale ({@code mvhd}
   * missing: FFmpeg cannot interpret the edit list and ignores it). Decode times move by the same
   * shift, and down by the largest negative composition offset.
   */
  public static long presentationShift(Mp4Demuxer demuxer, Mp4Track track) {
    if (demuxer.movieTimescale().isEmpty()) {
      return 0;
    }
    long movieTicksPerSecond = demuxer.movieTimescale().get().ticksPerSecond();
    long mediaTicksPerSecond = track.timescale().ticksPerSecond();
    long emptyMovieTicks = 0;
    long mediaTime = 0;
    for (EditListEntry e : track.edits()) {
      if (!e.isEmpty()) {
        mediaTime = e.mediaTime();
        break;
      }
      emptyMovieTicks += e.segmentDuration();
    }
    long empty =
        Math.addExact(
                Math.multiplyExact(emptyMovieTicks, mediaTicksPerSecond), movieTicksPerSecond / 2)
            / movieTicksPerSecond;
    return empty - mediaTime;
  }
}
