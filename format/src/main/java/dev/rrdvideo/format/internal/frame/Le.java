package dev.rrdvideo.format.internal.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian access to byte arrays through VarHandles (no Unsafe). */
public final class Le {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Le() {}

  /** Reads a little-endian u64 (as a signed long). */
  public static long getLong(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }

  /** Writes a little-endian u64. */
  public static void putLong(byte[] b, int off, long v) {
    LONG.set(b, off, v);
  }

  /** Reads a little-endian u32 (as a signed int). */
  public static int getInt(byte[] b, int off) {
    return (int) INT.get(b, off);
  }

  /** Writes a little-endian u32. */
  public static void putInt(byte[] b, int off, int v) {
    INT.set(b, off, v);
  }
}
