package dev.rrdvideo.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.io.model.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo video is what the Rerun viewer needs (SPS + PPS + IDR in every keyframe sample, no
 * B-frames, one frame per sample) and shows the ball where {@link DemoFrames} puts it, checked by
 * decoding it with JCodec's own decoder.
 */
class DemoEncoderTest {
  private static final int FPS = 30;
  private static final List<byte[]> SAMPLES = new ArrayList<>();
  private static final List<Boolean> KEYS = new ArrayList<>();

  @BeforeAll
  static void encode() {
    DemoFrames scene = new DemoFrames(FPS);
    DemoEncoder encoder = new DemoEncoder(FPS);
    for (int i = 0; i < 4 * FPS; i++) {
      DemoEncoder.Frame f = encoder.encode(scene.render(i));
      byte[] b = new byte[f.data().remaining()];
      f.data().get(b);
      SAMPLES.add(b);
      KEYS.add(f.keyframe());
    }
  }

  /** Returns the NAL unit types of an Annex B access unit, in order. */
  static List<Integer> nalTypes(byte[] b) {
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i + 3 < b.length; i++) {
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        types.add(b[i + 3] & 0x1F);
        i += 3;
      }
    }
    return types;
  }

  /** Returns slice_type of the first slice in the sample (ue(v) after first_mb_in_slice). */
  static int firstSliceType(byte[] b) {
    for (int i = 0; i + 4 < b.length; i++) {
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        int type = b[i + 3] & 0x1F;
        if (type == 1 || type == 5) {
          BitReader r = new BitReader(b, i + 4);
          r.ue(); // first_mb_in_slice
          return r.ue() % 5;
        }
      }
    }
    return -1;
  }

  private static final class BitReader {
    private final byte[] b;
    private long bit;

    BitReader(byte[] b, int byteOffset) {
      this.b = b;
      this.bit = 8L * byteOffset;
    }

    int read() {
      int v = (b[(int) (bit >>> 3)] >> (7 - (bit & 7))) & 1;
      bit++;
      return v;
    }

    int ue() {
      int zeros = 0;
      while (read() == 0) {
        zeros++;
      }
      int v = 0;
      for (int k = 0; k < zeros; k++) {
        v = (v << 1) | read();
      }
      return (1 << zeros) - 1 + v;
    }
  }

  @Test
  void keyframesCarryParameterSetsAndNoBFrames() {
    assertThat(KEYS.get(0)).isTrue();
    for (int i = 0; i < SAMPLES.size(); i++) {
      List<Integer> types = nalTypes(SAMPLES.get(i));
      if (KEYS.get(i)) {
        assertThat(types).as("frame %d", i).containsExactly(7, 8, 5);
        assertThat(firstSliceType(SAMPLES.get(i))).isEqualTo(2); // I
      } else {
        assertThat(types).as("frame %d", i).containsOnly(1);
        assertThat(firstSliceType(SAMPLES.get(i))).as("frame %d", i).isEqualTo(0); // P
      }
      // 4-byte start code first, as Rerun writes
      assertThat(SAMPLES.get(i)).startsWith(0, 0, 0, 1);
    }
    assertThat(KEYS.stream().filter(k -> k).count()).isEqualTo(4); // one per second
  }

  @Test
  void decodedFramesShowTheBallWhereItWasDrawn() {
    DemoFrames scene = new DemoFrames(FPS);
    H264Decoder decoder = new H264Decoder();
    byte[][] buffer = new byte[3][DemoFrames.WIDTH * DemoFrames.HEIGHT];
    int gold = DemoFrames.luma(new int[] {255, 200, 40});
    for (int i = 0; i < SAMPLES.size(); i++) {
      Frame f = decoder.decodeFrame(ByteBuffer.wrap(SAMPLES.get(i)), buffer);
      assertThat(f).as("frame %d decodes", i).isNotNull();
      if (i % 15 == 0) {
        byte[] y = f.getPlaneData(0);
        int cy = scene.ballCenterY(i);
        int centre = y[cy * DemoFrames.WIDTH + DemoFrames.ballCenterX()];
        // 60 px above or below the ball (whichever is inside the frame) is background
        int by = cy > DemoFrames.HEIGHT / 2 ? cy - 60 : cy + 60;
        int background = y[by * DemoFrames.WIDTH + DemoFrames.ballCenterX()];
        assertThat(Math.abs(centre - gold)).as("frame %d ball luma", i).isLessThan(12);
        assertThat(Math.abs(background - gold)).as("frame %d background", i).isGreaterThan(40);
      }
    }
    assertThat(scene.ballCenterY(0)).isGreaterThan(scene.ballCenterY(15) + 150);
  }
}
