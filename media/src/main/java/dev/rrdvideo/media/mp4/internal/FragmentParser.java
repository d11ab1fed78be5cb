package dev.rrdvideo.media.mp4.internal;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.media.MediaLimits;

/**
 * Appends the samples of one movie fragment ({@code moof}) to the tracks of a parsed movie.
 *
 * <pre>
 * moof
 *  ├ mfhd                 sequence number (ignored)
 *  └ traf (one per track fragment)
 *     ├ tfhd              track_ID + optional base_data_offset, sample_description_index,
 *     │                   default duration / size / flags (else the trex defaults)
 *     ├ tfdt (optional)   baseMediaDecodeTime (else: continue after the previous samples)
 *     └ trun (1..n)       sample_count, optional data_offset and first_sample_flags, then per
 *                         sample: duration, size, flags, composition offset (each optional)
 * </pre>
 *
 * <p>Data offsets: a trun's data_offset is relative to the base data offset, which is tfhd's
 * base_data_offset when present, else the start of the moof when default-base-is-moof is set or for
 * the first traf of the moof, else the end of the previous traf's data. A trun without data_offset
 * continues where the previous trun of the same traf ended. A sample is a sync sample unless its
 * flags set sample_is_non_sync_sample (bit 16).
 */
public final class FragmentParser {
  private static final int TFHD_BASE_DATA_OFFSET = 0x000001;
  private static final int TFHD_DESCRIPTION_INDEX = 0x000002;
  private static final int TFHD_DEFAULT_DURATION = 0x000008;
  private static final int TFHD_DEFAULT_SIZE = 0x000010;
  private static final int TFHD_DEFAULT_FLAGS = 0x000020;
  private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;

  private static final int TRUN_DATA_OFFSET = 0x000001;
  private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x000004;
  private static final int TRUN_DURATION = 0x000100;
  private static final int TRUN_SIZE = 0x000200;
  private static final int TRUN_FLAGS = 0x000400;
  private static final int TRUN_COMPOSITION_OFFSET = 0x000800;

  private static final int NON_SYNC = 0x0001_0000;

  private final MoovParser.Movie movie;
  private final String source;
  private final long fileSize;
  private final int maxSamples;
  private final int maxSampleBytes;

  /** Creates a parser appending to the tracks of {@code movie}. */
  public FragmentParser(
      MoovParser.Movie movie, String source, long fileSize, int maxSamples, int maxSampleBytes) {
    this.movie = movie;
    this.source = source;
    this.fileSize = fileSize;
    this.maxSamples = maxSamples;
    this.maxSampleBytes = maxSampleBytes;
  }

  /**
   * Parses one moof.
   *
   * @param moof cursor over the moof payload
   * @param moofOffset absolute offset of the moof box header
   */
  public void parse(BoxPayload moof, long moofOffset) throws RrdFormatException {
    long previousTrafEnd = -1;
    for (BoxPayload.Box b = moof.nextChild(); b != null; b = moof.nextChild()) {
      if (b.type() == Fourcc.TRAF) {
        previousTrafEnd = parseTraf(moof.open(b), moofOffset, previousTrafEnd);
      }
    }
  }

  private long parseTraf(BoxPayload traf, long moofOffset, long previousTrafEnd)
      throws RrdFormatException {
    BoxPayload.Box first = traf.nextChild();
    if (first == null || first.type() != Fourcc.TFHD) {
      throw traf.error(
          "first box of traf: expected 'tfhd', found "
              + (first == null ? "none" : "'" + Fourcc.toString(first.type()) + "'"));
    }
    BoxPayload tfhd = traf.open(first);
    int flags = tfhd.versionAndFlags("tfhd") & 0xFF_FFFF;
    long idAt = tfhd.absPosition();
    long trackId = tfhd.u32("tfhd track_ID");
    TrackData t = movie.track(trackId);
    if (t == null) {
      throw tfhd.errorAt(idAt, "tfhd track_ID: expected the id of a moov track, found " + trackId);
    }
    long base;
    if ((flags & TFHD_BASE_DATA_OFFSET) != 0) {
      base = tfhd.u63("tfhd base_data_offset");
    } else if ((flags & TFHD_DEFAULT_BASE_IS_MOOF) != 0 || previousTrafEnd < 0) {
      base = moofOffset;
    } else {
      base = previousTrafEnd;
    }
    long sdiAt = tfhd.absPosition();
    long sdi =
        (flags & TFHD_DESCRIPTION_INDEX) != 0
            ? tfhd.u32("tfhd sample_description_index")
            : t.trexDescriptionIndex;
    if (sdi < 1 || sdi > t.sampleEntries.size()) {
      throw tfhd.errorAt(
          sdiAt,
          "sample_description_index of track "
              + trackId
              + ": expected 1.."
              + t.sampleEntries.size()
              + ", found "
              + sdi);
    }
    long defaultDuration =
        (flags & TFHD_DEFAULT_DURATION) != 0
            ? tfhd.u32("tfhd default_sample_duration")
            : t.trexDuration;
    long defaultSize =
        (flags & TFHD_DEFAULT_SIZE) != 0 ? tfhd.u32("tfhd default_sample_size") : t.trexSize;
    int defaultFlags =
        (flags & TFHD_DEFAULT_FLAGS) != 0 ? tfhd.i32("tfhd default_sample_flags") : t.trexFlags;

    long dts = t.nextDts;
    long dataPos = base;
    boolean firstTrun = true;
    for (BoxPayload.Box b = traf.nextChild(); b != null; b = traf.nextChild()) {
      if (b.type() == Fourcc.TFDT) {
        BoxPayload tfdt = traf.open(b);
        int version = tfdt.versionAndFlags("tfdt") >>> 24;
        long at = tfdt.absPosition();
        dts = tfdt.u32or64(version == 1, "tfdt baseMediaDecodeTime");
        if (dts < 0 || dts > t.maxAbsTicks) {
          throw tfdt.errorAt(
              at,
              "tfdt baseMediaDecodeTime of track "
                  + trackId
                  + ": expected 0.."
                  + t.maxAbsTicks
                  + " ticks ("
                  + MediaLimits.TIME_RANGE
                  + " at timescale "
                  + t.timescale.ticksPerSecond()
                  + "), found "
                  + Long.toUnsignedString(dts));
        }
      } else if (b.type() == Fourcc.TRUN) {
        BoxPayload trun = traf.open(b);
        dataPos =
            parseTrun(
                trun,
                t,
                (int) sdi - 1,
                firstTrun ? base : dataPos,
                base,
                defaultDuration,
                defaultSize,
                defaultFlags,
                dts);
        dts = t.nextDts;
        firstTrun = false;
      }
    }
    t.nextDts = dts;
    return dataPos;
  }

