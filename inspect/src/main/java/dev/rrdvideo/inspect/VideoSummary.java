package dev.rrdvideo.inspect;

import dev.rrdvideo.media.bitstream.FrameType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-stream aggregates of sample rows: codec, resolution, frame count, duration, frame rate,
 * bitrate, GOP lengths, keyframes, B-frames and timestamp anomalies. Memory is a few numbers and a
 * fixed reorder window per stream, whatever the number of samples.
 *
 * <p>Timing is about presentation order: frame rate, intervals, duration and duplicate times are
 * computed on the presentation times sorted (within a {@value PresentationOrder#WINDOW}-sample
 * reorder window, see {@link StreamTiming}), so B-frames do not make negative intervals; decode
 * times are checked in decode order. GOP statistics count every GOP, including the last one (which
 * may be cut short where the input ends), for the minimum, maximum and mean alike; samples before
 * the first keyframe belong to no GOP. Absent values are {@link SampleRow#ABSENT} ({@code long}),
 * -1 ({@code int}) or NaN ({@code double}); {@link Reports} writes them as absent.
 */
public final class VideoSummary implements SampleListener {
  /**
   * The summary of one stream.
   *
   * @param entity entity path (or file name)
   * @param timeline timeline of the times
   * @param codec codec short name, or null
   * @param width coded width of the first sample that has one, or -1
   * @param height coded height, or -1
   * @param resolutionChanges number of samples whose size differs from the previous known size
   * @param frames number of samples
   * @param keyframesDeclared samples declared keyframes by the container
   * @param keyframesBitstream samples that are keyframes by their bitstream, or {@link
   *     SampleRow#ABSENT} when no sample's bitstream was analyzed
   * @param firstPtsNanos earliest presentation time (ns), or {@link SampleRow#ABSENT}
   * @param lastPtsNanos latest presentation time (ns), or {@link SampleRow#ABSENT}
   * @param durationNanos earliest to latest presentation time plus the latest sample's duration
   *     (where its row has a positive one), or {@link SampleRow#ABSENT}
   * @param minIntervalNanos smallest difference between presentation times consecutive in
   *     presentation order, or {@link SampleRow#ABSENT}
   * @param maxIntervalNanos largest such difference, or {@link SampleRow#ABSENT}
   * @param totalBytes sum of sample sizes
   * @param gops number of GOPs (keyframes; by bitstream where known)
   * @param minGopFrames shortest GOP in samples (every GOP counts, the last one too), or {@link
   *     SampleRow#ABSENT} when there is no GOP
   * @param maxGopFrames longest GOP in samples, or {@link SampleRow#ABSENT}
   * @param bFrames samples whose bitstream says B, or that are presented before a sample decoded
   *     earlier (reordering)
   * @param nonMonotonic samples whose decode time is not greater than the previous sample's (the
   *     presentation time where there is no decode time), or that reorder beyond the window: the
   *     violations of {@link CheckRule#TIMESTAMPS_MONOTONIC}
   * @param duplicateTimes samples whose presentation time equals that of the sample presented
   *     before them: the violations of {@link CheckRule#TIMESTAMPS_UNIQUE}
   * @param gopFrames samples that belong to a GOP (all but those before the first keyframe)
   * @param references the {@code VideoFrameReference} rows that point at this stream, for an {@code
   *     AssetVideo}; {@code null} for every other kind of stream
   */
  public record StreamSummary(
      String entity,
      String timeline,
      String codec,
      int width,
      int height,
      long resolutionChanges,
      long frames,
      long keyframesDeclared,
      long keyframesBitstream,
      long firstPtsNanos,
      long lastPtsNanos,
      long durationNanos,
      long minIntervalNanos,
      long maxIntervalNanos,
      long totalBytes,
      long gops,
      long minGopFrames,
      long maxGopFrames,
      long bFrames,
      long nonMonotonic,
      long duplicateTimes,
      long gopFrames,
      References references) {

    /** A summary of a stream that is not an {@code AssetVideo} (no references). */
    public StreamSummary(
        String entity,
        String timeline,
        String codec,
        int width,
        int height,
        long resolutionChanges,
        long frames,
        long keyframesDeclared,
        long keyframesBitstream,
        long firstPtsNanos,
        long lastPtsNanos,
        long durationNanos,
        long minIntervalNanos,
        long maxIntervalNanos,
        long totalBytes,
        long gops,
        long minGopFrames,
        long maxGopFrames,
        long bFrames,
        long nonMonotonic,
        long duplicateTimes,
        long gopFrames) {
      this(
          entity,
          timeline,
          codec,
          width,
          height,
          resolutionChanges,
          frames,
          keyframesDeclared,
          keyframesBitstream,
          firstPtsNanos,
          lastPtsNanos,
          durationNanos,
          minIntervalNanos,
          maxIntervalNanos,
          totalBytes,
          gops,
          minGopFrames,
          maxGopFrames,
          bFrames,
          nonMonotonic,
          duplicateTimes,
          gopFrames,
          null);
    }

    /**
     * Returns the mean frame rate in frames per second (samples minus one over the span of
     * presentation times), or NaN.
     */
    public double meanFps() {
      if (frames < 2 || firstPtsNanos == SampleRow.ABSENT || lastPtsNanos <= firstPtsNanos) {
        return Double.NaN;
      }
      return (frames - 1) * 1e9 / ((double) lastPtsNanos - (double) firstPtsNanos);
    }

    /** Returns the mean bitrate in bits per second, or NaN. */
    public double bitrate() {
      return durationNanos != SampleRow.ABSENT && durationNanos > 0
          ? totalBytes * 8e9 / durationNanos
          : Double.NaN;
    }

    /** Returns the mean GOP length in samples (samples in GOPs over GOPs), or NaN. */
    public double meanGopFrames() {
      return gops > 0 ? gopFrames / (double) gops : Double.NaN;
    }
  }

  /**
   * The {@code VideoFrameReference} rows that point at one {@code AssetVideo} (or, for {@link
   * #danglingReferences()}, at none).
   *
   * @param references number of rows
   * @param entities up to {@value #MAX_ENTITIES} entity paths the rows come from, in order of
   *     appearance
   * @param moreEntities whether rows come from further entities
   * @param timeline the timeline of the first row that has one, or {@code null} (all static)
   * @param nanosTimeline whether that timeline counts nanoseconds (else sequence numbers)
   * @param firstTime earliest time of a row on {@code timeline}, or {@link SampleRow#ABSENT}
   * @param lastTime latest such time, or {@link SampleRow#ABSENT}
   * @param minTimestampNanos smallest {@code VideoFrameReference:timestamp}, or {@link
   *     SampleRow#ABSENT} when there are no rows
   * @param maxTimestampNanos largest timestamp, or {@link SampleRow#ABSENT}
   * @param resolved rows whose timestamp is a frame's presentation time
   * @param betweenFrames rows between two frames
   * @param pastLastFrame rows after the last frame
   * @param beforeFirstFrame rows before the first frame (or negative)
   * @param noAsset rows whose target has no {@code AssetVideo} (at their time)
   */
  public record References(
      long references,
      List<String> entities,
      boolean moreEntities,
      String timeline,
      boolean nanosTimeline,
      long firstTime,
      long lastTime,
      long minTimestampNanos,
      long maxTimestampNanos,
      long resolved,
      long betweenFrames,
      long pastLastFrame,
      long beforeFirstFrame,
      long noAsset) {
    /** Most entity paths listed. */
    public static final int MAX_ENTITIES = 8;

    /** Copies the list. */
    public References {
      entities = List.copyOf(entities);
    }

    /** Returns the number of rows that do not resolve to a frame. */
    public long unresolved() {
      return references - resolved;
    }
  }

  /** Accumulates {@link References}. */
  private static final class RefAcc {
    long n;
    final java.util.LinkedHashSet<String> entities = new java.util.LinkedHashSet<>();
    boolean more;
    String timeline;
    boolean nanos;
    long first = SampleRow.ABSENT;
    long last = SampleRow.ABSENT;
    long minTs = SampleRow.ABSENT;
    long maxTs = SampleRow.ABSENT;
    final long[] byStatus = new long[FrameReference.Status.values().length];

    void add(FrameReference r) {
      n++;
      if (!entities.contains(r.entity())) {
        if (entities.size() < References.MAX_ENTITIES) {
          entities.add(r.entity());
        } else {
          more = true;
        }
      }
      if (timeline == null && r.timeline() != null) {
        timeline = r.timeline();
        nanos = r.nanosTimeline();
      }
      if (r.timeline() != null && r.timeline().equals(timeline)) {
        first = first == SampleRow.ABSENT ? r.time() : Math.min(first, r.time());
        last = last == SampleRow.ABSENT ? r.time() : Math.max(last, r.time());
      }
      long ts = r.videoTimestampNanos();
      minTs = minTs == SampleRow.ABSENT ? ts : Math.min(minTs, ts);
      maxTs = maxTs == SampleRow.ABSENT ? ts : Math.max(maxTs, ts);
      byStatus[r.status().ordinal()]++;
    }

    References build() {
      return new References(
          n,
          new ArrayList<>(entities),
          more,
          timeline,
          nanos,
          first,
          last,
          minTs,
          maxTs,
          byStatus[FrameReference.Status.FRAME.ordinal()],
          byStatus[FrameReference.Status.BETWEEN_FRAMES.ordinal()],
          byStatus[FrameReference.Status.PAST_LAST_FRAME.ordinal()],
          byStatus[FrameReference.Status.BEFORE_FIRST_FRAME.ordinal()],
          byStatus[FrameReference.Status.NO_ASSET.ordinal()]);
    }
  }

  private final List<StreamSummary> done = new ArrayList<>();
  private Acc acc;
  private RefAcc refs = new RefAcc();
  private References pendingReferences;
  private References dangling;

  private static final class Acc {
    String entity;
    String timeline;
    String codec;
    int width = -1;
    int height = -1;
    long resolutionChanges;
    long frames;
    long keysDeclared;
    long keysBitstream;
    boolean bitstreamKnown;
    final StreamTiming timing = new StreamTiming(null);
    long bytes;
    long gops;
    long gopFrames;
    long currentGopFrames;
    long minGop = Long.MAX_VALUE;
    long maxGop = Long.MIN_VALUE;
    long currentGop = Long.MIN_VALUE;
    long bFrames;
    int lastW = -1;
    int lastH = -1;

    void closeGop() {
      if (currentGop >= 0) {
        minGop = Math.min(minGop, currentGopFrames);
        maxGop = Math.max(maxGop, currentGopFrames);
        gopFrames += currentGopFrames;
      }
      currentGopFrames = 0;
    }
  }

  @Override
  public void sample(SampleRow r) {
    if (acc == null) {
      acc = new Acc();
      acc.entity = r.entity;
      acc.timeline = r.timeline;
    }
    Acc a = acc;
    if (a.codec == null) {
      a.codec = r.codec == null ? null : r.codec.shortName();
    }
    if (r.width > 0) {
      if (a.width < 0) {
        a.width = r.width;
        a.height = r.height;
      } else if (r.width != a.lastW || r.height != a.lastH) {
        a.resolutionChanges++;
      }
      a.lastW = r.width;
      a.lastH = r.height;
    }
    if (Boolean.TRUE.equals(r.keyframeDeclared)) {
      a.keysDeclared++;
    }
    if (r.keyframeBitstream != null) {
      a.bitstreamKnown = true;
      if (r.keyframeBitstream) {
        a.keysBitstream++;
      }
    }
    boolean reordered = a.timing.add(r);
    if (r.frameType == FrameType.B || reordered) {
      a.bFrames++;
    }
    if (r.gopIndex != a.currentGop) {
      a.closeGop();
      a.currentGop = r.gopIndex;
      if (r.gopIndex >= 0) {
        a.gops++;
      }
    }
    a.currentGopFrames++;
    a.frames++;
    a.bytes += r.sizeBytes;
  }

  @Override
  public void frameReference(FrameReference ref) {
    refs.add(ref);
  }

  @Override
  public void endOfFrameReferences(String video, long references) {
    if (video == null) {
      dangling = refs.build();
    } else {
      pendingReferences = refs.build();
    }
    refs = new RefAcc();
  }

  @Override
  public void endOfStream(String entity, String timeline) {
    Acc a = acc;
    References r = pendingReferences;
    pendingReferences = null;
    if (a == null) {
      return;
    }
    a.closeGop();
    StreamTiming t = a.timing;
    t.finish();
    long first = t.firstNanos();
    long duration = SampleRow.ABSENT;
    if (first != SampleRow.ABSENT) {
      long last = t.lastDurationNanos();
      duration =
          StreamTiming.sum(
              StreamTiming.difference(t.lastNanos(), first),
              last != SampleRow.ABSENT && last > 0 ? last : 0);
    }
    done.add(
        new StreamSummary(
            a.entity,
            a.timeline,
            a.codec,
            a.width,
            a.height,
            a.resolutionChanges,
            a.frames,
            a.keysDeclared,
            a.bitstreamKnown ? a.keysBitstream : SampleRow.ABSENT,
            first,
            t.lastNanos(),
            duration,
            t.minIntervalNanos(),
            t.maxIntervalNanos(),
            a.bytes,
            a.gops,
            a.gops > 0 ? a.minGop : SampleRow.ABSENT,
            a.gops > 0 ? a.maxGop : SampleRow.ABSENT,
            a.bFrames,
            t.nonIncreasing(),
            t.duplicates(),
            a.gopFrames,
            r));
    acc = null;
  }

  /** Returns the summaries of the streams completed so far. */
  public List<StreamSummary> streams() {
    return Collections.unmodifiableList(done);
  }

  /**
   * Returns the {@code VideoFrameReference} rows that point at no {@code AssetVideo}, or {@code
   * null} when there were none.
   */
  public References danglingReferences() {
    return dangling;
  }
}
