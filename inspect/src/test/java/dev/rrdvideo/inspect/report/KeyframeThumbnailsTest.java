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
  void predictedSlicesInTheKeyframeAreRefusedBeforeJCodecBuildsReferenceLists() throws Exception {
    // found by fuzzing: a P slice beside the IDR one made JCodec build reference lists of the size
    // its header declared (OutOfMemoryError)
    byte[] fuzzed = resource("p-slice-beside-idr-jcodec-allocates-gigabytes.h264");
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(fuzzed, fuzzed.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessage("a non-IDR slice in the keyframe's access unit");
    byte[] pBeside = join(sps(9, 7, true), PPS, IDR, P_SLICE);
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(pBeside, pBeside.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessage("a non-IDR slice in the keyframe's access unit");
    // profile_idc 83 (Scalable Baseline): JCodec reads its SPS from the wrong bits
    byte[] svc = resource("sps-profile-83-jcodec-misreads-hrd-allocates-gigabytes.h264");
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(svc, svc.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessageEndingWith("not profile_idc 83");
    // an IDR NAL unit whose header says slice_type 5 (P)
    byte[] pIdr = P_SLICE.clone();
    pIdr[4] = 0x65;
    byte[] idrP = join(sps(9, 7, true), PPS, pIdr);
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(idrP, idrP.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessage("an IDR slice of slice_type 5 (not I or SI)");
  }

  @Test
  void parameterSetsThatMakeJCodecAllocateWithoutBoundAreRefusedFirst() throws Exception {
    // a VUI whose HRD parameters declare 2^20 + 1 CPB specifications: JCodec allocates three int
    // arrays of that many entries (the fuzz input declares about 2^31: OutOfMemoryError); H.264
    // E.2.2 allows 32
    Bits vui = new Bits();
    vui.u(1, 0).u(1, 0).u(1, 0).u(1, 0).u(1, 0); // no aspect, overscan, signal type, loc, timing
    vui.u(1, 1).ue(1 << 20); // nal_hrd_parameters_present_flag, cpb_cnt_minus1
    byte[] hrd = join(spsWithVui(9, 7, vui), PPS, IDR);
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(hrd, hrd.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessageContaining("VUI");
    byte[] fuzzed = resource("sps-hrd-cpb-count-jcodec-allocates-gigabytes.h264");
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(fuzzed, fuzzed.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class);
    // a PPS with two slice groups of map type 6 and 2^20 map units: JCodec allocates the map
    Bits pps = new Bits();
    pps.ue(0).ue(0).u(1, 0).u(1, 0).ue(1).ue(6).ue(1 << 20).u(1, 1);
    byte[] fmo = join(sps(9, 7, true), new byte[] {0, 0, 0, 1, 0x68}, pps.bytes(), IDR);
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(fmo, fmo.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessage("a picture parameter set has slice groups (FMO)");
  }

  private static final byte[] PPS = {0, 0, 0, 1, 0x68, (byte) 0xce, 0x38, (byte) 0x80};

  /** {@link #sps} with VUI parameters written by {@code vui} (without the stop bit). */
  static byte[] spsWithVui(int widthMbsMinus1, int heightMapUnitsMinus1, Bits vui) {
    Bits w = new Bits();
    w.u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1).u(1, 0);
    w.ue(widthMbsMinus1).ue(heightMapUnitsMinus1).u(1, 1);
    w.u(1, 1).u(1, 0).u(1, 1); // direct_8x8, no cropping, VUI present
    w.append(vui).u(1, 1); // the VUI, stop bit
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0, 1, 0x67});
    out.writeBytes(w.bytes());
    return out.toByteArray();
  }

  @Test
  void garbageSliceDataEndsInAReason() {
    // a valid SPS (10 x 8 macroblocks) and PPS (CAVLC), and four bytes of slice data: unpadded,
    // JCodec read zeros past them and concealed the picture; with the padding it reads data that
    // is no slice and says so
    byte[] garbage =
        join(sps(9, 7, true), new byte[] {0, 0, 0, 1, 0x68, (byte) 0xce, 0x38, (byte) 0x80}, IDR);
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(garbage, garbage.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessageStartingWith("JCodec could not decode the picture");
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

  private static final String KEYFRAMES =
      "/dev/rrdvideo/inspect/fuzz/ReportFuzzTestInputs/keyframe/";

  private static byte[] resource(String name) throws java.io.IOException {
    try (java.io.InputStream in =
        KeyframeThumbnailsTest.class.getResourceAsStream(KEYFRAMES + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void everyTruncationOfACabacKeyframeEndsInAPictureOrAReason() throws Exception {
    // JCodec reads zero bits past the end of CABAC slice data, and its unary mb_qp_delta loop
    // then never ends: unpadded, 76 of the 317 truncations of this keyframe (testdata
    // h264_bpyramid.mp4, frame 0) spin forever. Each must now end, quickly.
    byte[] idr = resource("seed-h264_bpyramid-idr.h264");
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(90),
        () -> {
          int pictures = 0;
          for (int cut = 40; cut <= idr.length; cut += 7) {
            try {
              H264Thumbnailer.Decoded d = H264Thumbnailer.thumbnail(idr, cut);
              assertThat(d.width()).isEqualTo(160);
              pictures++;
            } catch (H264Thumbnailer.NotDecodable e) {
              assertThat(e.getMessage()).isNotBlank();
            }
          }
          assertThat(pictures).isPositive();
        });
    for (String name :
        new String[] {
          "cabac-keyframe-cut-short-jcodec-loops-forever.h264",
          "cabac-slice-byte-changed-jcodec-loops-forever.h264",
          "cavlc-slice-header-cut-short-jcodec-loops-forever.h264"
        }) {
      byte[] b = resource(name);
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(10),
          () -> {
            try {
              H264Thumbnailer.thumbnail(b, b.length);
            } catch (H264Thumbnailer.NotDecodable e) {
              assertThat(e.getMessage()).isNotBlank();
            }
          },
          name);
    }
  }

  @Test
  void jcodecPrintsNothing() throws Exception {
    // JCodec logs through one global logger that prints to stdout unless told otherwise (this
    // input made it print "[WARN] IPCM macroblock found ..." before the thumbnailer silenced it)
    byte[] b = resource("jcodec-logs-ipcm-warnings-to-stdout.h264");
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream capture = new java.io.PrintStream(captured, true, "UTF-8");
    System.setOut(capture);
    System.setErr(capture);
    try {
      try {
        H264Thumbnailer.thumbnail(b, b.length);
      } catch (H264Thumbnailer.NotDecodable e) {
        assertThat(e.getMessage()).isNotBlank();
      }
      org.jcodec.common.logging.Logger.warn("a warning JCodec would print");
      org.jcodec.common.logging.Logger.error("an error JCodec would print");
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(captured.toString("UTF-8")).isEmpty();
  }

  @Test
  void aCavlcPictureOfSeveralSlicesIsNotDecodedOneOfASingleSliceIs() throws Exception {
    // x264 Baseline (CAVLC) keyframes of ffmpeg's testsrc, 320x240: in 4 slices, the slices but
    // the last cannot be guarded against JCodec's loops; in 1 slice it decodes
    byte[] four = resource("seed-x264-baseline-4-slices-idr.h264");
    assertThatThrownBy(() -> H264Thumbnailer.thumbnail(four, four.length))
        .isInstanceOf(H264Thumbnailer.NotDecodable.class)
        .hasMessageStartingWith("a CAVLC picture in 4 slices");
    byte[] one = resource("seed-x264-baseline-1-slice-idr.h264");
    H264Thumbnailer.Decoded d = H264Thumbnailer.thumbnail(one, one.length);
    assertThat(d.width()).isEqualTo(176);
    assertThat(d.height()).isEqualTo(132);
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

    /** Appends the bits written to {@code other} so far (not byte-aligned ones too). */
    Bits append(Bits other) {
      byte[] whole = other.out.toByteArray();
      for (byte b : whole) {
        u(8, b & 0xFF);
      }
      return u(other.n, other.cur);
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
