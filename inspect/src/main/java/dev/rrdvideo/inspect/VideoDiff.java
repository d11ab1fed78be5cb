package dev.rrdvideo.inspect;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.bitstream.AnnexB;
import dev.rrdvideo.media.bitstream.ObuCursor;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * The result of a comparison.
   *
   * @param samplesA samples in A
   * @param samplesB samples in B
   * @param codecA codec of A
   * @param codecB codec of B
   * @param timesCompared whether times were compared: false when either side has none (a raw
   *     elementary stream, or a sequence timeline of frame numbers)
   * @param timeMismatches samples (by index) whose presentation times differ
   * @param firstTimeMismatch first such index, or -1 (written as absent by {@link Reports})
   * @param maxTimeDifferenceNanos largest absolute presentation time difference (0 when times were
   *     not compared; written as absent then)
   * @param keyframeMismatches samples whose keyframe flags (bitstream) differ
   * @param payloadMismatches samples whose payloads differ
   * @param firstPayloadMismatch first such index, or -1 (written as absent by {@link Reports})
   * @param mismatchedSamples up to 20 indices of samples with a payload mismatch
   * @param timeOffsetNanos presentation time of B's first sample minus A's (times are compared
   *     after removing this offset; 0 when times were not compared, written as absent then)
   */
  public record Result(
      long samplesA,
      long samplesB,
      String codecA,
      String codecB,
      boolean timesCompared,
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
    boolean untimed;
    String codec;
    final MessageDigest sha;
    private final ObuCursor obus = new ObuCursor();
    private final AnnexB.Cursor nals = new AnnexB.Cursor();
    private final byte[] lengthPrefix = new byte[4];
    private final byte[] digest = new byte[32];
    private byte[] scratch = new byte[1 << 16];

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
      int len = sample.remaining();
      if (scratch.length < len) {
        scratch = new byte[Math.max(len, scratch.length * 2)];
      }
      byte[] b = scratch;
      sample.get(b, 0, len);
      sha.reset();
      switch (c) {
        case H264, H265 -> {
          nals.reset(b, 0, len);
          while (nals.next()) {
            if (nals.length() == 0) {
              continue;
            }
            boolean ps = AnnexB.isParameterSet(c, b, nals.start());
            if (!ps) {
              INT.set(lengthPrefix, 0, nals.length());
              sha.update(lengthPrefix);
              sha.update(b, nals.start(), nals.length());
            }
          }
        }
        case AV1 -> digestObus(b, len);
        default -> sha.update(b, 0, len);
      }
      try {
        sha.digest(digest, 0, digest.length);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException(e);
      }
      hi[payloads] = (long) LONG.get(digest, 0);
      lo[payloads] = (long) LONG.get(digest, 8);
      payloads++;
    }

    private void digestObus(byte[] b, int len) {
      obus.reset(b, 0, len);
      while (obus.next()) {
        if (!obus.sized()) {
          sha.update(b, obus.start(), len - obus.start());
          return;
        }
        if (obus.type() != ObuCursor.SEQUENCE_HEADER
            && obus.type() != ObuCursor.TEMPORAL_DELIMITER) {
          sha.update(b, obus.start(), obus.payloadEnd() - obus.start());
        }
      }
    }

    @Override
    public void sample(SampleRow r) {
      grow(n + 1);
      pts[n] = r.ptsNanos;
      untimed |= r.ptsNanos == SampleRow.ABSENT;
      key[n] =
          Boolean.TRUE.equals(
              r.keyframeBitstream != null ? r.keyframeBitstream : r.keyframeDeclared);
      if (codec == null) {
        codec = r.codec == null ? null : r.codec.shortName();
      }
      n++;
    }
  }

  private VideoDiff() {}

  /**
   * Compares the first video stream of {@code a} (or the options' entity A) with that of {@code b}.
   *
   * @throws dev.rrdvideo.format.error.RrdVideoException for malformed input
   */
  public static Result compare(Path a, Path b, DiffOptions options) throws IOException {
    Side sa = scan(a, options.scanOptions(true));
    Side sb = scan(b, options.scanOptions(false));
    boolean timed = !sa.untimed && !sb.untimed;
    long offset = timed && sa.n > 0 && sb.n > 0 ? StreamTiming.difference(sb.pts[0], sa.pts[0]) : 0;
    int m = Math.min(sa.n, sb.n);
    long timeMismatches = 0;
    long firstTime = -1;
    long maxDiff = 0;
    long keyMismatches = 0;
    long payloadMismatches = 0;
    long firstPayload = -1;
    List<Long> mismatched = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      // times come from files: any value; saturate rather than wrap
      long d = timed ? timeDifference(sa.pts[i], sa.pts[0], sb.pts[i], sb.pts[0]) : 0;
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
        timed,
        timeMismatches,
        firstTime,
        maxDiff,
        keyMismatches,
        payloadMismatches,
        firstPayload,
        mismatched,
        offset);
  }

  /**
   * {@code |(b - b0) - (a - a0)|}: how far apart two samples are once both sides start at 0. Times
   * come from files and can be anywhere in the {@code long} range, so this is exact, saturated to
   * {@link Long#MAX_VALUE}.
   */
  static long timeDifference(long a, long a0, long b, long b0) {
    if (small(a) && small(a0) && small(b) && small(b0)) {
      return Math.abs((b - b0) - (a - a0));
    }
    java.math.BigInteger d =
        java.math.BigInteger.valueOf(b)
            .subtract(java.math.BigInteger.valueOf(b0))
            .subtract(java.math.BigInteger.valueOf(a).subtract(java.math.BigInteger.valueOf(a0)))
            .abs();
    return d.bitLength() < 64 ? d.longValue() : Long.MAX_VALUE;
  }

  private static boolean small(long v) {
    return v > -(1L << 61) && v < (1L << 61);
  }

  private static Side scan(Path p, ScanOptions.Builder options) throws IOException {
    Side s = new Side();
    ScanOptions o = options.analyzers(BitstreamAnalyzer::new).payloads(s).build();
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
    SampleScanner.scan(p, o, first);
    return s;
  }
}
