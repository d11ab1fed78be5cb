package dev.rrdvideo.media.mp4.internal;

import dev.rrdvideo.media.mp4.EditListEntry;
import java.util.List;

/**
 * Everything the box writer needs for one progressive single-track MP4, already converted to the
 * written units: media times in the chosen media timescale with the first decode time at 0.
 * Produced by {@code Mp4Muxer}, consumed by {@link MoovWriter}.
 */
public final class MuxPlan {
  /** Sample entry FourCC, e.g. {@code avc1}. */
  public int sampleEntryType;

  /** Configuration box FourCC, e.g. {@code avcC}. */
  public int configBoxType;

  /** Configuration box payload. */
  public byte[] configPayload;

  /** Width and height in pixels (1..65535). */
  public int width;

  /** Height in pixels. */
  public int height;

  /** tkhd matrix, nine values. */
  public int[] displayMatrix;

  /** Compressor name (at most 31 bytes of UTF-8). */
  public byte[] compressorName;

  /** Media timescale (mdhd), 1..2^32-1. */
  public long mediaTimescale;

  /** Movie timescale (mvhd), 1..2^32-1. */
  public long movieTimescale;

  /** Media duration in the media timescale. */
  public long mediaDuration;

  /** Presentation duration in the movie timescale (mvhd, tkhd). */
  public long movieDuration;

  /** Edit list to write, or an empty list for no edts box. */
  public List<EditListEntry> edits = List.of();

  /** Number of samples. */
  public int count;

  /** Decode deltas (stts), each 0..2^32-1. */
  public long[] delta;

  /** Composition offsets (ctts), each within the signed 32-bit range. */
  public int[] compositionOffset;

  /** Whether a ctts box is needed (some offset is not 0). */
  public boolean writeCtts;

  /** Whether ctts needs version 1 (some offset is negative). */
  public boolean cttsVersion1;

  /** Sample sizes. */
  public int[] size;

  /** Sync flags. */
  public boolean[] sync;

  /** Sample index of the first sample of each chunk, and the number of chunks. */
  public int[] chunkFirstSample;

  /** Number of chunks. */
  public int chunkCount;

  /** Compatible brands written after the major brand {@code isom}. */
  public List<String> compatibleBrands;
}
