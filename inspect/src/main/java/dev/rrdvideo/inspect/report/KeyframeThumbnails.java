package dev.rrdvideo.inspect.report;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.SampleRow;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.report.internal.H264Thumbnailer;
import dev.rrdvideo.media.bitstream.AnnexB;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Picks a few keyframes of an H.264 stream, spread evenly over its keyframes, while the stream is
 * scanned, and decodes them into thumbnails at its end ({@link H264Thumbnailer}).
 *
 * <p>It sits in the scan twice: as the {@link SampleAnalyzer} (wrapping the real one), it sees
 * every sample and also the parameter sets an MP4 keeps in its sample entry, and remembers the
 * latest sequence and picture parameter sets; as the {@link ScanOptions.PayloadSink}, called once
 * per sample in decode order right after the analyzer, it counts samples and keeps a copy of a
 * chosen IDR sample, with the parameter sets in front, so that each copy decodes on its own.
 *
 * <p>Choosing without knowing the length: keyframes whose ordinal is a multiple of a stride are
 * kept, in four times as many slots as thumbnails are wanted; when the slots are full, every other
 * copy is dropped and the stride doubles. At the end the kept copies are evenly spaced over the
 * keyframes, the first one included, and for each of the wanted number of evenly spread positions
 * over all keyframes the nearest kept copy is taken (at most half a stride off). Memory: at most
 * four times the wanted number of copies, each at most {@value #MAX_KEYFRAME_BYTES} bytes plus the
 * parameter sets, and at most {@value #MAX_HELD_BYTES} bytes together (a keyframe that does not fit
 * is skipped and counted in the note); the slots' buffers are reused, so nothing is allocated per
 * sample once they have grown. Decoding happens only for the chosen few.
 */
final class KeyframeThumbnails implements SampleAnalyzer, ScanOptions.PayloadSink {
  /** Keyframes larger than this are not copied (nor decoded). */
  static final int MAX_KEYFRAME_BYTES = 2 << 20;

  /** The most bytes the copies' buffers may hold together. */
  static final long MAX_HELD_BYTES = 32L << 20;

  /**
   * The most coded pixels decoded for one input (all its streams): about 30 1080p pictures, which
   * JCodec decodes in about a second and a half. A file cannot make the report decode more, however
   * many streams with pictures of whatever size it declares.
   */
  static final long MAX_DECODED_PIXELS = 64L << 20;

  /**
   * The most time spent decoding thumbnails for one input. JCodec decodes slice data it cannot read
   * by concealing every macroblock, which for a 4K picture of garbage takes a second or two: a few
   * bytes must not buy more than this (plus the one decode under way when it runs out).
   */
  static final long MAX_DECODE_NANOS = 2_000_000_000L;

  /** Slots per wanted thumbnail: the finer the stride, the more even the spread. */
  private static final int SLOTS_PER_THUMBNAIL = 4;

  private static final int NAL_IDR = 5;
  private static final int NAL_SPS = 7;
  private static final int NAL_PPS = 8;

  /** How much of a sample without an array behind it is copied to look for NAL units. */
  private static final int SCAN_PREFIX = 64 << 10;

  private final Supplier<? extends SampleAnalyzer> delegates;
  private SampleAnalyzer delegate = SampleAnalyzer.NONE;
  private final int wanted;
  private final Candidate[] slots;
  private final ParameterSets sps = new ParameterSets();
  private final ParameterSets pps = new ParameterSets();
  private final AnnexB.Cursor cursor = new AnnexB.Cursor();
  private byte[] scratch = new byte[0];

  private int stored;
  private long stride = 1;
  private long keyframes;
  private long payloads;
  private boolean lastIdr;
  private int lastSize;
  private long tooLarge;
  private long heldBytes;
  private long decodedPixels;
  private long decodeNanos;

  /** A kept keyframe: where it is and its bytes (parameter sets first). */
  private static final class Candidate {
    long sampleIndex;
    long ordinal;
    byte[] bytes = new byte[0];
    int length;
    boolean timed;
    long pts;
    long ptsNanos = SampleRow.ABSENT;
  }

  /**
   * @param delegates makes the analyzer that fills the rows of each stream
   * @param wanted thumbnails per stream (at least 1)
   */
  KeyframeThumbnails(Supplier<? extends SampleAnalyzer> delegates, int wanted) {
    this.delegates = delegates;
    this.wanted = wanted;
    this.slots = new Candidate[SLOTS_PER_THUMBNAIL * wanted];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Candidate();
    }
  }

  /**
   * Starts the next stream (the scan options' analyzer factory, called once per stream): a new
   * delegate analyzer, and the stream's parameter sets forgotten. Returns this.
   */
  SampleAnalyzer nextStream() {
    delegate = delegates.get();
    forgetStream();
    return this;
  }

  @Override
  public void analyze(VideoCodec codec, ByteBuffer sample, Result result) {
    delegate.analyze(codec, sample, result);
    lastIdr = false;
    if (codec != VideoCodec.H264) {
      return;
    }
    int n = sample.remaining();
    lastSize = n;
    byte[] b;
    int off;
    int len;
    boolean cut;
    if (sample.hasArray()) {
      b = sample.array();
      off = sample.arrayOffset() + sample.position();
      len = n;
      cut = false;
    } else {
      len = Math.min(n, SCAN_PREFIX);
      if (scratch.length < len) {
        scratch = new byte[SCAN_PREFIX];
      }
      sample.duplicate().get(scratch, 0, len);
      b = scratch;
      off = 0;
      cut = len < n;
    }
    cursor.reset(b, off, len);
    while (cursor.next()) {
      int start = cursor.start();
      int length = cursor.length();
      if (length < 1) {
        continue;
      }
      // a NAL unit that reaches the end of a copied prefix may be cut off: not remembered
      boolean whole = !cut || start + length < off + len;
      int type = AnnexB.h264Type(b, start);
      if (type == NAL_IDR) {
        lastIdr = true;
      } else if (type == NAL_SPS && whole) {
        sps.remember(b, start, length);
      } else if (type == NAL_PPS && whole) {
        pps.remember(b, start, length);
      }
    }
  }

  @Override
  public void payload(VideoCodec codec, ByteBuffer sample) {
    long index = payloads++;
    boolean idr = lastIdr;
    lastIdr = false;
    if (!idr || codec != VideoCodec.H264 || sample.remaining() != lastSize) {
      return;
    }
    long ordinal = keyframes++;
    if (ordinal % stride != 0) {
      return;
    }
    if (stored == slots.length) {
      compact();
      if (ordinal % stride != 0) {
        return;
      }
    }
    int len = sample.remaining();
    Candidate c = slots[stored];
    int need = sps.bytes() + pps.bytes() + len;
    if (len > MAX_KEYFRAME_BYTES
        || (c.bytes.length < need && heldBytes - c.bytes.length + need > MAX_HELD_BYTES)) {
      tooLarge++;
      return;
    }
    stored++;
    if (c.bytes.length < need) {
      heldBytes += need - c.bytes.length;
      c.bytes = new byte[need];
    }
    int at = sps.copyTo(c.bytes, 0);
    at = pps.copyTo(c.bytes, at);
    sample.duplicate().get(c.bytes, at, len);
    c.length = at + len;
    c.sampleIndex = index;
    c.ordinal = ordinal;
    c.timed = false;
    c.ptsNanos = SampleRow.ABSENT;
  }

  /**
   * The slots to decode: for each of the wanted number of positions spread evenly over all the
   * stream's keyframes, the kept copy nearest to it (copies are in keyframe order).
   */
  private int[] pick() {
    int take = Math.min(wanted, stored);
    int[] picked = new int[take];
    int last = -1;
    for (int k = 0; k < take; k++) {
      double target = take == 1 ? 0 : (double) k * (keyframes - 1) / (take - 1);
      int i = last + 1;
      // leave a copy for each position still to come
      while (i + 1 < stored - (take - 1 - k)
          && Math.abs(slots[i + 1].ordinal - target) <= Math.abs(slots[i].ordinal - target)) {
        i++;
      }
      picked[k] = i;
      last = i;
    }
    return picked;
  }

  /** The sample indices {@link #finish} would decode now (for tests). */
  long[] pickedSamples() {
    int[] p = pick();
    long[] out = new long[p.length];
    for (int k = 0; k < p.length; k++) {
      out[k] = slots[p[k]].sampleIndex;
    }
    return out;
  }

  /** Keeps every other copy (the even multiples of the stride) and doubles the stride. */
  private void compact() {
    long next = stride * 2;
    int kept = 0;
    for (int i = 0; i < stored; i++) {
      Candidate c = slots[i];
      if (c.ordinal % next == 0) {
        slots[i] = slots[kept];
        slots[kept] = c;
        kept++;
      }
    }
    stored = kept;
    stride = next;
  }

  /** Takes the presentation time of a kept keyframe from its row. */
  void row(SampleRow r) {
    for (int i = stored - 1; i >= 0; i--) {
      Candidate c = slots[i];
      if (!c.timed && c.sampleIndex == r.sampleIndex()) {
        c.timed = true;
        c.pts = r.pts();
        c.ptsNanos = r.ptsNanos();
        return;
      }
    }
  }

  /**
   * Decodes up to the wanted number of the kept keyframes, evenly spaced among them, and forgets
   * the stream. Says in {@code note} why there are fewer thumbnails than keyframes allow.
   */
  List<Thumbnail> finish(StringBuilder note) {
    List<Thumbnail> out = new ArrayList<>();
    int failed = 0;
    String firstReason = null;
    for (int i : pick()) {
      Candidate c = slots[i];
      try {
        H264Thumbnailer.Checked checked = H264Thumbnailer.check(c.bytes, c.length);
        if (decodedPixels + checked.codedPixels() > MAX_DECODED_PIXELS) {
          throw new H264Thumbnailer.NotDecodable(
              "the input's budget of " + (MAX_DECODED_PIXELS >> 20) + " Mpixels decoded is spent");
        }
        if (decodeNanos >= MAX_DECODE_NANOS) {
          throw new H264Thumbnailer.NotDecodable(
              "the input's budget of "
                  + MAX_DECODE_NANOS / 1_000_000_000
                  + " s of decoding is spent");
        }
        decodedPixels += checked.codedPixels();
        long t0 = System.nanoTime();
        H264Thumbnailer.Decoded d;
        try {
          d = H264Thumbnailer.decode(checked);
        } finally {
          decodeNanos += System.nanoTime() - t0;
        }
        out.add(new Thumbnail(c.sampleIndex, c.ptsNanos, c.pts, d.width(), d.height(), d.png()));
      } catch (H264Thumbnailer.NotDecodable e) {
        failed++;
        if (firstReason == null) {
          firstReason = "sample " + c.sampleIndex + ": " + e.getMessage();
        }
      }
    }
    if (failed > 0) {
      note.append(failed)
          .append(failed == 1 ? " keyframe" : " keyframes")
          .append(" could not be decoded (")
          .append(firstReason)
          .append(")");
    }
    if (tooLarge > 0) {
      if (note.length() > 0) {
        note.append("; ");
      }
      note.append(tooLarge)
          .append(tooLarge == 1 ? " keyframe" : " keyframes")
          .append(" skipped: larger than ")
          .append(MAX_KEYFRAME_BYTES >> 20)
          .append(" MiB, or more than the ")
          .append(MAX_HELD_BYTES >> 20)
          .append(" MiB kept for thumbnails");
    }
    forgetStream();
    return out;
  }

  private void forgetStream() {
    sps.clear();
    pps.clear();
    stored = 0;
    stride = 1;
    keyframes = 0;
    payloads = 0;
    lastIdr = false;
    tooLarge = 0;
  }

  /**
   * The latest distinct parameter sets of one kind (up to {@value #COUNT}, each up to {@value
   * #MAX_BYTES} bytes; larger ones are not kept), oldest first, so that later ones win when a
   * decoder reads them in order. Buffers are reused.
   */
  private static final class ParameterSets {
    static final int COUNT = 32;
    static final int MAX_BYTES = 4096;

    private final byte[][] data = new byte[COUNT][];
    private final int[] length = new int[COUNT];
    private int first;
    private int size;

    void clear() {
      first = 0;
      size = 0;
    }

    void remember(byte[] b, int off, int len) {
      if (len > MAX_BYTES) {
        return;
      }
      for (int k = 0; k < size; k++) {
        int i = (first + k) % COUNT;
        if (java.util.Arrays.equals(data[i], 0, length[i], b, off, off + len)) {
          return;
        }
      }
      int slot;
      if (size < COUNT) {
        slot = (first + size) % COUNT;
        size++;
      } else {
        slot = first;
        first = (first + 1) % COUNT;
      }
      if (data[slot] == null || data[slot].length < len) {
        data[slot] = new byte[MAX_BYTES];
      }
      System.arraycopy(b, off, data[slot], 0, len);
      length[slot] = len;
    }

    /** The bytes {@link #copyTo} writes: each with a four-byte start code. */
    int bytes() {
      int n = 0;
      for (int k = 0; k < size; k++) {
        n += 4 + length[(first + k) % COUNT];
      }
      return n;
    }

    int copyTo(byte[] out, int at) {
      for (int k = 0; k < size; k++) {
        int i = (first + k) % COUNT;
        out[at] = 0;
        out[at + 1] = 0;
        out[at + 2] = 0;
        out[at + 3] = 1;
        System.arraycopy(data[i], 0, out, at + 4, length[i]);
        at += 4 + length[i];
      }
      return at;
    }
  }
}
