package dev.rrdvideo.media.mp4;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.media.mp4.internal.Fourcc;
import dev.rrdvideo.media.mp4.internal.TrackData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One track of an MP4 file opened by {@link Mp4Demuxer}: its identity, codec, dimensions,
 * timescale, edit list, decoder configuration and sample table, and positional reads of its
 * samples.
 *
 * <p>The {@link #sampleTable()} holds <em>media</em> times: decode times from {@code stts} (and
 * {@code tfdt}/{@code trun} for fragments) starting where the file says, presentation time = decode
 * time + composition offset. The edit list is <em>not</em> applied; it is reported by {@link
 * #edits()} so that callers decide (a player shifts the presentation by the first edit's media
 * time, see {@link EditListEntry}). Sample offsets are absolute file positions; sizes are the
 * stored payload sizes (length-prefixed NAL units for H.264/H.265).
 *
 * <p>Instances are immutable apart from sample reads, which are thread-safe (synchronized on the
 * demuxer) and valid until the demuxer is closed.
 */
public final class Mp4Track {
  private final Mp4Demuxer demuxer;
  private final long trackId;
  private final int tkhdFlags;
  private final String handlerType;
  private final String sampleEntryType;
  private final VideoCodec codec;
  private final int widthPixels;
  private final int heightPixels;
  private final Timescale timescale;
  private final long mediaDuration;
  private final List<EditListEntry> edits;
  private final DecoderConfig decoderConfig;
  private final SampleTable sampleTable;
  private final int maxSampleSizeBytes;
  private final int[] matrix;
  private final int samplesInMoov;

  Mp4Track(Mp4Demuxer demuxer, TrackData t, SampleTable table) {
    this.demuxer = demuxer;
    this.trackId = t.trackId;
    this.tkhdFlags = t.tkhdFlags;
    this.handlerType = Fourcc.toString(t.handlerType);
    TrackData.SampleEntryData e = t.primaryEntry();
    this.sampleEntryType = e == null ? "" : Fourcc.toString(e.type());
    this.codec = e == null ? null : e.codec();
    this.widthPixels = e == null ? 0 : e.width();
    this.heightPixels = e == null ? 0 : e.height();
    this.decoderConfig = e == null ? null : e.config();
    this.timescale = t.timescale;
    this.mediaDuration = t.mediaDuration;
    this.edits = t.edits;
    this.sampleTable = table;
    int max = 0;
    for (int i = 0; i < table.size(); i++) {
      max = Math.max(max, table.sizeBytes(i));
    }
    this.maxSampleSizeBytes = max;
    this.matrix = t.matrix.clone();
    this.samplesInMoov = Math.min(t.moovSamples, table.size());
  }

  /** Returns the {@code track_ID} from {@code tkhd} (unsigned 32-bit, never 0). */
  public long trackId() {
    return trackId;
  }

  /** Returns whether the track is enabled ({@code tkhd} flag 1). */
  public boolean isEnabled() {
    return (tkhdFlags & 1) != 0;
  }

  /**
   * Returns the {@code tkhd} transformation matrix {a, b, u, c, d, v, x, y, w} as stored (a, b, c,
   * d, x, y in 16.16 fixed point; u, v, w in 2.30). The identity is {0x10000, 0, 0, 0, 0x10000, 0,
   * 0, 0, 0x40000000}; a, b, c, d = 0, 0x10000, -0x10000, 0 rotates by 90 degrees. Players apply it
   * when presenting; the samples are not rotated.
   */
  public int[] displayMatrix() {
    return matrix.clone();
  }

  /** Returns the handler type from {@code hdlr}, e.g. {@code vide} or {@code soun}. */
  public String handlerType() {
    return handlerType;
  }

  /**
   * Returns the FourCC of the sample entry the samples use, e.g. {@code avc1}, {@code hev1}, {@code
   * mp4a} or {@code encv} (empty if {@code stsd} has no entry). Non-printable codes are shown as
   * {@code 0x} plus hex digits.
   */
  public String sampleEntryType() {
    return sampleEntryType;
  }

