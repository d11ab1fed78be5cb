package dev.rrdvideo.media.bitstream;

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

  /** Writes the file header. */
  public IvfWriter(OutputStream out, IvfHeader header) throws IOException {
    this.out = out;
    ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    h.put("DKIF".getBytes(StandardCharsets.US_ASCII));
    h.putShort((short) 0);
    h.putShort((short) 32);
    h.put(header.fourcc().getBytes(StandardCharsets.US_ASCII));
    h.putShort((short) header.width());
    h.putShort((short) header.height());
    h.putInt((int) header.timebaseDenominator());
    h.putInt((int) header.timebaseNumerator());
    h.putInt((int) header.frameCount());
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
