package dev.rrdvideo.format.internal.lz4;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 <em>block</em> format (no frame, no size prefix, no checksum), as Rerun stores chunk
 * payloads, backed by lz4-java's pure-Java implementation.
 *
 * <p>Pure Java rather than lz4-java's JNI library: loading the native library (extracting it from
 * the jar to a temporary file and linking it) costs 55-70 ms on every run, more than a whole small
 * conversion, while on video payloads (which LZ4 cannot shrink: 400 MB of 1080p H.264 came out 0.4%
 * larger) the Java code is as fast as JNI where it matters: measured on that video in 1 MiB blocks
 * with the launcher's C1-only JIT, compress 7.3-7.9 GB/s (JNI 10-13) and decompress 33-34 GB/s (JNI
 * 29-39). See bench/README.md.
 *
 * <p>The decompressor is the <em>safe</em> one: corrupt input raises {@link Lz4CorruptException}
 * instead of reading or writing out of bounds. Thread-safe (the lz4-java instances are).
 */
public final class Lz4Block {
  private static final LZ4Factory FACTORY = LZ4Factory.safeInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

  private Lz4Block() {}

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
