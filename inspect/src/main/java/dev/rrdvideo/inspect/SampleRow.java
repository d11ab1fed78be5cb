package dev.rrdvideo.inspect;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.FrameType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the sample table: everything rrdvideo knows about one sample (frame) of one stream.
 *
 * <p>A single instance is reused for every row a source produces; listeners must copy what they
 * want to keep. See {@link SampleColumns} for the meaning and unit of every column.
 *
 * <p>Absent values, one convention: a number that can be absent is a {@code long} that is {@link
 * #ABSENT} when absent (so that reading a row allocates nothing; {@link #present} turns it into an
 * {@link OptionalLong}); every other value that can be absent (text, codec, frame type, a flag) is
 * an {@link Optional}. Tables write absent values as empty cells / JSON {@code null}.
 */
public final class SampleRow {
  /** The value of an absent number. */
  public static final long ABSENT = Long.MIN_VALUE;

  private static final Optional<Boolean> YES = Optional.of(Boolean.TRUE);
  private static final Optional<Boolean> NO = Optional.of(Boolean.FALSE);
  private static final Map<VideoCodec, Optional<VideoCodec>> CODECS =
      new EnumMap<>(VideoCodec.class);
  private static final Map<FrameType, Optional<FrameType>> FRAME_TYPES =
      new EnumMap<>(FrameType.class);

  static {
    for (VideoCodec c : VideoCodec.values()) {
      CODECS.put(c, Optional.of(c));
    }
    for (FrameType t : FrameType.values()) {
      FRAME_TYPES.put(t, Optional.of(t));
    }
  }

  String entity;
  String timeline;
  long sampleIndex;
  long pts;
  long ptsNanos;
  long dtsNanos = ABSENT;
  long durationNanos = ABSENT;
  int sizeBytes;
  Boolean keyframeDeclared;
  Boolean keyframeBitstream;
  FrameType frameType;
  String nalTypes;
  VideoCodec codec;
  int width = -1;
  int height = -1;
  long gopIndex;
  String chunkId;
  long byteOffset = ABSENT;
  String sha256;
  int frameCount = -1;
  boolean randomAccess;
  Boolean annexB;
  boolean parameterSets;

  /** Returns {@code value} as an {@link OptionalLong}: empty when it is {@link #ABSENT}. */
  public static OptionalLong present(long value) {
    return value == ABSENT ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * Returns the entity path of the stream (a recording), or the input file name (MP4, IVF, raw
   * stream).
   */
  public String entity() {
    return entity;
  }

  /**
   * Returns the timeline name ({@code track N} for MP4 input, {@code AssetVideo track N} for an
   * {@code AssetVideo}, {@code stream} for IVF and raw streams).
   */
  public String timeline() {
    return timeline;
  }

  /**
   * Returns the 0-based index in decode order within the stream, or {@link #ABSENT} when the scan
   * did not count the samples before (a part of a recording scanned without its context, {@link
   * RecordingParts}, or after chunks a time range skipped, {@link ScanOptions#skipOutsideRange()}).
   */
  public long sampleIndex() {
    return sampleIndex;
  }

  /** Returns the presentation time in the timeline's own unit (ns, frame number, or MP4 ticks). */
  public long pts() {
    return pts;
  }

  /**
   * Returns the presentation time in nanoseconds, or {@link #ABSENT} (a sequence timeline, a raw
   * stream).
   */
  public long ptsNanos() {
    return ptsNanos;
  }

  /** Returns the decode time in nanoseconds, or {@link #ABSENT}. */
  public long dtsNanos() {
    return dtsNanos;
  }

  /** Returns the duration in nanoseconds, or {@link #ABSENT}. */
  public long durationNanos() {
    return durationNanos;
  }

  /** Returns the payload size in bytes. */
  public int sizeBytes() {
    return sizeBytes;
  }

  /** Returns the keyframe flag the container declares; empty when it says nothing. */
  public Optional<Boolean> keyframeDeclared() {
    return flag(keyframeDeclared);
  }

  /** Returns whether the bitstream is a keyframe by the viewer's rules; empty when not analyzed. */
  public Optional<Boolean> keyframeBitstream() {
    return flag(keyframeBitstream);
  }

  /** Returns the frame type where the bitstream says. */
  public Optional<FrameType> frameType() {
    return frameType == null ? Optional.empty() : FRAME_TYPES.get(frameType);
  }

  /** Returns the NAL unit (or OBU) types, comma-separated, in order. */
  public Optional<String> nalTypes() {
    return Optional.ofNullable(nalTypes);
  }

  /** Returns the codec. */
  public Optional<VideoCodec> codec() {
    return codec == null ? Optional.empty() : CODECS.get(codec);
  }

  /**
   * Returns the picture width in pixels from the stream's parameters (the last seen), or {@link
   * #ABSENT}.
   */
  public long width() {
    return width < 0 ? ABSENT : width;
  }

  /**
   * Returns the picture height in pixels from the stream's parameters (the last seen), or {@link
   * #ABSENT}.
   */
  public long height() {
    return height < 0 ? ABSENT : height;
  }

  /**
   * Returns the 0-based GOP index, or {@link #ABSENT} before the first keyframe (the sample belongs
   * to no GOP).
   */
  public long gopIndex() {
    return gopIndex < 0 ? ABSENT : gopIndex;
  }

  /** Returns the id of the chunk holding the sample ({@code .rrd} only). */
  public Optional<String> chunkId() {
    return Optional.ofNullable(chunkId);
  }

  /** Returns the sample's byte offset in the input file where known, or {@link #ABSENT}. */
  public long byteOffset() {
    return byteOffset;
  }

  /** Returns the sample's SHA-256 in hex (only with hashing on). */
  public Optional<String> sha256() {
    return Optional.ofNullable(sha256);
  }

  /** Returns the number of frames the bitstream holds in this sample, or {@link #ABSENT}. */
  public long frameCount() {
    return frameCount < 0 ? ABSENT : frameCount;
  }

  /**
   * Returns whether an H.264/H.265 sample is Annex B framed (start codes; {@code false}: length
   * prefixes); empty for other codecs or when unknown.
   */
  public Optional<Boolean> annexB() {
    return flag(annexB);
  }

  /**
   * Returns whether the sample carries the parameter sets a decoder needs to start there (SPS and
   * PPS; VPS, SPS and PPS; an AV1 sequence header); {@code false} when unknown.
   */
  public boolean parameterSets() {
    return parameterSets;
  }

  /** Returns whether the sample holds a random-access picture (IDR/IRAP/key frame). */
  public boolean randomAccess() {
    return randomAccess;
  }

  private static Optional<Boolean> flag(Boolean b) {
    return b == null ? Optional.empty() : b ? YES : NO;
  }

  void clearBitstream() {
    frameCount = -1;
    randomAccess = false;
    annexB = null;
    parameterSets = false;
    keyframeBitstream = null;
    frameType = null;
    nalTypes = null;
    width = -1;
    height = -1;
    sha256 = null;
  }
}
