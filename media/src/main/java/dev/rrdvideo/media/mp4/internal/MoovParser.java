package dev.rrdvideo.media.mp4.internal;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.mp4.DecoderConfig;
import dev.rrdvideo.media.mp4.EditListEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code moov} box held in memory: movie header, fragment defaults and every track with
 * its sample table ({@code stts}, {@code ctts}, {@code stss}, {@code stsz}/{@code stz2}, {@code
 * stsc}, {@code stco}/{@code co64}).
 *
 * <p>Every count is checked against the bytes left in its box before an array is sized by it, and
 * the number of samples is checked against the configured limit before any per-sample work. See
 * {@code Mp4Demuxer} for the tolerance policy.
 */
public final class MoovParser {
  private final String source;
  private final long fileSize;
  private final int maxSamples;
  private final int maxSampleBytes;

  /** Result: movie header values and the tracks in file order. */
  public static final class Movie {
    /** mvhd timescale, or 0 when there is no (readable) mvhd. */
    public long movieTimescale;

    /** mvhd duration, or -1 when unknown. */
    public long movieDuration = -1;

    /** Whether moov has an mvex box (the file is meant to have fragments). */
    public boolean hasMvex;

    /** Tracks in file order. */
    public final List<TrackData> tracks = new ArrayList<>();

    /** Returns the track with this id, or null. */
    public TrackData track(long trackId) {
      for (TrackData t : tracks) {
        if (t.trackId == trackId) {
          return t;
        }
      }
      return null;
    }
  }

  /**
   * Creates a parser.
   *
   * @param source input name for messages
   * @param fileSize size of the whole file, to check sample positions
   * @param maxSamples the largest number of samples a track may have
   * @param maxSampleBytes the largest sample
   */
  public MoovParser(String source, long fileSize, int maxSamples, int maxSampleBytes) {
    this.source = source;
    this.fileSize = fileSize;
    this.maxSamples = maxSamples;
    this.maxSampleBytes = maxSampleBytes;
  }

  /** Parses the moov payload. */
  public Movie parse(BoxPayload moov) throws RrdFormatException {
    Movie movie = new Movie();
    List<BoxPayload> traks = new ArrayList<>();
    BoxPayload mvex = null;
    for (BoxPayload.Box b = moov.nextChild(); b != null; b = moov.nextChild()) {
      if (b.type() == Fourcc.MVHD) {
        parseMvhd(moov.open(b), movie);
      } else if (b.type() == Fourcc.TRAK) {
        traks.add(moov.open(b));
      } else if (b.type() == Fourcc.MVEX) {
        mvex = moov.open(b);
        movie.hasMvex = true;
      }
    }
    for (BoxPayload trak : traks) {
      TrackData t = parseTrak(trak, movie.movieTimescale);
      if (movie.track(t.trackId) != null) {
        throw new Mp4FormatException(
            "tkhd track_ID: expected a unique id, found a second track with id " + t.trackId,
            source,
            trak.absPosition(),
            trak.path());
      }
      movie.tracks.add(t);
    }
    if (mvex != null) {
      parseMvex(mvex, movie);
    }
    return movie;
  }

  private void parseMvhd(BoxPayload p, Movie movie) throws RrdFormatException {
    int version = p.versionAndFlags("mvhd") >>> 24;
    boolean wide = version == 1;
    p.skip(wide ? 16 : 8, "mvhd creation/modification time");
    long at = p.absPosition();
    long ts = p.u32("mvhd timescale");
    if (ts == 0) {
      throw p.errorAt(at, "mvhd timescale: expected > 0, found 0");
    }
    movie.movieTimescale = ts;
    long d = p.u32or64(wide, "mvhd duration");
    movie.movieDuration = isAllOnes(d, wide) ? -1 : d;
  }

  private static boolean isAllOnes(long v, boolean wide) {
    return wide ? v == -1 : v == 0xFFFF_FFFFL;
  }

