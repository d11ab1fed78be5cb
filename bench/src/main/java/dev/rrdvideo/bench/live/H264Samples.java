package dev.rrdvideo.bench.live;

import java.util.Random;

/**
 * Synthetic H.264 access units (Annex B) of realistic 1080p30 sizes: every {@code gop}-th sample a
 * keyframe (a real 1080p SPS and PPS, an IDR slice) of 180-220 KB, the others non-IDR slices of
 * 20-40 KB (about 8 Mbit/s). Payload bytes are random but never 0, so that no start code appears
 * inside a NAL unit; the live server's GOP detector (media's SampleInspector: an IDR slice and a
 * parseable SPS) sees the keyframes as a real stream's, and {@link #check()} makes sure of it. The
 * bytes come from a fixed pool (nothing is allocated per sample); sizes are drawn from a seeded
 * generator.
 */
final class H264Samples {
  static final int KEY_MIN = 180_000;
  static final int KEY_MAX = 220_000;
  static final int P_MIN = 20_000;
  static final int P_MAX = 40_000;

  // SPS and PPS of a 1920x1080 High profile stream (x264), then the start of an IDR slice
  private static final byte[] KEY_HEAD = {
    0x00,
    0x00,
    0x00,
    0x01,
    0x67,
    0x64,
    0x00,
    0x28,
    (byte) 0xac,
    (byte) 0xb2,
    0x00,
    (byte) 0xf0,
    0x04,
    0x4f,
    (byte) 0xcb,
    (byte) 0x80,
    (byte) 0x88,
    0x00,
    0x00,
    0x03,
    0x00,
    0x08,
    0x00,
    0x00,
    0x03,
    0x01,
    (byte) 0xe0,
    0x78,
    (byte) 0xc1,
    (byte) 0x92,
    0x40,
    0x00,
    0x00,
    0x00,
    0x01,
    0x68,
    (byte) 0xeb,
    (byte) 0xc3,
    (byte) 0xcb,
    0x22,
    (byte) 0xc0,
    0x00,
    0x00,
    0x00,
    0x01,
    0x65,
    (byte) 0x88,
    (byte) 0x84
  };
  private static final byte[] P_HEAD = {0, 0, 0, 1, 0x41, (byte) 0x9a, 0x21};

  private final int gop;
  private final byte[][] keys = new byte[4][];
  private final byte[][] ps = new byte[16][];
  private final Random sizes = new Random(7);
  private long index;
  private int lastLength;
  private boolean lastKey;

  /** A keyframe every {@code gop} samples. */
  H264Samples(int gop) {
    this.gop = gop;
    Random r = new Random(42);
    for (int i = 0; i < keys.length; i++) {
      keys[i] = unit(KEY_HEAD, KEY_MAX, r);
    }
    for (int i = 0; i < ps.length; i++) {
      ps[i] = unit(P_HEAD, P_MAX, r);
    }
  }

  /** One access unit of {@code size} bytes: a keyframe (SPS, PPS, IDR) or a non-IDR slice. */
  static byte[] unit(boolean key, int size, Random r) {
    return unit(key ? KEY_HEAD : P_HEAD, size, r);
  }

  private static byte[] unit(byte[] head, int size, Random r) {
    byte[] b = new byte[size];
    System.arraycopy(head, 0, b, 0, head.length);
    for (int i = head.length; i < size; i++) {
      b[i] = (byte) (1 + r.nextInt(255));
    }
    return b;
  }

  /** Advances to the next sample and returns its bytes (valid from 0 to {@link #length()}). */
  byte[] next() {
    lastKey = index % gop == 0;
    byte[] b;
    if (lastKey) {
      b = keys[(int) ((index / gop) % keys.length)];
      lastLength = KEY_MIN + sizes.nextInt(KEY_MAX - KEY_MIN + 1);
    } else {
      b = ps[(int) (index % ps.length)];
      lastLength = P_MIN + sizes.nextInt(P_MAX - P_MIN + 1);
    }
    index++;
    return b;
  }

  /** Length of the sample {@link #next()} returned. */
  int length() {
    return lastLength;
  }

  /** Whether the sample {@link #next()} returned is a keyframe. */
  boolean keyframe() {
    return lastKey;
  }

  /** Fails unless media's SampleInspector takes the keyframes for keyframes and the rest not. */
  void check() {
    dev.rrdvideo.media.bitstream.SampleInspector in =
        new dev.rrdvideo.media.bitstream.SampleInspector();
    in.inspect(dev.rrdvideo.format.video.VideoCodec.H264, keys[0], 0, KEY_MIN);
    if (!in.keyframe() || in.width() != 1920 || in.height() != 1080) {
      throw new IllegalStateException("the synthetic keyframe is not one (or not 1080p)");
    }
    in.inspect(dev.rrdvideo.format.video.VideoCodec.H264, ps[0], 0, P_MIN);
    if (in.keyframe()) {
      throw new IllegalStateException("the synthetic P-frame is a keyframe");
    }
  }

  /** Whether {@code sample[0..len)} is one of this generator's keyframes (IDR + SPS). */
  static boolean isKeyframe(byte[] sample, int off, int len) {
    if (len < KEY_HEAD.length) {
      return false;
    }
    for (int i = 0; i < KEY_HEAD.length; i++) {
      if (sample[off + i] != KEY_HEAD[i]) {
        return false;
      }
    }
    return true;
  }
}
