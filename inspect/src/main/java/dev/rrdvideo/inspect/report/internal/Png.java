package dev.rrdvideo.inspect.report.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG encoder for 8-bit RGB pictures (ISO/IEC 15948): signature, {@code IHDR}, one {@code
 * IDAT} and {@code IEND}. Each row gets the filter (None, Sub, Up, Average or Paeth) with the
 * smallest sum of absolute filtered bytes, the usual heuristic, which makes photographs compress
 * about a third better than without filtering.
 */
public final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private Png() {}

  /**
   * Encodes {@code rgb} ({@code width * height * 3} bytes, rows top to bottom, R, G, B per pixel).
   */
  public static byte[] rgb(int width, int height, byte[] rgb) {
    if (width < 1 || height < 1 || rgb.length != (long) width * height * 3) {
      throw new IllegalArgumentException("bad picture size " + width + "x" + height);
    }
    int stride = width * 3;
    byte[] filtered = new byte[(stride + 1) * height];
    byte[][] candidates = new byte[5][stride];
    for (int y = 0; y < height; y++) {
      int row = y * stride;
      int prev = row - stride;
      int best = 0;
      long bestCost = Long.MAX_VALUE;
      for (int f = 0; f < 5; f++) {
        byte[] out = candidates[f];
        long cost = 0;
        for (int x = 0; x < stride; x++) {
          int cur = rgb[row + x] & 0xFF;
          int left = x >= 3 ? rgb[row + x - 3] & 0xFF : 0;
          int up = y > 0 ? rgb[prev + x] & 0xFF : 0;
          int upLeft = y > 0 && x >= 3 ? rgb[prev + x - 3] & 0xFF : 0;
          int v =
              switch (f) {
                case 0 -> cur;
                case 1 -> cur - left;
                case 2 -> cur - up;
                case 3 -> cur - ((left + up) >>> 1);
                default -> cur - paeth(left, up, upLeft);
              };
          out[x] = (byte) v;
          cost += Math.abs((byte) v);
        }
        if (cost < bestCost) {
          bestCost = cost;
          best = f;
        }
      }
      int at = y * (stride + 1);
      filtered[at] = (byte) best;
      System.arraycopy(candidates[best], 0, filtered, at + 1, stride);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream(filtered.length / 2 + 64);
    png.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: RGB
    chunk(png, "IHDR", ihdr, ihdr.length);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(filtered);
      deflater.finish();
      ByteArrayOutputStream z = new ByteArrayOutputStream(filtered.length / 2 + 64);
      byte[] buf = new byte[1 << 14];
      while (!deflater.finished()) {
        int k = deflater.deflate(buf);
        z.write(buf, 0, k);
      }
      byte[] idat = z.toByteArray();
      chunk(png, "IDAT", idat, idat.length);
    } finally {
      deflater.end();
    }
    chunk(png, "IEND", new byte[0], 0);
    return png.toByteArray();
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int len) {
    byte[] head = new byte[8];
    putInt(head, 0, len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, head, 4, 4);
    out.write(head, 0, 8);
    out.write(data, 0, len);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data, 0, len);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.write(c, 0, 4);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
