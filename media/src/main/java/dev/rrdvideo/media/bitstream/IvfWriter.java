package dev.rrdvideo.media.bitstream;

import dev.rrdvideo.format.video.VideoCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes an IVF file (see {@link IvfReader} for the layout). The header's frame-count field is
 * written as given up front, since the output is not seekable. Not thread-safe.
 */
public final class IvfWriter {
  private final OutputStream out;
  private final byte[] fh = new byte[12];

  /**
   * Writes the file header.
   *
   * @param timebaseDen ticks per {@code timebaseNum} seconds
   * @param frameCountField value of the frame-count field
   */
  public IvfWriter(
      OutputStream out,
      VideoCodec codec,
      int width,
      int height,
      long timebaseDen,
      long timebaseNum,
      long frameCountField)
      throws IOException {
    this.out = out;
    String fourcc =
        switch (codec) {
          case VP8 -> "VP80";
          case VP9 -> "VP90";
          case AV1 -> "AV01";
          default -> throw new IllegalArgumentException(codec + " cannot be stored in IVF");
        };
    ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    h.put("DKIF".getBytes(StandardCharsets.US_ASCII));
    h.putShort((short) 0);
    h.putShort((short) 32);
    h.put(fourcc.getBytes(StandardCharsets.US_ASCII));
    h.putShort((short) width);
    h.putShort((short) height);
    h.putInt((int) timebaseDen);
    h.putInt((int) timebaseNum);
    h.putInt((int) frameCountField);
    h.putInt(0);
    out.write(h.array());
  }

  /** Writes one frame with its timestamp in time-base units. */
  public void write(byte[] b, int off, int len, long timestamp) throws IOException {
    ByteBuffer h = ByteBuffer.wrap(fh).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, len);
    h.putLong(4, timestamp);
    out.write(fh);
    out.write(b, off, len);
  }
}