  /** Parses one trun, appends its samples and returns the end of its data. */
  private long parseTrun(
      BoxPayload trun,
      TrackData t,
      int entry,
      long continuePos,
      long base,
      long defaultDuration,
      long defaultSize,
      int defaultFlags,
      long startDts)
      throws RrdFormatException {
    int vf = trun.versionAndFlags("trun");
    int flags = vf & 0xFF_FFFF;
    long countAt = trun.absPosition();
    long count = trun.u32("trun sample_count");
    long pos = continuePos;
    if ((flags & TRUN_DATA_OFFSET) != 0) {
      long at = trun.absPosition();
      int dataOffset = trun.i32("trun data_offset");
      pos = base + dataOffset;
      if (pos < 0) {
        throw trun.errorAt(
            at,
            "trun data_offset: expected a position inside the file, found "
                + base
                + " + "
                + dataOffset
                + " = "
                + pos);
      }
    }
    boolean hasFirstFlags = (flags & TRUN_FIRST_SAMPLE_FLAGS) != 0;
    int firstFlags = hasFirstFlags ? trun.i32("trun first_sample_flags") : 0;
    int perSample = 4 * Integer.bitCount(flags & 0xF00);
    if (perSample > 0 && count * perSample > trun.remaining()) {
      throw trun.errorAt(
          countAt,
          "trun sample_count: expected at most "
              + trun.remaining() / perSample
              + " samples of "
              + perSample
              + " bytes in the rest of the box, found "
              + count);
    }
    if (t.samples.size() + count > maxSamples) {
      throw trun.errorAt(
          countAt,
          "samples of track "
              + t.trackId
              + ": expected at most "
              + maxSamples
              + " (the configured limit), found "
              + t.samples.size()
              + " + "
              + count);
    }
    t.usedEntries[entry] = true;
    long dts = startDts;
    for (long i = 0; i < count; i++) {
      long at = trun.absPosition();
      long duration =
          (flags & TRUN_DURATION) != 0 ? trun.u32("trun sample_duration") : defaultDuration;
      long size = (flags & TRUN_SIZE) != 0 ? trun.u32("trun sample_size") : defaultSize;
      int sampleFlags;
      if (i == 0 && hasFirstFlags) {
        sampleFlags = firstFlags;
        if ((flags & TRUN_FLAGS) != 0) {
          trun.i32("trun sample_flags"); // overridden by first_sample_flags
        }
      } else if ((flags & TRUN_FLAGS) != 0) {
        sampleFlags = trun.i32("trun sample_flags");
      } else {
        sampleFlags = defaultFlags;
      }
      long cto = 0;
      if ((flags & TRUN_COMPOSITION_OFFSET) != 0) {
        // Version 1 offsets are signed; version 0 ones are unsigned, but values >= 2^31 are read
        // as negative, as in ctts (see MoovParser).
        cto = trun.i32("trun sample_composition_time_offset");
      }
      if (size > maxSampleBytes) {
        throw new LimitExceededException(
            "MP4 sample " + t.samples.size() + " of track " + t.trackId,
            size,
            maxSampleBytes,
            source,
            at,
            -1);
      }
      long end = pos + size;
      if (end > fileSize || end < 0) { // an empty sample too: its position is in the file
        throw trun.errorAt(
            at,
            "trun sample "
                + i
                + " at offset "
                + pos
                + " with "
                + size
                + " bytes: expected it to end within the file of "
                + fileSize
                + " bytes, found end "
                + end);
      }
      // dts <= 4e18 (checked for the previous sample or tfdt) and duration < 2^32: no overflow
      t.addSample(
          trun,
          at,
          t.samples.size(),
          dts,
          cto,
          duration,
          (int) size,
          pos,
          (sampleFlags & NON_SYNC) == 0);
      dts += duration;
      pos = end;
    }
    t.nextDts = dts;
    return pos;
  }
}
