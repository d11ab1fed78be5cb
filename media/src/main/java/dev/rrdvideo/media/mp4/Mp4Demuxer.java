package dev.rrdvideo.media.mp4;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.Mp4FormatException;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.mp4.internal.BoxPayload;
import dev.rrdvideo.media.mp4.internal.ByteBufferChannel;
import dev.rrdvideo.media.mp4.internal.Fourcc;
import dev.rrdvideo.media.mp4.internal.FragmentParser;
import dev.rrdvideo.media.mp4.internal.MoovParser;
import dev.rrdvideo.media.mp4.internal.TrackData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Random-access reader of ISO base media files (MP4): lists the tracks with their sample tables and
 * reads sample payloads on demand.
 *
 * <p>{@link #open} walks the top-level boxes reading only their 8- or 16-byte headers (so {@code
 * mdat} is never read), reads {@code moov} wherever it is (before or after the media data) and
 * every {@code moof} into memory, and builds one {@link SampleTable} per track from {@code
 * stts}/{@code ctts}/{@code stss}/{@code stsz}/{@code stz2}/{@code stsc}/{@code stco}/{@code co64}
 * followed by the samples of all movie fragments ({@code moof/traf/trun} with {@code mvex/trex}
 * defaults). Sizes may be 64-bit ({@code largesize}) or 0 ("to the end of the file"); all offsets
 * are {@code long}, so files over 4 GiB work. A seekable source is required because {@code moov}
 * may follow the media data; stream input must be spooled to a file first.
 *
 * <p><b>Validation.</b> Every size, count and offset read from the file is checked against the
 * bytes remaining in its box (or file) with overflow-safe arithmetic before an array is sized by
 * it, and the sample count of a track is checked against {@link Limits#maxSamplesPerTrack()}.
 * Malformed input raises {@link Mp4FormatException} with the absolute offset and the box path (e.g.
 * {@code moov/trak[0]/mdia/minf/stbl/stsc}). In particular these are errors: no {@code moov} or two
 * of them; a box whose size is smaller than its header or larger than its parent; a mandatory box
 * missing ({@code tkhd}, {@code mdia}, {@code mdhd}, {@code hdlr}, {@code minf}, {@code stbl},
 * {@code stsd}, {@code stts}, {@code stsz}, {@code stsc}, {@code stco}); a timescale of 0; a {@code
 * stts} total that differs from the {@code stsz} sample count; {@code stsc} entries that do not
 * start at chunk 1, are not increasing, reference a chunk {@code stco} does not have or a sample
 * description {@code stsd} does not have; chunks that cannot hold all samples; a {@code stss} entry
 * outside 1..sample count; any sample (of any track) whose bytes extend past the end of the file; a
 * supported video sample entry without its configuration box; a {@code tfhd} naming an unknown
 * track.
 *
 * <p><b>Tolerated</b> (as FFmpeg and browsers do), documented here so that it is a policy:
 *
 * <ul>
 *   <li>a missing or unreadable {@code mvhd}: {@link #movieTimescale()} is then empty and edit list
 *       durations cannot be interpreted, but samples are read normally;
 *   <li>a top-level box other than {@code moov}/{@code moof} whose size runs past the end of the
 *       file (a truncated download: the walk stops there; samples are still checked one by one),
 *       and fewer than 8 trailing bytes after the last box;
 *   <li>a {@code ctts} covering fewer samples than the track has (the rest get offset 0) or more
 *       (the surplus is ignored); {@code ctts} version-0 offsets of 2^31 or more, which are read as
 *       negative 32-bit values like version-1 offsets, because writers that store negative offsets
 *       in version-0 boxes exist;
 *   <li>{@code stsc}/{@code stco} describing room for more samples than {@code stsz} has (the
 *       surplus chunks are ignored);
 *   <li>no {@code stss}: every sample is a sync sample (as the specification says);
 *   <li>no {@code trex} for a fragmented track: the defaults are 0 and sample description 1;
 *   <li>reserved bits with wrong values; unknown boxes.
 * </ul>
 *
 * <p><b>Threads and ownership.</b> The demuxer owns the channel and closes it in {@link #close()}.
 * Tracks and sample tables are immutable; {@link Mp4Track#readSample} is synchronized on the
 * demuxer and may be called from any thread.
 */
public final class Mp4Demuxer implements AutoCloseable {

  /**
   * Limits that protect against hostile input; checked before memory is allocated.
   *
   * @param maxMetadataBoxBytes largest {@code moov} or {@code moof} box read into memory
   * @param maxSamplesPerTrack largest number of samples of one track
   * @param maxSampleBytes largest sample (buffers that read samples are sized by the largest one)
   */
  public record Limits(int maxMetadataBoxBytes, int maxSamplesPerTrack, int maxSampleBytes) {
    /**
     * 256 MiB of metadata per box, 5 million samples per track (46 hours at 30 fps) and 256 MiB per
     * sample ({@link MediaLimits}).
     */
    public static final Limits DEFAULT =
        new Limits(
            MediaLimits.MAX_MP4_METADATA_BOX_BYTES,
            MediaLimits.MAX_MP4_SAMPLES_PER_TRACK,
            MediaLimits.MAX_MP4_SAMPLE_BYTES);

    /** Checks that the limits are positive. */
    public Limits {
      if (maxMetadataBoxBytes <= 0 || maxSamplesPerTrack <= 0 || maxSampleBytes <= 0) {
        throw new IllegalArgumentException(
            "limits must be positive, were "
                + maxMetadataBoxBytes
                + ", "
                + maxSamplesPerTrack
                + ", "
                + maxSampleBytes);
      }
    }

    /** Limits with the default sample size limit. */
    public Limits(int maxMetadataBoxBytes, int maxSamplesPerTrack) {
      this(maxMetadataBoxBytes, maxSamplesPerTrack, MediaLimits.MAX_MP4_SAMPLE_BYTES);
    }
  }

  private final SeekableByteChannel channel;
  private final String source;
  private final long fileSizeBytes;
  private final String majorBrand;
  private final List<String> compatibleBrands;
  private final Timescale movieTimescale;
  private final long movieDuration;
  private final boolean fragmented;
  private final List<Mp4Track> tracks;
  private byte[] wrappedArray;
  private ByteBuffer wrapped;
  private boolean closed;

  private Mp4Demuxer(
      SeekableByteChannel channel, String source, long fileSizeBytes, Parsed parsed) {
    this.channel = channel;
    this.source = source;
    this.fileSizeBytes = fileSizeBytes;
    this.majorBrand = parsed.majorBrand;
    this.compatibleBrands = parsed.compatibleBrands;
    this.movieTimescale =
        parsed.movie.movieTimescale > 0 ? Timescale.of(parsed.movie.movieTimescale) : null;
    this.movieDuration = parsed.movie.movieDuration;
    this.fragmented = parsed.fragmented;
    List<Mp4Track> list = new ArrayList<>();
    for (int i = 0; i < parsed.movie.tracks.size(); i++) {
      list.add(new Mp4Track(this, parsed.movie.tracks.get(i), parsed.tables.get(i)));
    }
    this.tracks = Collections.unmodifiableList(list);
  }

  /**
   * Opens an MP4 file. The file is closed again if opening fails.
   *
   * @throws Mp4FormatException if the file is malformed
   * @throws UnsupportedFeatureException if a video track mixes different sample descriptions
   * @throws LimitExceededException if a metadata box is larger than the default limit
   * @throws IOException if reading fails
   */
  public static Mp4Demuxer open(Path file) throws IOException {
    return open(file, Limits.DEFAULT);
  }

  /** Opens an MP4 file with explicit limits; see {@link #open(Path)}. */
  public static Mp4Demuxer open(Path file, Limits limits) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      Path name = file.getFileName();
      return open(ch, name == null ? file.toString() : name.toString(), limits);
    } catch (IOException | RuntimeException | Error e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Opens an MP4 held by a seekable channel (a file, or an in-memory channel for a blob). On
   * success the demuxer owns the channel; on failure the caller still does.
   *
   * @param sourceName name of the input used in messages, e.g. a file name or {@code <memory>}
   */
  public static Mp4Demuxer open(SeekableByteChannel channel, String sourceName) throws IOException {
    return open(channel, sourceName, Limits.DEFAULT);
  }

  /**
   * Opens an MP4 held in memory, e.g. the blob of an {@code AssetVideo}. The array is not copied
   * and must not change while the demuxer is in use.
   *
   * @param sourceName name of the input used in messages, e.g. {@code <memory>}
   */
  public static Mp4Demuxer open(byte[] bytes, String sourceName) throws IOException {
    Objects.requireNonNull(bytes, "bytes is null");
    return open(new ByteBufferChannel(ByteBuffer.wrap(bytes)), sourceName, Limits.DEFAULT);
  }

  /**
   * Opens an MP4 held in a {@link ByteBuffer} (its bytes from position to limit), e.g. the blob of
   * an {@code AssetVideo} as a view of the chunk's Arrow buffer: nothing is copied but the metadata
   * boxes and, on request, single samples. The buffer's position and limit are not changed; its
   * bytes must not change (nor, for an Arrow view, its memory be released) while the demuxer is in
   * use.
   *
   * @param sourceName name of the input used in messages, e.g. {@code /camera (AssetVideo blob)}
   */
  public static Mp4Demuxer open(ByteBuffer bytes, String sourceName) throws IOException {
    return open(bytes, sourceName, Limits.DEFAULT);
  }

  /**
   * Opens an MP4 held in a {@link ByteBuffer} with explicit limits; see {@link #open(ByteBuffer,
   * String)}.
   */
  public static Mp4Demuxer open(ByteBuffer bytes, String sourceName, Limits limits)
      throws IOException {
    Objects.requireNonNull(bytes, "bytes is null");
    return open(new ByteBufferChannel(bytes), sourceName, limits);
  }

  /** Opens an MP4 held by a seekable channel with explicit limits. */
  public static Mp4Demuxer open(SeekableByteChannel channel, String sourceName, Limits limits)
      throws IOException {
    Objects.requireNonNull(channel, "channel is null");
    Objects.requireNonNull(limits, "limits is null");
    long size = channel.size();
    Parsed parsed = new Reader(channel, sourceName, size, limits).read();
    return new Mp4Demuxer(channel, sourceName, size, parsed);
  }

  /** Returns the name of the input used in messages. */
  public String sourceName() {
    return source;
  }

  /** Returns the size of the file in bytes. */
  public long fileSizeBytes() {
    return fileSizeBytes;
  }

  /** Returns the major brand of the {@code ftyp} box, or an empty string if there is none. */
  public String majorBrand() {
    return majorBrand;
  }

  /** Returns the compatible brands of the {@code ftyp} box (empty if there is none). */
  public List<String> compatibleBrands() {
    return compatibleBrands;
  }

  /** Returns the movie timescale from {@code mvhd}, or empty when the file has no mvhd. */
  public Optional<Timescale> movieTimescale() {
    return Optional.ofNullable(movieTimescale);
  }

  /** Returns the movie duration from {@code mvhd} in the movie timescale, or -1 if unknown. */
  public long movieDuration() {
    return movieDuration;
  }

  /** Returns whether the file has movie fragments ({@code mvex} in moov or a {@code moof}). */
  public boolean isFragmented() {
    return fragmented;
  }

  /** Returns all tracks in file order. */
  public List<Mp4Track> tracks() {
    return tracks;
  }

  /** Returns the track with the given {@code track_ID}, if there is one. */
  public Optional<Mp4Track> track(long trackId) {
    for (Mp4Track t : tracks) {
      if (t.trackId() == trackId) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the default video track: among the tracks with handler {@code vide} and a supported
   * codec, the one with the lowest track id.
   *
   * @throws UnsupportedFeatureException if there is no such track (the message lists the tracks)
   */
  public Mp4Track videoTrack() throws UnsupportedFeatureException {
    Mp4Track best = null;
    for (Mp4Track t : tracks) {
      if (t.isSupportedVideo() && (best == null || t.trackId() < best.trackId())) {
        best = t;
      }
    }
    if (best == null) {
      StringBuilder sb = new StringBuilder();
      for (Mp4Track t : tracks) {
        sb.append(sb.length() == 0 ? "" : ", ").append("track ").append(t.trackId());
        sb.append(' ').append(t.handlerType()).append('/').append(t.sampleEntryType());
      }
      throw new UnsupportedFeatureException(
          "video track: expected one with codec avc1, avc3, hvc1, hev1, av01, vp08 or vp09, found "
              + (sb.length() == 0 ? "no tracks" : sb),
          source,
          -1);
    }
    return best;
  }

  /** Closes the channel. Sample reads fail afterwards. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    channel.close();
  }

  /** Reads {@code size} bytes at {@code offset} into {@code dst} at its position. */
  synchronized void readFully(long offset, ByteBuffer dst, int sampleIndex, long trackId)
      throws IOException {
    if (closed) {
      throw new IllegalStateException("demuxer is closed");
    }
    long pos = offset;
    while (dst.hasRemaining()) {
      int n;
      if (channel instanceof FileChannel) {
        n = ((FileChannel) channel).read(dst, pos);
      } else {
        channel.position(pos);
        n = channel.read(dst);
      }
      if (n < 0) {
        throw new Mp4FormatException(
            "sample "
                + sampleIndex
                + " of track "
                + trackId
                + ": expected "
                + dst.remaining()
                + " more bytes, found the end of the file (it shrank after it was opened)",
            source,
            pos,
            null);
      }
      pos += n;
    }
  }

  /** Reads into a caller array, reusing one wrapper per array to avoid per-sample allocation. */
  synchronized void readFully(long offset, byte[] dst, int length, int sampleIndex, long trackId)
      throws IOException {
    if (dst != wrappedArray) {
      wrappedArray = dst;
      wrapped = ByteBuffer.wrap(dst);
    }
    wrapped.clear().limit(length);
    readFully(offset, wrapped, sampleIndex, trackId);
  }

  // ------------------------------------------------------------------ opening

  private static final class Parsed {
    String majorBrand = "";
    List<String> compatibleBrands = List.of();
    MoovParser.Movie movie;
    boolean fragmented;
    final List<SampleTable> tables = new ArrayList<>();
  }

  /** The work of {@link #open}: walk, parse moov and moofs, finish the tables. */
  private static final class Reader {
    private final SeekableByteChannel ch;
    private final String source;
    private final long size;
    private final Limits limits;
    private final ByteBuffer header = ByteBuffer.allocate(16);

    Reader(SeekableByteChannel ch, String source, long size, Limits limits) {
      this.ch = ch;
      this.source = source;
      this.size = size;
      this.limits = limits;
    }

    /** A top-level box header: offset, total size, header size and type. */
    private record Top(long offset, long size, int headerSize, int type) {}

    /**
     * Reads the top-level box header at {@code pos}, or returns null where the walk ends (end of
     * file, fewer than 8 bytes left, or a tolerated truncated box).
     */
    private Top top(long pos) throws IOException {
      long left = size - pos;
      if (left < 8) {
        return null;
      }
      readAt(pos, header, (int) Math.min(16, left));
      long boxSize = header.getInt(0) & 0xFFFF_FFFFL;
      int type = header.getInt(4);
      int headerSize = 8;
      if (boxSize == 1) {
        if (left < 16) {
          return null; // truncated largesize header at the very end: tolerated like a short tail
        }
        boxSize = header.getLong(8);
        headerSize = 16;
        if (boxSize < 0) {
          throw new Mp4FormatException(
              "largesize of top-level box '"
                  + Fourcc.toString(type)
                  + "': expected below 2^63, found "
                  + Long.toUnsignedString(boxSize),
              source,
              pos,
              null);
        }
      } else if (boxSize == 0) {
        boxSize = left;
      }
      if (type == Fourcc.UUID) {
        headerSize += 16;
      }
      if (boxSize < headerSize) {
        throw new Mp4FormatException(
            "size of top-level box '"
                + Fourcc.toString(type)
                + "': expected at least "
                + headerSize
                + " bytes, found "
                + boxSize,
            source,
            pos,
            null);
      }
      if (boxSize > left) {
        if (type == Fourcc.MOOV || type == Fourcc.MOOF) {
          throw new Mp4FormatException(
              "size of box '"
                  + Fourcc.toString(type)
                  + "': expected at most the "
                  + left
                  + " bytes left in the file, found "
                  + boxSize,
              source,
              pos,
              null);
        }
        return null; // truncated media data at the end of the file: tolerated
      }
      return new Top(pos, boxSize, headerSize, type);
    }

    Parsed read() throws IOException {
      Parsed parsed = new Parsed();
      Top moov = null;
      long firstMoof = -1;
      long pos = 0;
      int boxes = 0;
      for (Top b = top(pos); b != null; b = top(pos)) {
        boxes++;
        if (b.type() == Fourcc.MOOV) {
          if (moov != null) {
            throw new Mp4FormatException(
                "moov box: expected exactly one, found a second one (the first is at offset "
                    + moov.offset()
                    + ")",
                source,
                b.offset(),
                null);
          }
          moov = b;
        } else if (b.type() == Fourcc.MOOF && firstMoof < 0) {
          firstMoof = b.offset();
        } else if (b.type() == Fourcc.FTYP && boxes == 1) {
          readFtyp(b, parsed);
        }
        pos = b.offset() + b.size(); // size >= 8: the walk always advances
      }
      if (moov == null) {
        throw new Mp4FormatException(
            "moov box: expected one at the top level, found none in " + boxes + " top-level boxes",
            source,
            pos,
            null);
      }
      BoxPayload moovPayload = load(moov, "moov");
      MoovParser.Movie movie =
          new MoovParser(source, size, limits.maxSamplesPerTrack(), limits.maxSampleBytes())
              .parse(moovPayload);
      parsed.movie = movie;
      parsed.fragmented = movie.hasMvex || firstMoof >= 0;
      if (firstMoof >= 0) {
        FragmentParser fragments =
            new FragmentParser(
                movie, source, size, limits.maxSamplesPerTrack(), limits.maxSampleBytes());
        int index = 0;
        for (Top b = top(firstMoof); b != null; b = top(b.offset() + b.size())) {
          if (b.type() == Fourcc.MOOF) {
            fragments.parse(load(b, "moof[" + index + "]"), b.offset());
            index++;
          }
        }
      }
      for (TrackData t : movie.tracks) {
        parsed.tables.add(finish(t));
      }
      return parsed;
    }

    private SampleTable finish(TrackData t) throws UnsupportedFeatureException {
      TrackData.SampleEntryData primary = t.primaryEntry();
      t.codec = primary == null ? null : primary.codec();
      if (t.codec != null) {
        for (int i = 0; i < t.usedEntries.length; i++) {
          TrackData.SampleEntryData e = t.sampleEntries.get(i);
          if (t.usedEntries[i]
              && e != primary
              && (e.type() != primary.type()
                  || !Arrays.equals(e.configBytes(), primary.configBytes()))) {
            throw new UnsupportedFeatureException(
                "sample descriptions of track "
                    + t.trackId
                    + ": expected the samples to use one, found samples using entries with"
                    + " different configurations ("
                    + Fourcc.toString(primary.type())
                    + " and "
                    + Fourcc.toString(e.type())
                    + ")",
                source,
                e.offset());
          }
        }
      }
      SampleTable table = t.samples.build();
      if (table.codec() != t.codec) {
        SampleTable.Builder b = SampleTable.builder(t.timescale, t.codec);
        for (int i = 0; i < table.size(); i++) {
          b.add(
              table.dtsTicks(i),
              table.ptsTicks(i),
              table.durationTicks(i),
              table.sizeBytes(i),
              table.offsetBytes(i),
              table.isKeyframe(i));
        }
        table = b.build();
      }
      t.samples = null;
      return table;
    }

    private void readFtyp(Top b, Parsed parsed) throws IOException {
      long payload = b.size() - b.headerSize();
      if (payload < 8) {
        return; // no major brand: ignore the box
      }
      int n = (int) Math.min(payload, 4096) & ~3;
      ByteBuffer buf = ByteBuffer.allocate(n);
      readAt(b.offset() + b.headerSize(), buf, n);
      parsed.majorBrand = Fourcc.toString(buf.getInt(0));
      List<String> brands = new ArrayList<>();
      for (int i = 8; i + 4 <= n; i += 4) {
        brands.add(Fourcc.toString(buf.getInt(i)));
      }
      parsed.compatibleBrands = List.copyOf(brands);
    }

    private BoxPayload load(Top b, String path) throws IOException {
      if (b.size() > limits.maxMetadataBoxBytes()) {
        throw new LimitExceededException(
            "'" + path + "' box", b.size(), limits.maxMetadataBoxBytes(), source, b.offset(), -1);
      }
      int n = (int) b.size();
      ByteBuffer buf = ByteBuffer.allocate(n);
      readAt(b.offset(), buf, n);
      return new BoxPayload(buf.array(), b.headerSize(), n, b.offset(), source, path);
    }

    private void readAt(long pos, ByteBuffer buf, int n) throws IOException {
      buf.clear().limit(n);
      long p = pos;
      while (buf.hasRemaining()) {
        int r;
        if (ch instanceof FileChannel) {
          r = ((FileChannel) ch).read(buf, p);
        } else {
          ch.position(p);
          r = ch.read(buf);
        }
        if (r < 0) {
          throw new Mp4FormatException(
              "box data: expected " + buf.remaining() + " more bytes, found the end of the file",
              source,
              p,
              null);
        }
        p += r;
      }
    }
  }
}
