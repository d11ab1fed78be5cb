package dev.rrdvideo.media.mp4.internal;

import dev.rrdvideo.media.mp4.EditListEntry;

/**
 * Writes the {@code ftyp} and {@code moov} boxes of a progressive single-track video MP4 from a
 * {@link MuxPlan} (ISO/IEC 14496-12 box layouts; no QuickTime-specific boxes).
 *
 * <pre>
 * ftyp                    isom + compatible brands
 * moov
 *  ├ mvhd                 movie timescale and duration, next_track_ID 2
 *  └ trak
 *     ├ tkhd              track 1, enabled + in movie, width/height 16.16
 *     ├ edts/elst         only when the plan has edits
 *     └ mdia
 *        ├ mdhd           media timescale and duration, language und
 *        ├ hdlr           vide
 *        └ minf
 *           ├ vmhd
 *           ├ dinf/dref/url   self-contained
 *           └ stbl
 *              ├ stsd     one visual sample entry with the configuration box
 *              ├ stts     run-length decode deltas
 *              ├ ctts     only if some offset is not 0 (version 1 if one is negative)
 *              ├ stss     only if some sample is not a sync sample
 *              ├ stsz     constant size or one entry per sample
 *              ├ stsc     run-length samples per chunk
 *              └ stco / co64  chunk offsets (co64 when one exceeds 32 bits)
 * </pre>
 */
public final class MoovWriter {
  private static final int[] UNITY_MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

  private MoovWriter() {}

  /** Returns the ftyp box. */
  public static byte[] ftyp(MuxPlan p) {
    ByteWriter w = new ByteWriter(32);
    w.startBox(Fourcc.FTYP);
    w.u32(Fourcc.of("isom"));
    w.u32(0x200);
    w.u32(Fourcc.of("isom"));
    for (String b : p.compatibleBrands) {
      w.u32(Fourcc.of(b));
    }
    w.endBox();
    return w.toByteArray();
  }

  /**
   * Returns the moov box.
   *
   * @param chunkOffset absolute file offset of each chunk
   * @param co64 whether to write 64-bit chunk offsets
   */
  public static byte[] moov(MuxPlan p, long[] chunkOffset, boolean co64) {
    ByteWriter w = new ByteWriter(1024 + p.count * 12);
    w.startBox(Fourcc.MOOV);
    mvhd(w, p);
    w.startBox(Fourcc.TRAK);
    tkhd(w, p);
    if (!p.edits.isEmpty()) {
      w.startBox(Fourcc.EDTS);
      elst(w, p);
      w.endBox();
    }
    w.startBox(Fourcc.MDIA);
    mdhd(w, p);
    w.startFullBox(Fourcc.HDLR, 0, 0);
    w.u32(0); // pre_defined
    w.u32(Fourcc.VIDE);
    w.zeros(12); // reserved
    w.bytes("VideoHandler".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).u8(0);
    w.endBox();
    w.startBox(Fourcc.MINF);
    w.startFullBox(Fourcc.VMHD, 0, 1);
    w.u16(0).u16(0).u16(0).u16(0); // graphicsmode copy, opcolor 0,0,0
    w.endBox();
    w.startBox(Fourcc.DINF);
    w.startFullBox(Fourcc.DREF, 0, 0);
    w.u32(1);
    w.startFullBox(Fourcc.URL, 0, 1).endBox(); // flag 1: media data in this file
    w.endBox();
    w.endBox();
    stbl(w, p, chunkOffset, co64);
    w.endBox(); // minf
    w.endBox(); // mdia
    w.endBox(); // trak
    w.endBox(); // moov
    return w.toByteArray();
  }

  private static boolean wide(long... values) {
    for (long v : values) {
      if (v > 0xFFFF_FFFFL) {
        return true;
      }
    }
    return false;
  }

  private static void mvhd(ByteWriter w, MuxPlan p) {
    boolean v1 = wide(p.movieDuration);
    w.startFullBox(Fourcc.MVHD, v1 ? 1 : 0, 0);
    timesAndDuration(w, v1, p.movieTimescale, p.movieDuration);
    w.u32(0x0001_0000); // rate 1.0
    w.u16(0x0100); // volume 1.0
    w.zeros(2 + 8); // reserved
    for (int m : UNITY_MATRIX) {
      w.u32(m);
    }
    w.zeros(24); // pre_defined
    w.u32(2); // next_track_ID
    w.endBox();
  }

  private static void timesAndDuration(ByteWriter w, boolean v1, long timescale, long duration) {
    if (v1) {
      w.u64(0).u64(0).u32(timescale).u64(duration);
    } else {
      w.u32(0).u32(0).u32(timescale).u32(duration);
    }
  }

  private static void tkhd(ByteWriter w, MuxPlan p) {
    boolean v1 = wide(p.movieDuration);
    w.startFullBox(Fourcc.TKHD, v1 ? 1 : 0, 0x3); // track_enabled | track_in_movie
    if (v1) {
      w.u64(0).u64(0).u32(1).u32(0).u64(p.movieDuration);
    } else {
      w.u32(0).u32(0).u32(1).u32(0).u32(p.movieDuration);
    }
    w.zeros(8); // reserved
    w.u16(0).u16(0).u16(0).u16(0); // layer, alternate_group, volume, reserved
    for (int m : p.displayMatrix) {
      w.u32(m);
    }
    w.u32(p.width << 16);
    w.u32(p.height << 16);
    w.endBox();
  }