  /**
   * Returns the video codec of the sample entry ({@code avc1}/{@code avc3} H.264, {@code
   * hvc1}/{@code hev1} H.265, {@code av01} AV1, {@code vp08} VP8, {@code vp09} VP9), or {@code
   * null} when the entry is anything else (see {@link #sampleEntryType()}).
   */
  public VideoCodec codec() {
    return codec;
  }

  /** Returns whether this is a video track ({@code vide}) with a supported codec. */
  public boolean isSupportedVideo() {
    return codec != null && "vide".equals(handlerType);
  }

  /** Returns the width in pixels from the visual sample entry, or 0 for non-visual tracks. */
  public int widthPixels() {
    return widthPixels;
  }

  /** Returns the height in pixels from the visual sample entry, or 0 for non-visual tracks. */
  public int heightPixels() {
    return heightPixels;
  }

  /** Returns the media timescale from {@code mdhd}. */
  public Timescale timescale() {
    return timescale;
  }

  /** Returns the media duration from {@code mdhd} in media ticks, or -1 if unknown. */
  public long mediaDurationTicks() {
    return mediaDuration;
  }

  /** Returns the edit list ({@code edts/elst}) entries, empty if there is none. */
  public List<EditListEntry> edits() {
    return edits;
  }

  /**
   * Returns the decoder configuration of the sample entry ({@code avcC}, {@code hvcC}, {@code av1C}
   * or {@code vpcC}), or {@code null} when the codec is not supported.
   */
  public DecoderConfig decoderConfig() {
    return decoderConfig;
  }

  /** Returns the samples in decode order, in media time (edits not applied). */
  public SampleTable sampleTable() {
    return sampleTable;
  }

  /**
   * Returns how many of the samples (the first ones in decode order) the {@code moov} box
   * describes; the others come from movie fragments ({@code moof}).
   */
  public int samplesInMoov() {
    return samplesInMoov;
  }

  /** Returns the size of the largest sample in bytes (0 when there are none). */
  public int maxSampleSizeBytes() {
    return maxSampleSizeBytes;
  }

  /**
   * Reads sample {@code index} into the start of {@code dst} without allocating.
   *
   * @return the sample size in bytes
   * @throws IndexOutOfBoundsException if {@code index} is not a sample index
   * @throws IllegalArgumentException if {@code dst} is shorter than the sample
   * @throws dev.rrdvideo.media.Mp4FormatException if the file ended early (it shrank after opening)
   * @throws IOException if reading fails
   * @throws IllegalStateException if the demuxer is closed
   */
  public int readSample(int index, byte[] dst) throws IOException {
    Objects.requireNonNull(dst, "dst is null");
    int size = sampleTable.sizeBytes(index);
    if (dst.length < size) {
      throw new IllegalArgumentException(
          "dst holds " + dst.length + " bytes, sample " + index + " has " + size);
    }
    demuxer.readFully(sampleTable.offsetBytes(index), dst, size, index, trackId);
    return size;
  }

  /**
   * Reads sample {@code index} into {@code dst} at its position, advancing the position by the
   * sample size.
   *
   * @return the sample size in bytes
   * @throws IndexOutOfBoundsException if {@code index} is not a sample index
   * @throws IllegalArgumentException if {@code dst} has fewer bytes remaining than the sample
   * @throws IOException if reading fails (see {@link #readSample(int, byte[])})
   */
  public int readSample(int index, ByteBuffer dst) throws IOException {
    Objects.requireNonNull(dst, "dst is null");
    int size = sampleTable.sizeBytes(index);
    if (dst.remaining() < size) {
      throw new IllegalArgumentException(
          "dst has " + dst.remaining() + " bytes remaining, sample " + index + " has " + size);
    }
    int limit = dst.limit();
    dst.limit(dst.position() + size);
    try {
      demuxer.readFully(sampleTable.offsetBytes(index), dst, index, trackId);
    } finally {
      dst.limit(limit);
    }
    return size;
  }

  @Override
  public String toString() {
    return "Mp4Track[id="
        + trackId
        + ", "
        + handlerType
        + "/"
        + sampleEntryType
        + (widthPixels > 0 ? ", " + widthPixels + "x" + heightPixels : "")
        + ", timescale="
        + timescale.ticksPerSecond()
        + ", samples="
        + sampleTable.size()
        + "]";
  }
}
