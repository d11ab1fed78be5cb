package dev.rrdvideo.format.internal;

import java.lang.ref.SoftReference;

/**
 * Per-thread reusable byte arrays for transient data (a chunk's compressed bytes while it is
 * decoded, its Arrow IPC bytes while Arrow copies them), so that decoding chunk after chunk does
 * not allocate a new multi-megabyte array each time. Softly referenced: the garbage collector may
 * reclaim them under memory pressure. Arrays larger than {@link #MAX_REUSED_BYTES} are not kept. A
 * caller must be done with an array before it asks for the same slot again on the same thread.
 */
public enum Scratch {
  /** Raw message bytes read from a file. */
  READ,
  /** Decompressed Arrow IPC bytes. */
  INFLATE;

  /** Largest array kept for reuse. */
  public static final int MAX_REUSED_BYTES = 256 << 20;

  private final ThreadLocal<SoftReference<byte[]>> cached = new ThreadLocal<>();

  /** Returns an array of at least {@code minBytes} bytes whose content is undefined. */
  public byte[] get(int minBytes) {
    SoftReference<byte[]> ref = cached.get();
    byte[] b = ref == null ? null : ref.get();
    if (b != null && b.length >= minBytes) {
      return b;
    }
    b = new byte[minBytes];
    if (minBytes <= MAX_REUSED_BYTES) {
      cached.set(new SoftReference<>(b));
    }
    return b;
  }
}
