package dev.rrdvideo.format.internal.lz4;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 <em>block</em> format (no frame, no size prefix, no checksum), as Rerun stores chunk
 * payloads, backed by lz4-java.
 *
 * <p>The decompressor is the <em>safe</em> one: corrupt input raises {@link Lz4CorruptException}
 * instead of reading or writing out of bounds. Thread-safe (the lz4-java instances are).
 */
public final class Lz4Block {
  private static final LZ4Factory FACTORY = pickFactory();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

  private Lz4Block() {}

  private static LZ4Factory pickFactory() {
    try {
      return LZ4Factory.fastestInstance();
    } catch (LinkageError | RuntimeException e) {
      return LZ4Factory.safeInstance();
    }
  }

  /** Returns the largest compressed size of {@code length} input bytes. */
  public static int maxCompressedLength(int length) {
    return COMPRESSOR.maxCompressedLength(length);
  }

  /**
   * Compresses {@code src[off..off+len)} into {@code dst} at 0, which must hold at least {@link
   * #maxCompressedLength(int)} bytes.
   *
   * @return the compressed length
   */
  public static int compress(byte[] src, int off, int len, byte[] dst) {
    return COMPRESSOR.compress(src, off, len, dst, 0, dst.length);
  }

  /**
   * Decompresses a block into {@code dst[0..maxLength)}.
   *
   * @return the number of bytes produced (at most {@code maxLength})
   * @throws Lz4CorruptException if the block is corrupt or produces more than {@code maxLength}
   */
  public static int decompress(byte[] src, int off, int len, byte[] dst, int maxLength)
      throws Lz4CorruptException {
    try {
      return DECOMPRESSOR.decompress(src, off, len, dst, 0, maxLength);
    } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
      throw new Lz4CorruptException(e.getMessage(), e);
    }
  }

  /** A corrupt LZ4 block (or one whose output exceeds the declared size). */
  public static final class Lz4CorruptException extends Exception {
    private static final long serialVersionUID = 1L;

    Lz4CorruptException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