  private static void elst(ByteWriter w, MuxPlan p) {
    boolean v1 = false;
    for (EditListEntry e : p.edits) {
      v1 |= wide(e.segmentDuration()) || e.mediaTime() > Integer.MAX_VALUE;
    }
    w.startFullBox(Fourcc.ELST, v1 ? 1 : 0, 0);
    w.u32(p.edits.size());
    for (EditListEntry e : p.edits) {
      if (v1) {
        w.u64(e.segmentDuration()).u64(e.mediaTime());
      } else {
        w.u32(e.segmentDuration()).u32(e.mediaTime());
      }
      w.u16(e.mediaRateInteger()).u16(e.mediaRateFraction());
    }
    w.endBox();
  }

  private static void mdhd(ByteWriter w, MuxPlan p) {
    boolean v1 = wide(p.mediaDuration);
    w.startFullBox(Fourcc.MDHD, v1 ? 1 : 0, 0);
    timesAndDuration(w, v1, p.mediaTimescale, p.mediaDuration);
    // language "und": pad bit 0, then three 5-bit letters minus 0x60
    w.u16((('u' - 0x60) << 10) | (('n' - 0x60) << 5) | ('d' - 0x60));
    w.u16(0); // pre_defined
    w.endBox();
  }

  private static void stbl(ByteWriter w, MuxPlan p, long[] chunkOffset, boolean co64) {
    w.startBox(Fourcc.STBL);
    // stsd
    w.startFullBox(Fourcc.STSD, 0, 0);
    w.u32(1);
    w.startBox(p.sampleEntryType);
    w.zeros(6); // reserved
    w.u16(1); // data_reference_index
    w.u16(0).u16(0).zeros(12); // pre_defined, reserved, pre_defined[3]
    w.u16(p.width).u16(p.height);
    w.u32(0x0048_0000).u32(0x0048_0000); // 72 dpi
    w.u32(0); // reserved
    w.u16(1); // frame_count
    w.u8(p.compressorName.length).bytes(p.compressorName).zeros(31 - p.compressorName.length);
    w.u16(0x0018); // depth: colour, no alpha
    w.u16(0xFFFF); // pre_defined = -1
    w.startBox(p.configBoxType).bytes(p.configPayload).endBox();
    w.endBox(); // sample entry
    w.endBox(); // stsd

    // stts: runs of equal deltas
    int runs = 0;
    for (int i = 0; i < p.count; i++) {
      if (i == 0 || p.delta[i] != p.delta[i - 1]) {
        runs++;
      }
    }
    w.startFullBox(Fourcc.STTS, 0, 0);
    w.u32(runs);
    for (int i = 0; i < p.count; ) {
      int j = i;
      while (j < p.count && p.delta[j] == p.delta[i]) {
        j++;
      }
      w.u32(j - i).u32(p.delta[i]);
      i = j;
    }
    w.endBox();

    if (p.writeCtts) {
      runs = 0;
      for (int i = 0; i < p.count; i++) {
        if (i == 0 || p.compositionOffset[i] != p.compositionOffset[i - 1]) {
          runs++;
        }
      }
      w.startFullBox(Fourcc.CTTS, p.cttsVersion1 ? 1 : 0, 0);
      w.u32(runs);
      for (int i = 0; i < p.count; ) {
        int j = i;
        while (j < p.count && p.compositionOffset[j] == p.compositionOffset[i]) {
          j++;
        }
        w.u32(j - i).u32(p.compositionOffset[i]);
        i = j;
      }
      w.endBox();
    }

    int syncCount = 0;
    for (int i = 0; i < p.count; i++) {
      if (p.sync[i]) {
        syncCount++;
      }
    }
    if (syncCount < p.count) {
      w.startFullBox(Fourcc.STSS, 0, 0);
      w.u32(syncCount);
      for (int i = 0; i < p.count; i++) {
        if (p.sync[i]) {
          w.u32(i + 1);
        }
      }
      w.endBox();
    }

    boolean constant = p.count > 0;
    for (int i = 1; i < p.count && constant; i++) {
      constant = p.size[i] == p.size[0];
    }
    w.startFullBox(Fourcc.STSZ, 0, 0);
    if (constant) {
      w.u32(p.size[0]).u32(p.count);
    } else {
      w.u32(0).u32(p.count);
      for (int i = 0; i < p.count; i++) {
        w.u32(p.size[i]);
      }
    }
    w.endBox();

    // stsc: runs of chunks with the same number of samples
    w.startFullBox(Fourcc.STSC, 0, 0);
    int stscEntries = 0;
    int countAt = w.size();
    w.u32(0);
    int previous = -1;
    for (int c = 0; c < p.chunkCount; c++) {
      int n = chunkSamples(p, c);
      if (n != previous) {
        w.u32(c + 1).u32(n).u32(1);
        stscEntries++;
        previous = n;
      }
    }
    patch(w, countAt, stscEntries);
    w.endBox();

    w.startFullBox(co64 ? Fourcc.CO64 : Fourcc.STCO, 0, 0);
    w.u32(p.chunkCount);
    for (int c = 0; c < p.chunkCount; c++) {
      if (co64) {
        w.u64(chunkOffset[c]);
      } else {
        w.u32(chunkOffset[c]);
      }
    }
    w.endBox();
    w.endBox(); // stbl
  }

  /** Returns the number of samples in chunk {@code c}. */
  public static int chunkSamples(MuxPlan p, int c) {
    int end = c + 1 < p.chunkCount ? p.chunkFirstSample[c + 1] : p.count;
    return end - p.chunkFirstSample[c];
  }

  private static void patch(ByteWriter w, int at, int value) {
    byte[] b = w.array();
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }
}
