package dev.rrdvideo.format.chunk.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random bits for ids that must not repeat across processes (recording ids, the start of the TUID
 * counter). Read from the kernel's {@code /dev/urandom} where it exists: the first {@link
 * SecureRandom} of a JVM sets up the security providers, which costs a short command-line run 5-7
 * ms; the kernel's pool is the same source {@code SecureRandom} ends up reading on Linux and macOS.
 * Falls back to {@code SecureRandom} where the device is missing or unreadable.
 */
public final class Entropy {
  private static final String DEVICE = "/dev/urandom";

  private Entropy() {}

  /** Returns 64 random bits. */
  public static long nextLong() {
    byte[] b = bytes(8);
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }

  /** Returns a random (version 4, IETF variant) UUID, as {@link UUID#randomUUID()} does. */
  public static UUID randomUuid() {
    byte[] b = bytes(16);
    b[6] = (byte) ((b[6] & 0x0F) | 0x40);
    b[8] = (byte) ((b[8] & 0x3F) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xFF);
      lo = (lo << 8) | (b[i + 8] & 0xFF);
    }
    return new UUID(hi, lo);
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    try (InputStream in = new FileInputStream(DEVICE)) {
      if (in.readNBytes(b, 0, n) == n) {
        return b;
      }
    } catch (IOException | SecurityException e) {
      // no device: the portable way below
    }
    new SecureRandom().nextBytes(b);
    return b;
  }
}
