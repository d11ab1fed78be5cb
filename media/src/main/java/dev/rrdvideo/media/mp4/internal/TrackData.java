package dev.rrdvideo.media.mp4.internal;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.mp4.DecoderConfig;
import dev.rrdvideo.media.mp4.EditListEntry;
import java.util.List;

/**
 * Everything the parsers learn about one track: header fields from {@code moov/trak}, the fragment
 * defaults from {@code mvex/trex}, and the growing sample table. Mutable, used only while a file is
 * being opened.
 */
public final class TrackData {
  /** track_ID from tkhd. */
  public long trackId;

  /** tkhd flags (1 = enabled, 2 = in movie, 4 = in preview). */
  public int tkhdFlags;

  /** tkhd transformation matrix (a, b, u, c, d, v, x, y, w), or null if unread. */
  public int[] matrix;

  /** Path of the trak box, e.g. {@code moov/trak[0]}. */
  public String path;

  /** Handler type FourCC from hdlr. */
  public int handlerType;

  /** Media timescale from mdhd. */
  public Timescale timescale;

  /** Largest magnitude of a time of this track in ticks ({@link MediaLimits#maxAbsTicks}). */
  public long maxAbsTicks;

  /** Media duration from mdhd, or -1 when unknown (all ones). */
  public long mediaDuration = -1;

  /** Edit list entries (empty when there is no elst). */
  public List<EditListEntry> edits = List.of();

  /** Sample entries from stsd, in order. */
  public List<SampleEntryData> sampleEntries = List.of();

  /** Which stsd entries (0-based) samples refer to. */
  public boolean[] usedEntries = new boolean[0];

  /** Codec of the first used sample entry, or null. */
  public VideoCodec codec;

  /** The sample table being built. */
  public SampleTable.Builder samples;

  /** Decode time following the last sample appended (where a fragment without tfdt goes on). */
  public long nextDts;

  /** Number of samples described by {@code moov} (the rest come from movie fragments). */
  public int moovSamples;

  /** Whether a trex box gave fragment defaults for this track. */
  public boolean hasTrex;

  /** trex default_sample_description_index (1-based). */
  public long trexDescriptionIndex = 1;

  /** trex default_sample_duration. */
  public long trexDuration;

  /** trex default_sample_size. */
  public long trexSize;

  /** trex default_sample_flags. */
  public int trexFlags;

  /**
   * Appends a sample after checking that its decode time, presentation time ({@code dts + cto}) and
   * duration are within {@link #maxAbsTicks}, so that every time leaving the demuxer converts to
   * nanoseconds and sums of two of them cannot overflow.
   *
   * @param box the box the sample's times come from, for the error
   * @param at absolute offset of the sample's entry, for the error
   * @param sample index of the sample in the track, for the error
   */
  public void addSample(
      BoxPayload box,
      long at,
      int sample,
      long dts,
      long cto,
      long duration,
      int size,
      long pos,
      boolean sync)
      throws Mp4FormatException {
    long max = maxAbsTicks;
    String what = null;
    long value = 0;
    if (dts < 0 || dts > max) {
      what = "decode time";
      value = dts;
    } else if (duration < 0 || duration > max) {
      what = "duration";
      value = duration;
    } else if (dts + cto > max || dts + cto < -max) { // |cto| < 2^32: no overflow
      what = "presentation time";
      value = dts + cto;
    }
    if (what != null) {
      throw box.errorAt(
          at,
          what
              + " of sample "
              + sample
              + " of track "
              + trackId
              + ": expected "
              + (what.equals("presentation time") ? "-" + max + ".." : "0..")
              + max
              + " ticks ("
              + MediaLimits.TIME_RANGE
              + " at timescale "
              + timescale.ticksPerSecond()
              + "), found "
              + value);
    }
    samples.add(dts, dts + cto, duration, size, pos, sync);
  }

  /** Returns the entry the track's samples use (the first one used, else the first one). */
  public SampleEntryData primaryEntry() {
    for (int i = 0; i < usedEntries.length; i++) {
      if (usedEntries[i]) {
        return sampleEntries.get(i);
      }
    }
    return sampleEntries.isEmpty() ? null : sampleEntries.get(0);
  }

  /**
   * One sample entry of an {@code stsd} box.
   *
   * @param type the entry's FourCC, e.g. {@code avc1}
   * @param codec the codec, or {@code null} if the entry type is not a supported video format
   * @param width width in pixels from a visual sample entry, else 0
   * @param height height in pixels from a visual sample entry, else 0
   * @param config the parsed configuration box, or {@code null} for unsupported entries
   * @param configBytes the configuration box payload, or {@code null}
   * @param offset absolute offset of the entry
   * @param path box path of the entry
   */
  public record SampleEntryData(
      int type,
      VideoCodec codec,
      int width,
      int height,
      DecoderConfig config,
      byte[] configBytes,
      long offset,
      String path) {}
}
