package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.SampleTable;
import dev.rrdvideo.media.Timescale;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads an IVF file (VP8, VP9 or AV1 frames with timestamps) from a stream, one frame at a time
 * into a reused buffer.
 *
 * <pre>
 * file header (32 bytes, little-endian)    frame header (12 bytes)
 *  0  "DKIF"                                 0  frame size (u32)
 *  4  version (u16, 0)                       4  timestamp (u64, in time-base units)
 *  6  header size (u16, 32)
 *  8  FourCC: VP80, VP90, AV01
 * 12  width, height (u16 each)
 * 16  time base denominator (u32), numerator (u32): a tick is num/den seconds
 * 24  frame count (u32), unused (u32)
 * </pre>
 *
 * <p>Frame sizes are checked against a limit before any allocation. Every frame timestamp is
 * converted to nanoseconds exactly ({@link #timestampNanos()}) and must lie within {@link
 * MediaLimits#MAX_ABS_TIME_NANOS}; the reader does not require the timestamps to increase (a
 * converter that needs that checks it). Not thread-safe.
 */
public final class IvfReader {
  /** Largest frame accepted by default (256 MiB). */
  public static final int DEFAULT_MAX_FRAME_BYTES = MediaLimits.MAX_IVF_FRAME_BYTES;

  private final InputStream in;
  private final String source;
  private final int maxFrameBytes;
  private final VideoCodec codec;
  private final int width;
  private final int height;
  private final long timebaseDen;
  private final long timebaseNum;
  private final long frameCountField;
  private final Timescale timescale;
  private final byte[] header = new byte[32];
  private final byte[] frameHeader = new byte[12];
  private final ByteBuffer frameHeaderView =
      ByteBuffer.wrap(frameHeader).order(ByteOrder.LITTLE_ENDIAN);
  private byte[] frame = new byte[1 << 16];
  private int frameSize;
  private long timestamp;
  private long timestampNanos;
  private long position;
  private long frameOffset;
  private int index = -1;

  private IvfReader(InputStream in, String source, int maxFrameBytes) throws IOException {
    this.in = in;
    this.source = source;
    this.maxFrameBytes = maxFrameBytes;
    int n = in.readNBytes(header, 0, 32);
    position = n;
    if (n < 32) {
      throw new BitstreamException(
          "not an IVF file: expected a 32-byte header, found " + n + " bytes", source, 0, -1);
    }
    if (header[0] != 'D' || header[1] != 'K' || header[2] != 'I' || header[3] != 'F') {
      throw new BitstreamException("not an IVF file: expected signature DKIF", source, 0, -1);
    }
    ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    int headerSize = b.getShort(6) & 0xFFFF;
    if (headerSize < 32 || headerSize > 4096) {
      throw new BitstreamException(
          "IVF header size " + headerSize + ": expected 32", source, 6, -1);
    }
    String fourcc = new String(header, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
    codec =
        switch (fourcc) {
          case "VP80" -> VideoCodec.VP8;
          case "VP90" -> VideoCodec.VP9;
          case "AV01" -> VideoCodec.AV1;
          default ->
              throw new dev.rrdvideo.format.error.UnsupportedFeatureException(
                  "IVF FourCC '" + fourcc + "' is not supported (expected VP80, VP90 or AV01)",
                  source,
                  8);
        };
    width = b.getShort(12) & 0xFFFF;
    height = b.getShort(14) & 0xFFFF;
    timebaseDen = b.getInt(16) & 0xFFFF_FFFFL;
    timebaseNum = b.getInt(20) & 0xFFFF_FFFFL;
    frameCountField = b.getInt(24) & 0xFFFF_FFFFL;
    if (timebaseDen == 0 || timebaseNum == 0) {
      throw new BitstreamException(
          "IVF time base " + timebaseNum + "/" + timebaseDen + ": expected non-zero",
          source,
          16,
          -1);
    }
    timescale = Timescale.of(timebaseDen);
    if (headerSize > 32) {
      byte[] rest = new byte[headerSize - 32];
      int got = in.readNBytes(rest, 0, rest.length);
      if (got < rest.length) {
        throw new BitstreamException("truncated IVF header", source, position, -1);
      }
      position += got;
    }
  }

  /** Opens a reader; reads and checks the file header. */
  public static IvfReader open(InputStream in, String source) throws IOException {
    return new IvfReader(in, source, DEFAULT_MAX_FRAME_BYTES);
  }

  /** Opens a reader with a frame size limit other than {@link #DEFAULT_MAX_FRAME_BYTES}. */
  public static IvfReader open(InputStream in, String source, int maxFrameBytes)
      throws IOException {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive, was " + maxFrameBytes);
    }
    return new IvfReader(in, source, maxFrameBytes);
  }

  /** Returns the codec named by the header. */
  public VideoCodec codec() {
    return codec;
  }

  /** Returns the width from the header. */
  public int width() {
    return width;
  }

  /** Returns the height from the header. */
  public int height() {
    return height;
  }

  /** Returns the time base denominator (ticks per {@link #timebaseNumerator()} seconds). */
  public long timebaseDenominator() {
    return timebaseDen;
  }

  /** Returns the time base numerator. */
  public long timebaseNumerator() {
    return timebaseNum;
  }

  /** Returns the header's frame-count field as written (some writers put other values there). */
  public long frameCountField() {
    return frameCountField;
  }

  /** Reads the next frame; returns false at the end of the file. */
  public boolean next() throws IOException {
    byte[] fh = frameHeader;
    int n = in.readNBytes(fh, 0, 12);
    if (n == 0) {
      return false;
    }
    if (n < 12) {
      throw new BitstreamException(
          "truncated IVF frame header: expected 12 bytes, found " + n, source, position, index + 1);
    }
    ByteBuffer b = frameHeaderView;
    long size = b.getInt(0) & 0xFFFF_FFFFL;
    long ts = b.getLong(4);
    if (size > maxFrameBytes) {
      throw new BitstreamException(
          "IVF frame of " + size + " bytes: expected at most " + maxFrameBytes,
          source,
          position,
          index + 1);
    }
    long nanos = toNanos(ts);
    if (nanos == Long.MIN_VALUE) {
      throw new BitstreamException(
          "IVF frame "
              + (index + 1)
              + " at offset "
              + position
              + ": timestamp "
              + ts
              + " (time base "
              + timebaseNum
              + "/"
              + timebaseDen
              + " s) is outside the supported range of "
              + MediaLimits.TIME_RANGE,
          source,
          position + 4,
          index + 1);
    }
    frameOffset = position + 12;
    if (frame.length < size) {
      frame =
          Arrays.copyOf(frame, (int) Math.max(size, Math.min(maxFrameBytes, 2L * frame.length)));
    }
    int got = in.readNBytes(frame, 0, (int) size);
    if (got < size) {
      throw new BitstreamException(
          "truncated IVF frame: expected " + size + " bytes, found " + got,
          source,
          frameOffset,
          index + 1);
    }
    position = frameOffset + size;
    frameSize = (int) size;
    timestamp = ts;
    timestampNanos = nanos;
    index++;
    return true;
  }

  /** Returns {@code ticks} in nanoseconds, or {@code Long.MIN_VALUE} when out of range. */
  private long toNanos(long ticks) {
    try {
      long nanos = timescale.toNanos(Math.multiplyExact(ticks, timebaseNum));
      return MediaLimits.nanosInRange(nanos) ? nanos : Long.MIN_VALUE;
    } catch (ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  /** Returns the file header's fields. */
  public IvfHeader header() {
    return new IvfHeader(codec, width, height, timebaseDen, timebaseNum, frameCountField);
  }

  /** Returns the 0-based index of the current frame. */
  public int index() {
    return index;
  }

  /** Returns the offset of the current frame's 12-byte header in the file. */
  public long frameHeaderOffset() {
    return frameOffset - 12;
  }

  /**
   * Returns the current frame's timestamp in nanoseconds ({@code timestamp * num / den} seconds,
   * rounded half away from zero), within {@link MediaLimits#MAX_ABS_TIME_NANOS}.
   */
  public long timestampNanos() {
    return timestampNanos;
  }

  /** Returns the current frame's bytes (valid until {@link #next()}); see {@link #frameSize()}. */
  public byte[] frame() {
    return frame;
  }

  /** Returns the current frame's size. */
  public int frameSize() {
    return frameSize;
  }

  /** Returns the current frame's timestamp in time-base units. */
  public long timestamp() {
    return timestamp;
  }

  /** Returns the current frame's payload offset in the file. */
  public long frameOffset() {
    return frameOffset;
  }

  /**
   * Reads the remaining frames into a sample table. Times: ticks of the file's time base when its
   * numerator is 1 and its denominator at most 10^9, else nanoseconds ({@link #timestampNanos()});
   * decode time = presentation time (IVF stores no reordering); each duration runs to the next
   * frame's time (the last frame's is 0, unknown). Sizes and offsets are the frame payloads' (after
   * each 12-byte frame header). Keyframes are the bitstream's ({@link SampleInspector}: VP8/VP9 key
   * frames, AV1 key frames that carry a sequence header), since IVF declares none. Memory: the
   * table (about 40 bytes per frame) plus one frame.
   *
   * @throws BitstreamException for a damaged file, as {@link #next()}
   */
  public SampleTable readTable() throws IOException {
    boolean ticks = timebaseNum == 1 && timebaseDen <= 1_000_000_000L;
    SampleTable.Builder b = SampleTable.builder(ticks ? timescale : Timescale.NANOS, codec);
    SampleInspector inspector = new SampleInspector();
    while (next()) {
      inspector.inspect(codec, frame, 0, frameSize);
      long t = ticks ? timestamp : timestampNanos;
      b.add(t, t, 0, frameSize, frameOffset, inspector.keyframe());
    }
    return b.buildWithDurationsToNext(0);
  }
}
