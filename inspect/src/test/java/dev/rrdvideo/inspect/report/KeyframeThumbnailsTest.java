package dev.rrdvideo.inspect.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.report.internal.H264Thumbnailer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Which keyframes become thumbnails, and which keyframes are refused before JCodec sees them. */
class KeyframeThumbnailsTest {
  private static final byte[] IDR = {0, 0, 0, 1, 0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x10};
  private static final byte[] P_SLICE = {0, 0, 0, 1, 0x41, (byte) 0x9a, 0x02, 0x04};

  @Test
  void thumbnailsAreSpreadEvenlyOverAllKeyframesWithoutKnowingTheirNumber() {
    KeyframeThumbnails t = new KeyframeThumbnails(() -> SampleAnalyzer.NONE, 3);
    t.nextStream();
    // 96 samples, an IDR every third: keyframe k is sample 3k, k = 0..31
    for (int i = 0; i < 96; i++) {
      byte[] b = i % 3 == 0 ? IDR : P_SLICE;
      t.analyze(VideoCodec.H264, ByteBuffer.wrap(b), null);
      t.payload(VideoCodec.H264, ByteBuffer.wrap(b));
    }
    // 12 slots (4 per thumbnail). Keyframes 0..11 fill them; at 12 every other is dropped
    // (kept 0,2,..,10, stride 2), 12..22 even fill them again; at 24 the stride becomes 4
    // (kept 0,4,..,20), then 24 and 28 are kept: 0,4,8,12,16,20,24,28.
    // Positions for 3 over keyframes 0..31: 0, 15.5, 31 -> nearest kept 0, 16, 28,
    // which are samples 0, 48, 84.
    assertThat(t.pickedSamples()).containsExactly(0, 48, 84);
  }

  @Test
  void fewerKeyframesThanWantedAreAllTaken() {
    KeyframeThumbnails t = new KeyframeThumbnails(() -> SampleAnalyzer.NONE, 6);
    t.nextStream();
    for (int i = 0; i < 10; i++) {
      byte[] b = i == 2 || i == 7 ? IDR : P_SLICE;
      t.analyze(VideoCodec.H264, ByteBuffer.wrap(b), null);
      t.payload(VideoCodec.H264, ByteBuffer.wrap(b));
    }
    assertThat(t.pickedSamples()).containsExactly(2, 7);
    // other codecs are not looked at
    t.nextStream();
    t.analyze(VideoCodec.H265, ByteBuffer.wrap(IDR), null);
    t.payload(VideoCodec.H265, ByteBuffer.wrap(IDR));
    assertThat(t.pickedSamples()).isEmpty();
  }

  @Test
  void keyframesJCodecCannotOrShouldNotDecodeAreRefusedWithAReason() {
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(new byte[] {1, 2, 3, 4}, 4))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessage("no IDR slice");
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(IDR, IDR.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessage("no parameter sets before the IDR picture");
    // an SPS of 512 x 512 macroblocks: 8192 x 8192 pixels, more than thumbnails are made of
    byte[] huge = join(sps(511, 511, true), IDR);
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(huge, huge.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessageStartingWith("picture of 8192x8192 pixels");
    byte[] interlaced = join(sps(9, 7, false), IDR);
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(interlaced, interlaced.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessageContaining("interlaced");
  }

  @Test
  void garbageSliceDataStillGivesAPictureOfTheDeclaredSize() throws Exception {
    // a valid SPS (10 x 8 macroblocks), a PPS and a few bytes of slice data: JCodec conceals
    // what it cannot read and returns a picture of the declared size
    byte[] garbage =
        join(sps(9, 7, true), new byte[] {0, 0, 0, 1, 0x68, (byte) 0xce, 0x38, (byte) 0x80}, IDR);
    H264Thumbnailer.Decoded d = H264Thumbnailer.thumbnail(garbage, garbage.length);
    assertThat(d.width()).isEqualTo(160);
    assertThat(d.height()).isEqualTo(128);
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(d.png())).getWidth())
        .isEqualTo(160);
  }

  @Test
  void aFewBytesCannotBuyMoreThanTheDecodingBudget() {
    // streams whose keyframe is a 4K SPS, a PPS and nine bytes of slice data: JCodec conceals
    // every macroblock, a second or so each. Ten such streams cost at most the pixel budget (64
    // Mpixels: six 4096x2304 pictures) or the time budget (2 s), whichever comes first.
    byte[] au =
        join(
            sps(255, 143, true),
            new byte[] {0, 0, 0, 1, 0x68, (byte) 0xce, 0x38, (byte) 0x80},
            IDR);
    KeyframeThumbnails t = new KeyframeThumbnails(() -> SampleAnalyzer.NONE, 1);
    long t0 = System.nanoTime();
    int made = 0;
    String note = null;
    for (int stream = 0; stream < 10; stream++) {
      t.nextStream();
      t.analyze(VideoCodec.H264, ByteBuffer.wrap(au), null);
      t.payload(VideoCodec.H264, ByteBuffer.wrap(au));
      StringBuilder why = new StringBuilder();
      made += t.finish(why).size();
      if (why.length() > 0) {
        note = why.toString();
      }
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(made).isLessThanOrEqualTo(6);
    assertThat(note).contains("budget");
    // the budget plus the one decode under way when it ran out (about 2 s on a slow machine)
    assertThat(millis).isLessThan(KeyframeThumbnails.MAX_DECODE_NANOS / 1_000_000 + 4_000);
  }

  /**
   * A Baseline SPS NAL unit (with start code): profile 66, level 30, id 0, frame_num 4 bits, POC
   * type 2, 1 reference frame, the given size in macroblocks, no cropping, no VUI.
   */
  static byte[] sps(int widthMbsMinus1, int heightMapUnitsMinus1, boolean frameMbsOnly) {
    Bits w = new Bits();
    w.u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1).u(1, 0);
    w.ue(widthMbsMinus1).ue(heightMapUnitsMinus1).u(1, frameMbsOnly ? 1 : 0);
    if (!frameMbsOnly) {
      w.u(1, 0); // mb_adaptive_frame_field_flag
    }
    w.u(1, 1).u(1, 0).u(1, 0).u(1, 1); // direct_8x8, no cropping, no VUI, stop bit
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0, 1, 0x67});
    out.writeBytes(w.bytes());
    return out.toByteArray();
  }

  static byte[] join(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** An MSB-first bit writer with Exp-Golomb codes (no emulation prevention needed here). */
  static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int cur;
    private int n;

    Bits u(int bits, long v) {
      for (int i = bits - 1; i >= 0; i--) {
        cur = (cur << 1) | (int) ((v >> i) & 1);
        if (++n == 8) {
          out.write(cur);
          cur = 0;
          n = 0;
        }
      }
      return this;
    }

    Bits ue(long v) {
      long x = v + 1;
      int len = 64 - Long.numberOfLeadingZeros(x);
      return u(len - 1, 0).u(len, x);
    }

    byte[] bytes() {
      if (n > 0) {
        out.write(cur << (8 - n));
        cur = 0;
        n = 0;
      }
      return out.toByteArray();
    }
  }
}
