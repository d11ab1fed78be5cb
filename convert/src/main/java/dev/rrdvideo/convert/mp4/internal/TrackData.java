package dev.rrdvideo.convert.mp4.internal;

import dev.rrdvideo.convert.mp4.DecoderConfig;
import dev.rrdvideo.convert.mp4.EditListEntry;
import dev.rrdvideo.format.video.SampleTable;
import dev.rrdvideo.format.video.Timescale;
import dev.rrdvideo.format.video.VideoCodec;
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
