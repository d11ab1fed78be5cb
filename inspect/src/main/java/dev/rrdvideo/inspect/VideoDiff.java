package dev.rrdvideo.inspect;

import dev.rrdvideo.convert.bitstream.AnnexB;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.video.VideoCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sample-level comparison of two videos (any mix of recordings, MP4s and raw streams): counts,
 * presentation times, keyframes and payloads.
 *
 * <p>Payloads are compared framing-insensitively: H.264/H.265 as the sequence of NAL units without
 * start codes or length prefixes and without parameter sets (which an MP4 keeps in its sample entry
 * and a recording repeats in each keyframe); AV1 without temporal delimiters and sequence headers;
 * VP8/VP9 byte for byte. Each input is reduced to a time, a flag and a 128-bit digest per sample,
 * so memory is about 25 bytes per sample.
 */
public final class VideoDiff {
  /**
   * The result of a comparison.
   *
   * @param samplesA samples in A
   * @param samplesB samples in B
   * @param codecA codec of A
   * @param codecB codec of B
   * @param timeMismatches samples (by index) whose presentation times differ
   * @param firstTimeMismatch first such index, or -1
   * @param maxTimeDifferenceNanos largest absolute presentation time difference
   * @param keyframeMismatches samples whose keyframe flags (bitstream) differ
   * @param payloadMismatches samples whose payloads differ
   * @param firstPayloadMismatch first such index, or -1
   * @param mismatchedSamples up to 20 indices of samples with a payload mismatch
   * @param timeOffsetNanos presentation time of B's first sample minus A's (times are compared
   *     after removing this offset)
   */
  public record Result(
      long samplesA,
      long samplesB,
      String codecA,
      String codecB,
      long timeMismatches,
      long firstTimeMismatch,
      long maxTimeDifferenceNanos,
      long keyframeMismatches,
      long payloadMismatches,
      long firstPayloadMismatch,
      List<Long> mismatchedSamples,
      long timeOffsetNanos) {
    /** Returns whether the two are equal in every compared respect. */
    public boolean equal() {
      return samplesA == samplesB
          && java.util.Objects.equals(codecA, codecB)
          && timeMismatches == 0
          && keyframeMismatches == 0
          && payloadMismatches == 0;
    }
  }

  /** One side's per-sample summary. */
  private static final class Side implements SampleListener, ScanOptions.PayloadSink {
    long[] pts = new long[1024];
    long[] hi = new long[1024];
    long[] lo = new long[1024];
    boolean[] key = new boolean[1024];
    int n;
    int payloads;
    String codec;
    final MessageDigest sha;

    Side() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private void grow(int need) {
      if (need > pts.length) {
        int m = Math.max(need, pts.length * 2);
        pts = Arrays.copyOf(pts, m);
        hi = Arrays.copyOf(hi, m);
        lo = Arrays.copyOf(lo, m);
        key = Arrays.copyOf(key, m);
      }
    }

    @Override
    public void payload(VideoCodec c, ByteBuffer sample) {
      grow(payloads + 1);
      byte[] b = new byte[sample.remaining()];
      sample.get(b);
      sha.reset();
      switch (c) {
        case H264, H265 -> {
          AnnexB.Cursor cur = new AnnexB.Cursor().reset(b, 0, b.length);
          while (cur.next()) {
            if (cur.length() == 0) {
              continue;
            }
            int t =
                c == VideoCodec.H264
                    ? AnnexB.h264Type(b, cur.start())
                    : AnnexB.h265Type(b, cur.start());
            boolean ps = c == VideoCodec.H264 ? t == 7 || t == 8 || t == 13 : t >= 32 && t <= 34;
            if (!ps) {
              sha.update(ByteBuffer.allocate(4).putInt(cur.length()).array());
              sha.update(b, cur.start(), cur.length());
            }
          }
        }
        case AV1 -> digestObus(b);
        default -> sha.update(b);
      }
      byte[] d = sha.digest();
      hi[payloads] = ByteBuffer.wrap(d, 0, 8).getLong();
      lo[payloads] = ByteBuffer.wrap(d, 8, 8).getLong();
      payloads++;
    }

    private void digestObus(byte[] b) {
      int p = 0;
      while (p < b.length) {
        int start = p;
        int h = b[p] & 0xFF;
        int type = (h >> 3) & 0xF;
        p += 1 + ((h & 0x4) != 0 ? 1 : 0);
        if ((h & 0x2) == 0) {
          sha.update(b, start, b.length - start);
          return;
        }
        long size = 0;
        int shift = 0;
        while (p < b.length) {
          int v = b[p++] & 0xFF;
          size |= (long) (v & 0x7F) << shift;
          shift += 7;
          if ((v & 0x80) == 0 || shift > 56) {
            break;
          }
        }
        long end = Math.min(b.length, p + size);
        if (type != 1 && type != 2) {
          sha.update(b, start, (int) (end - start));
        }
        p = (int) end;
      }
    }

    @Override
    public void sample(SampleRow r) {
      grow(n + 1);
      pts[n] = r.ptsNanos != SampleRow.ABSENT ? r.ptsNanos : r.pts;
      key[n] =
          Boolean.TRUE.equals(
              r.keyframeBitstream != null ? r.keyframeBitstream : r.keyframeDeclared);
      if (codec == null) {
        codec = r.codec;
      }
      n++;
    }
  }

  private VideoDiff() {}

  /** Compares the first video stream of {@code a} (or {@code entityA}) with that of {@code b}. */
  public static Result compare(Path a, String entityA, Path b, String entityB) throws IOException {
    Side sa = scan(a, entityA);
    Side sb = scan(b, entityB);
    long offset = sa.n > 0 && sb.n > 0 ? sb.pts[0] - sa.pts[0] : 0;
    int m = Math.min(sa.n, sb.n);
    long timeMismatches = 0;
    long firstTime = -1;
    long maxDiff = 0;
    long keyMismatches = 0;
    long payloadMismatches = 0;
    long firstPayload = -1;
    List<Long> mismatched = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      long d = Math.abs(sb.pts[i] - offset - sa.pts[i]);
      if (d != 0) {
        timeMismatches++;
        if (firstTime < 0) {
          firstTime = i;
        }
        maxDiff = Math.max(maxDiff, d);
      }
      if (sa.key[i] != sb.key[i]) {
        keyMismatches++;
      }
      if (i < sa.payloads && i < sb.payloads && (sa.hi[i] != sb.hi[i] || sa.lo[i] != sb.lo[i])) {
        payloadMismatches++;
        if (firstPayload < 0) {
          firstPayload = i;
        }
        if (mismatched.size() < 20) {
          mismatched.add((long) i);
        }
      }
    }
    return new Result(
        sa.n,
        sb.n,
        sa.codec,
        sb.codec,
        timeMismatches,
        firstTime,
        maxDiff,
        keyMismatches,
        payloadMismatches,
        firstPayload,
        mismatched,
        offset);
  }

  private static Side scan(Path p, String entity) throws IOException {
    Side s = new Side();
    ScanOptions o = new ScanOptions(entity, null, false, new BitstreamAnalyzer(), s);
    SampleListener first =
        new SampleListener() {
          int streams;

          @Override
          public void sample(SampleRow row) {
            if (streams == 0) {
              s.sample(row);
            }
          }

          @Override
          public void endOfStream(String e, String t) {
            streams++;
          }
        };
    SampleScanner.scan(p, RrdReadOptions.defaults(), o, first);
    return s;
  }
}
