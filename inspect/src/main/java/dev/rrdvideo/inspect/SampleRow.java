package dev.rrdvideo.inspect;

/**
 * One row of the sample table: everything rrdvideo knows about one sample (frame) of one stream.
 *
 * <p>A single instance is reused for every row a source produces; listeners must copy what they
 * want to keep. Absent values are {@code null} (objects), {@link #ABSENT} (longs) or -1 (ints), and
 * are written as empty cells / JSON {@code null}. See {@link SampleColumns} for the meaning and
 * unit of every column.
 */
public final class SampleRow {
  /** The value of an absent {@code long} column. */
  public static final long ABSENT = Long.MIN_VALUE;

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
  String frameType;
  String nalTypes;
  String codec;
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

  /** Returns the entity path (or the input file name for MP4 / elementary streams). */
  public String entity() {
    return entity;
  }

  /** Returns the timeline name ({@code track N} for MP4 input, {@code stream} for others). */
  public String timeline() {
    return timeline;
  }

  /** Returns the 0-based index in decode order within the stream. */
  public long sampleIndex() {
    return sampleIndex;
  }

  /** Returns the presentation time in the timeline's own unit. */
  public long pts() {
    return pts;
  }

  /** Returns the presentation time in nanoseconds. */
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

  /** Returns the keyframe flag the container declares, or {@code null}. */
  public Boolean keyframeDeclared() {
    return keyframeDeclared;
  }

  /** Returns whether the bitstream is a keyframe by the viewer's rules, or {@code null}. */
  public Boolean keyframeBitstream() {
    return keyframeBitstream;
  }

  /** Returns I, P or B where the bitstream says, or {@code null}. */
  public String frameType() {
    return frameType;
  }

  /** Returns the NAL unit (or OBU) types, comma-separated, or {@code null}. */
  public String nalTypes() {
    return nalTypes;
  }

  /** Returns the codec short name ({@code h264}, ...), or {@code null}. */
  public String codec() {
    return codec;
  }

  /** Returns the picture width from the stream's parameters (the last seen), or -1. */
  public int width() {
    return width;
  }

  /** Returns the picture height from the stream's parameters (the last seen), or -1. */
  public int height() {
    return height;
  }

  /**
   * Returns the 0-based GOP index, or -1 before the first keyframe (the sample belongs to no GOP;
   * tables write it as absent).
   */
  public long gopIndex() {
    return gopIndex;
  }

  /** Returns the id of the chunk holding the sample ({@code .rrd} only), or {@code null}. */
  public String chunkId() {
    return chunkId;
  }

  /** Returns the sample's byte offset in the input file where known, or {@link #ABSENT}. */
  public long byteOffset() {
    return byteOffset;
  }

  /** Returns the sample's SHA-256 in hex (only with hashing on), or {@code null}. */
  public String sha256() {
    return sha256;
  }

  /** Returns the number of frames the bitstream holds in this sample, or -1 if unknown. */
  public int frameCount() {
    return frameCount;
  }

  /**
   * Returns whether an H.264/H.265 sample is Annex B framed (start codes), {@code false} if it is
   * length-prefixed, {@code null} for other codecs or when unknown.
   */
  public Boolean annexB() {
    return annexB;
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
