package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnnexBCursorTest {
  /** The NAL units as [start, length] pairs found by a plain byte-by-byte reading of B.2. */
  private static List<int[]> reference(byte[] b, int off, int len) {
    int end = off + len;
    List<Integer> starts = new ArrayList<>();
    for (int i = off; i + 2 < end; i++) {
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        starts.add(i + 3);
        i += 2;
      }
    }
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      int s = starts.get(k);
      int stop = k + 1 < starts.size() ? starts.get(k + 1) - 3 : end;
      while (stop > s && b[stop - 1] == 0) {
        stop--;
      }
      if (s < end) { // a start code that ends the buffer ends the previous unit, starts none
        out.add(new int[] {s, stop - s});
      }
    }
    return out;
  }

  private static List<int[]> cursor(byte[] b, int off, int len) {
    List<int[]> out = new ArrayList<>();
    AnnexB.Cursor c = new AnnexB.Cursor().reset(b, off, len);
    while (c.next()) {
      out.add(new int[] {c.start(), c.length()});
    }
    return out;
  }

  @Test
  void wordAtATimeSearchAgreesWithBytewiseReadingOnRandomStreams() {
    Random r = new Random(42);
    for (int round = 0; round < 3000; round++) {
      int n = r.nextInt(200);
      byte[] b = new byte[n];
      // Mostly high-entropy bytes, with zero runs, start codes and emulation-prevention-like
      // sequences sprinkled in at random places, including the very ends.
      for (int i = 0; i < n; i++) {
        int kind = r.nextInt(20);
        b[i] = (byte) (kind == 0 ? 0 : kind == 1 ? 1 : kind == 2 ? 3 : r.nextInt(256));
      }
      int codes = r.nextInt(6);
      for (int k = 0; k < codes && n >= 4; k++) {
        int at = r.nextInt(n - 2);
        b[at] = 0;
        b[at + 1] = 0;
        b[at + 2] = 1;
      }
      int off = n == 0 ? 0 : r.nextInt(Math.min(n, 9));
      int len = n - off - (n - off == 0 ? 0 : r.nextInt(Math.min(n - off, 9)));
      List<int[]> want = reference(b, off, len);
      List<int[]> got = cursor(b, off, len);
      assertThat(got).as("round %d", round).usingRecursiveComparison().isEqualTo(want);
    }
  }

  @Test
  void findsStartCodesAtEveryAlignment() {
    for (int at = 0; at < 24; at++) {
      byte[] b = new byte[32];
      java.util.Arrays.fill(b, (byte) 0x55);
      b[at] = 0;
      b[at + 1] = 0;
      b[at + 2] = 1;
      List<int[]> got = cursor(b, 0, b.length);
      assertThat(got).hasSize(1);
      assertThat(got.get(0)[0]).isEqualTo(at + 3);
      assertThat(got.get(0)[1]).isEqualTo(32 - at - 3);
    }
  }
}