  private void parseMvex(BoxPayload mvex, Movie movie) throws RrdFormatException {
    for (BoxPayload.Box b = mvex.nextChild(); b != null; b = mvex.nextChild()) {
      if (b.type() != Fourcc.TREX) {
        continue;
      }
      BoxPayload p = mvex.open(b);
      p.versionAndFlags("trex");
      long at = p.absPosition();
      long id = p.u32("trex track_ID");
      TrackData t = movie.track(id);
      if (t == null) {
        throw p.errorAt(at, "trex track_ID: expected the id of a track, found " + id);
      }
      t.hasTrex = true;
      t.trexDescriptionIndex = p.u32("trex default_sample_description_index");
      t.trexDuration = p.u32("trex default_sample_duration");
      t.trexSize = p.u32("trex default_sample_size");
      t.trexFlags = p.i32("trex default_sample_flags");
    }
  }

  private TrackData parseTrak(BoxPayload trak, long movieTimescale) throws RrdFormatException {
    TrackData t = new TrackData();
    t.path = trak.path();
    BoxPayload tkhd = null;
    BoxPayload mdia = null;
    BoxPayload edts = null;
    for (BoxPayload.Box b = trak.nextChild(); b != null; b = trak.nextChild()) {
      if (b.type() == Fourcc.TKHD && tkhd == null) {
        tkhd = trak.open(b);
      } else if (b.type() == Fourcc.MDIA && mdia == null) {
        mdia = trak.open(b);
      } else if (b.type() == Fourcc.EDTS && edts == null) {
        edts = trak.open(b);
      }
    }
    if (tkhd == null) {
      throw missing(trak, "tkhd");
    }
    if (mdia == null) {
      throw missing(trak, "mdia");
    }
    int vf = tkhd.versionAndFlags("tkhd");
    t.tkhdFlags = vf & 0xFF_FFFF;
    tkhd.skip((vf >>> 24) == 1 ? 16 : 8, "tkhd creation/modification time");
    long at = tkhd.absPosition();
    t.trackId = tkhd.u32("tkhd track_ID");
    if (t.trackId == 0) {
      throw tkhd.errorAt(at, "tkhd track_ID: expected > 0, found 0");
    }
    // reserved, duration, reserved[2], layer, alternate_group, volume, reserved, then the matrix
    tkhd.skip(4 + ((vf >>> 24) == 1 ? 8 : 4) + 8 + 8, "tkhd duration/layer/volume");
    t.matrix = new int[9];
    for (int i = 0; i < 9; i++) {
      t.matrix[i] = tkhd.i32("tkhd matrix");
    }
    parseMdia(mdia, t);
    if (edts != null) {
      for (BoxPayload.Box b = edts.nextChild(); b != null; b = edts.nextChild()) {
        if (b.type() == Fourcc.ELST) {
          t.edits = parseElst(edts.open(b), t, movieTimescale);
          break;
        }
      }
    }
    return t;
  }

  private Mp4FormatException missing(BoxPayload parent, String type) {
    return new Mp4FormatException(
        "'" + type + "' box: expected one inside '" + parent.path() + "', found none",
        source,
        parent.absPosition(),
        parent.path());
  }

  /**
   * Parses an edit list. Media times (track ticks) must be -1 or within the track's time range;
   * segment durations (movie ticks) are summed and the sum must be within the movie timescale's
   * time range (4e18 ticks when there is no mvhd) and, converted to the track timescale, within the
   * track's: so an edited presentation time is a sum of representable values.
   */
  private static List<EditListEntry> parseElst(BoxPayload p, TrackData t, long movieTimescale)
      throws RrdFormatException {
    int version = p.versionAndFlags("elst") >>> 24;
    boolean wide = version == 1;
    int n = p.count("elst entry_count", wide ? 20 : 12);
    Timescale movie = movieTimescale > 0 ? Timescale.of(movieTimescale) : null;
    long maxSegments =
        movie == null ? MediaLimits.MAX_ABS_TIME_NANOS : MediaLimits.maxAbsTicks(movie);
    long total = 0;
    List<EditListEntry> edits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long segAt = p.absPosition();
      long segment = p.u32or64(wide, "elst segment_duration");
      if (segment < 0 || segment > maxSegments - total) {
        throw p.errorAt(
            segAt,
            "elst segment_duration of entry "
                + i
                + ": expected the edits to total at most "
                + maxSegments
                + " movie ticks ("
                + MediaLimits.TIME_RANGE
                + "), found "
                + Long.toUnsignedString(segment)
                + " after "
                + total);
      }
      total += segment;
      if (movie != null) {
        boolean fits;
        try {
          fits = MediaLimits.ticksInRange(t.timescale.fromNanos(movie.toNanos(total)), t.timescale);
        } catch (ArithmeticException e) {
          fits = false;
        }
        if (!fits) {
          throw p.errorAt(
              segAt,
              "elst segment_duration of entry "
                  + i
                  + ": expected the edits to total at most "
                  + t.maxAbsTicks
                  + " ticks of the track timescale "
                  + t.timescale.ticksPerSecond()
                  + ", found "
                  + total
                  + " ticks of the movie timescale "
                  + movieTimescale);
        }
      }
      long at = p.absPosition();
      long mediaTime = wide ? p.i64("elst media_time") : p.i32("elst media_time");
      if (mediaTime < -1 || mediaTime > t.maxAbsTicks) {
        throw p.errorAt(
            at,
            "elst media_time of entry "
                + i
                + ": expected -1 or 0.."
                + t.maxAbsTicks
                + ", found "
                + mediaTime);
      }
      int rateInt = p.i16("elst media_rate_integer");
      int rateFrac = p.i16("elst media_rate_fraction");
      edits.add(new EditListEntry(segment, mediaTime, rateInt, rateFrac));
    }
    return List.copyOf(edits);
  }

  private void parseMdia(BoxPayload mdia, TrackData t) throws RrdFormatException {
    BoxPayload mdhd = null;
    BoxPayload hdlr = null;
    BoxPayload minf = null;
    for (BoxPayload.Box b = mdia.nextChild(); b != null; b = mdia.nextChild()) {
      if (b.type() == Fourcc.MDHD && mdhd == null) {
        mdhd = mdia.open(b);
      } else if (b.type() == Fourcc.HDLR && hdlr == null) {
        hdlr = mdia.open(b);
      } else if (b.type() == Fourcc.MINF && minf == null) {
        minf = mdia.open(b);
      }
    }
    if (mdhd == null) {
      throw missing(mdia, "mdhd");
    }
    if (hdlr == null) {
      throw missing(mdia, "hdlr");
    }
    if (minf == null) {
      throw missing(mdia, "minf");
    }
    int version = mdhd.versionAndFlags("mdhd") >>> 24;
    boolean wide = version == 1;
    mdhd.skip(wide ? 16 : 8, "mdhd creation/modification time");
    long at = mdhd.absPosition();
    long ts = mdhd.u32("mdhd timescale");
    if (ts == 0) {
      throw mdhd.errorAt(at, "mdhd timescale: expected > 0, found 0");
    }
    t.timescale = Timescale.of(ts);
    t.maxAbsTicks = MediaLimits.maxAbsTicks(t.timescale);
    long d = mdhd.u32or64(wide, "mdhd duration");
    t.mediaDuration = isAllOnes(d, wide) ? -1 : d;

    hdlr.versionAndFlags("hdlr");
    hdlr.skip(4, "hdlr pre_defined");
    t.handlerType = hdlr.i32("hdlr handler_type");

    BoxPayload stbl = null;
    for (BoxPayload.Box b = minf.nextChild(); b != null; b = minf.nextChild()) {
      if (b.type() == Fourcc.STBL) {
        stbl = minf.open(b);
        break;
      }
    }
    if (stbl == null) {
      throw missing(minf, "stbl");
    }
    parseStbl(stbl, t);
  }

  // ------------------------------------------------------------------ stbl

  private void parseStbl(BoxPayload stbl, TrackData t) throws RrdFormatException {
    BoxPayload stsd = null;
    BoxPayload stts = null;
    BoxPayload ctts = null;
    BoxPayload stss = null;
    BoxPayload stsz = null;
    BoxPayload stsc = null;
    BoxPayload stco = null;
    boolean stz2 = false;
    boolean co64 = false;
    for (BoxPayload.Box b = stbl.nextChild(); b != null; b = stbl.nextChild()) {
      int type = b.type();
      if (type == Fourcc.STSD && stsd == null) {
        stsd = stbl.open(b);
      } else if (type == Fourcc.STTS && stts == null) {
        stts = stbl.open(b);
      } else if (type == Fourcc.CTTS && ctts == null) {
        ctts = stbl.open(b);
      } else if (type == Fourcc.STSS && stss == null) {
        stss = stbl.open(b);
      } else if ((type == Fourcc.STSZ || type == Fourcc.STZ2) && stsz == null) {
        stsz = stbl.open(b);
        stz2 = type == Fourcc.STZ2;
      } else if (type == Fourcc.STSC && stsc == null) {
        stsc = stbl.open(b);
      } else if ((type == Fourcc.STCO || type == Fourcc.CO64) && stco == null) {
        stco = stbl.open(b);
        co64 = type == Fourcc.CO64;
      }
    }
    if (stsd == null) {
      throw missing(stbl, "stsd");
    }
    if (stts == null) {
      throw missing(stbl, "stts");
    }
    if (stsz == null) {
      throw missing(stbl, "stsz");
    }
    if (stsc == null) {
      throw missing(stbl, "stsc");
    }
    if (stco == null) {
      throw missing(stbl, "stco");
    }
    t.sampleEntries = parseStsd(stsd, t.handlerType);
    t.usedEntries = new boolean[t.sampleEntries.size()];

    // --- stsz / stz2: the sample count
    stsz.versionAndFlags(stz2 ? "stz2" : "stsz");
    long constantSize = 0;
    int fieldBits = 32;
    if (stz2) {
      stsz.skip(3, "stz2 reserved");
      long at = stsz.absPosition();
      fieldBits = stsz.u8("stz2 field_size");
      if (fieldBits != 4 && fieldBits != 8 && fieldBits != 16) {
        throw stsz.errorAt(at, "stz2 field_size: expected 4, 8 or 16, found " + fieldBits);
      }
    } else {
      constantSize = stsz.u32("stsz sample_size");
    }
    long countAt = stsz.absPosition();
    long sampleCount = stsz.u32((stz2 ? "stz2" : "stsz") + " sample_count");
    if (sampleCount > maxSamples) {
      throw stsz.errorAt(
          countAt,
          "sample_count: expected at most "
              + maxSamples
              + " samples (the configured limit), found "
              + sampleCount);
    }
    int n = (int) sampleCount;
    if (constantSize == 0) {
      long tableBytes = ((long) n * fieldBits + 7) / 8;
      if (tableBytes > stsz.remaining()) {
        throw stsz.errorAt(
            countAt,
            "sample_count: expected at most "
                + (stsz.remaining() * 8L / fieldBits)
                + " entries in the rest of the box, found "
                + n);
      }
    }
    if (constantSize > Integer.MAX_VALUE) {
      throw stsz.errorAt(
          countAt - 4, "stsz sample_size: expected at most 2^31-1, found " + constantSize);
    }
    int sizesStart = stsz.arrayPosition();

    // --- stts
    stts.versionAndFlags("stts");
    long sttsAt = stts.absPosition();
    int sttsCount = stts.count("stts entry_count", 8);
    long[] sttsRun = new long[sttsCount];
    long[] sttsDelta = new long[sttsCount];
    long total = 0;
    for (int i = 0; i < sttsCount; i++) {
      sttsRun[i] = stts.u32("stts sample_count");
      sttsDelta[i] = stts.u32("stts sample_delta");
      total += sttsRun[i]; // at most 2^32 entries of < 2^32: fits in a long
    }
    if (total != n) {
      throw new Mp4FormatException(
          "stts sample count: expected "
              + n
              + " (the sample_count of "
              + (stz2 ? "stz2" : "stsz")
              + "), found a total of "
              + total,
          source,
          sttsAt,
          stts.path());
    }

    // --- ctts (optional)
    int cttsCount = 0;
    long[] cttsRun = null;
    long[] cttsOffset = null;
    if (ctts != null) {
      ctts.versionAndFlags("ctts");
      cttsCount = ctts.count("ctts entry_count", 8);
      cttsRun = new long[cttsCount];
      cttsOffset = new long[cttsCount];
      for (int i = 0; i < cttsCount; i++) {
        cttsRun[i] = ctts.u32("ctts sample_count");
        int raw = ctts.i32("ctts sample_offset");
        // Version 1 offsets are signed. Version 0 offsets are unsigned, but writers that store
        // negative offsets in a version-0 box exist; like FFmpeg we read values >= 2^31 as
        // negative (no real composition offset is 2^31 ticks or more), so both versions read
        // the field as a signed 32-bit value.
        cttsOffset[i] = raw;
      }
    }

    // --- stss (optional): absent means every sample is a sync sample
    boolean[] sync = new boolean[n];
    if (stss == null) {
      java.util.Arrays.fill(sync, true);
    } else {
      stss.versionAndFlags("stss");
      int k = stss.count("stss entry_count", 4);
      for (int i = 0; i < k; i++) {
        long at = stss.absPosition();
        long s = stss.u32("stss sample_number");
        if (s < 1 || s > n) {
          throw stss.errorAt(
              at, "stss sample_number of entry " + i + ": expected 1.." + n + ", found " + s);
        }
        sync[(int) s - 1] = true;
      }
    }

    // --- stco / co64
    stco.versionAndFlags(co64 ? "co64" : "stco");
    int chunkCount = stco.count((co64 ? "co64" : "stco") + " entry_count", co64 ? 8 : 4);
    long chunkTableAt = stco.absPosition();
    long[] chunkOffset = new long[chunkCount];
    for (int i = 0; i < chunkCount; i++) {
      chunkOffset[i] = co64 ? stco.u63("co64 chunk_offset") : stco.u32("stco chunk_offset");
    }

    // --- stsc
    stsc.versionAndFlags("stsc");
    int stscCount = stsc.count("stsc entry_count", 12);
    long stscTableAt = stsc.absPosition();
    long[] stscFirst = new long[stscCount];
    long[] stscPerChunk = new long[stscCount];
    int[] stscEntry = new int[stscCount];
    for (int i = 0; i < stscCount; i++) {
      long at = stsc.absPosition();
      stscFirst[i] = stsc.u32("stsc first_chunk");
      stscPerChunk[i] = stsc.u32("stsc samples_per_chunk");
      long sdi = stsc.u32("stsc sample_description_index");
      if (stscFirst[i] > chunkCount) {
        throw stsc.errorAt(
            at,
            "stsc first_chunk of entry "
                + i
                + ": expected a chunk number in 1.."
                + chunkCount
                + " ("
                + (co64 ? "co64" : "stco")
                + " has "
                + chunkCount
                + " chunks), found "
                + stscFirst[i]);
      }
      if (i == 0 && stscFirst[0] != 1) {
        throw stsc.errorAt(at, "stsc first_chunk of entry 0: expected 1, found " + stscFirst[0]);
      }
      if (i > 0 && stscFirst[i] <= stscFirst[i - 1]) {
        throw stsc.errorAt(
            at,
            "stsc first_chunk of entry "
                + i
                + ": expected more than "
                + stscFirst[i - 1]
                + " (the previous entry's), found "
                + stscFirst[i]);
      }
      if (sdi < 1 || sdi > t.sampleEntries.size()) {
        throw stsc.errorAt(
            at + 8,
            "stsc sample_description_index of entry "
                + i
                + ": expected 1.."
                + t.sampleEntries.size()
                + ", found "
                + sdi);
      }
      stscEntry[i] = (int) sdi - 1;
    }
    if (n > 0 && stscCount == 0) {
      throw new Mp4FormatException(
          "stsc entry_count: expected at least 1 entry for " + n + " samples, found 0",
          source,
          stscTableAt - 4,
          stsc.path());
    }

    // --- walk chunks and samples
    // The codec of the first entry; Mp4Demuxer re-labels the table if the samples (including
    // those of later fragments) turn out to use another entry.
    t.codec = t.sampleEntries.isEmpty() ? null : t.sampleEntries.get(0).codec();
    t.samples = SampleTable.builder(t.timescale, t.codec);
    byte[] sizes = stsz.array();
    int sttsIdx = 0;
    long sttsLeft = sttsCount > 0 ? sttsRun[0] : 0;
    int cttsIdx = 0;
    long cttsLeft = cttsCount > 0 ? cttsRun[0] : 0;
    long dts = 0;
    int sample = 0;
    int stscIdx = 0;
    for (int c = 0; c < chunkCount && sample < n; c++) {
      while (stscIdx + 1 < stscCount && stscFirst[stscIdx + 1] <= c + 1L) {
        stscIdx++;
      }
      t.usedEntries[stscEntry[stscIdx]] = true;
      long perChunk = stscPerChunk[stscIdx];
      long pos = chunkOffset[c];
      for (long k = 0; k < perChunk && sample < n; k++) {
        long size;
        if (constantSize != 0) {
          size = constantSize;
        } else if (fieldBits == 32) {
          size = BoxPayload.getInt(sizes, sizesStart + 4 * sample) & 0xFFFF_FFFFL;
        } else if (fieldBits == 16) {
          int i = sizesStart + 2 * sample;
          size = ((sizes[i] & 0xFF) << 8) | (sizes[i + 1] & 0xFF);
        } else if (fieldBits == 8) {
          size = sizes[sizesStart + sample] & 0xFF;
        } else {
          int b = sizes[sizesStart + sample / 2] & 0xFF;
          size = (sample & 1) == 0 ? b >>> 4 : b & 0xF;
        }
        if (size > maxSampleBytes) {
          throw new LimitExceededException(
              "MP4 sample " + sample + " of track " + t.trackId,
              size,
              maxSampleBytes,
              source,
              constantSize != 0
                  ? countAt - 4
                  : stsz.absPosition() - stsz.arrayPosition() + sizesStart + 4L * sample,
              -1);
        }
        long end = pos + size; // pos < 2^63 and size < 2^31
        if (end > fileSize || end < 0) { // an empty sample too: its position is in the file
          throw new Mp4FormatException(
              "sample "
                  + sample
                  + " (chunk "
                  + (c + 1)
                  + ") at offset "
                  + pos
                  + " with "
                  + size
                  + " bytes: expected it to end within the file of "
                  + fileSize
                  + " bytes, found end "
                  + end,
              source,
              chunkTableAt + (long) c * (co64 ? 8 : 4),
              stco.path());
        }
        while (sttsLeft == 0) { // terminates: the stts total equals n (checked above)
          sttsIdx++;
          sttsLeft = sttsRun[sttsIdx];
        }
        long delta = sttsDelta[sttsIdx];
        sttsLeft--;
        long cto = 0;
        while (cttsLeft == 0 && cttsIdx + 1 < cttsCount) {
          cttsIdx++;
          cttsLeft = cttsRun[cttsIdx];
        }
        if (cttsLeft > 0) {
          cto = cttsOffset[cttsIdx];
          cttsLeft--;
        }
        t.addSample(stts, sttsAt, sample, dts, cto, delta, (int) size, pos, sync[sample]);
        dts += delta; // dts <= 4e18 (checked) plus a delta < 2^32: fits in a long
        pos = end;
        sample++;
      }
    }
    if (sample < n) {
      throw new Mp4FormatException(
          "samples in chunks: expected "
              + n
              + " (the sample_count of "
              + (stz2 ? "stz2" : "stsz")
              + "), found room for only "
              + sample
              + " in "
              + chunkCount
              + " chunks",
          source,
          stscTableAt - 4,
          stsc.path());
    }
    t.nextDts = dts;
    t.moovSamples = t.samples.size();
  }

  // ------------------------------------------------------------------ stsd

  private List<TrackData.SampleEntryData> parseStsd(BoxPayload stsd, int handler)
      throws RrdFormatException {
    stsd.versionAndFlags("stsd");
    int n = stsd.count("stsd entry_count", 8);
    List<TrackData.SampleEntryData> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BoxPayload.Box b = stsd.nextChild();
      if (b == null) {
        throw stsd.error(
            "stsd entries: expected " + n + " sample entries, found only " + i + " boxes");
      }
      entries.add(parseSampleEntry(stsd.open(b), b, handler));
    }
    return List.copyOf(entries);
  }

  /** Returns the codec carried by a sample entry type, or null. */
  public static VideoCodec codecOf(int type) {
    if (type == Fourcc.AVC1 || type == Fourcc.AVC3) {
      return VideoCodec.H264;
    } else if (type == Fourcc.HVC1 || type == Fourcc.HEV1) {
      return VideoCodec.H265;
    } else if (type == Fourcc.AV01) {
      return VideoCodec.AV1;
    } else if (type == Fourcc.VP08) {
      return VideoCodec.VP8;
    } else if (type == Fourcc.VP09) {
      return VideoCodec.VP9;
    }
    return null;
  }

  /** Returns the configuration box type a supported sample entry must carry. */
  public static int configBoxOf(VideoCodec codec) {
    switch (codec) {
      case H264:
        return Fourcc.AVCC;
      case H265:
        return Fourcc.HVCC;
      case AV1:
        return Fourcc.AV1C;
      default:
        return Fourcc.VPCC;
    }
  }

  private TrackData.SampleEntryData parseSampleEntry(BoxPayload p, BoxPayload.Box box, int handler)
      throws RrdFormatException {
    int type = box.type();
    VideoCodec codec = codecOf(type);
    boolean visual = codec != null || handler == Fourcc.VIDE;
    if (!visual || p.remaining() < 78) {
      if (codec != null) {
        p.need(78, "visual sample entry");
      }
      return new TrackData.SampleEntryData(type, null, 0, 0, null, null, box.offset(), box.path());
    }
    // SampleEntry: 6 reserved bytes, data_reference_index; VisualSampleEntry: 16 bytes of
    // pre_defined/reserved, width, height, resolutions, reserved, frame_count, compressorname,
    // depth, pre_defined = 78 bytes before the child boxes.
    p.skip(6 + 2 + 16, "visual sample entry header");
    int width = p.u16("visual sample entry width");
    int height = p.u16("visual sample entry height");
    p.skip(50, "visual sample entry resolution/frame_count/compressorname/depth");
    if (codec == null) {
      return new TrackData.SampleEntryData(
          type, null, width, height, null, null, box.offset(), box.path());
    }
    int want = configBoxOf(codec);
    for (BoxPayload.Box c = p.nextChild(); c != null; c = p.nextChild()) {
      if (c.type() == want) {
        BoxPayload cp = p.open(c);
        byte[] bytes = new byte[cp.remaining()];
        System.arraycopy(cp.array(), cp.arrayPosition(), bytes, 0, bytes.length);
        DecoderConfig config = ConfigCodec.parse(want, cp);
        return new TrackData.SampleEntryData(
            type, codec, width, height, config, bytes, box.offset(), box.path());
      }
    }
    throw new Mp4FormatException(
        "'"
            + Fourcc.toString(want)
            + "' box: expected one in the '"
            + Fourcc.toString(type)
            + "' sample entry, found none",
        source,
        box.offset(),
        box.path());
  }
}
