package dev.rrdvideo.inspect;

import dev.rrdvideo.media.bitstream.FrameType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the {@link CheckRule}s on streams of sample rows. Streams: per stream it keeps one
 * counter per rule, the previous sample's values and a fixed reorder window, never the samples.
 *
 * <p>Timing rules follow {@link StreamTiming}: {@code timestamps-monotonic} is about decode order
 * (decode times strictly increase; a sample may not be presented before one decoded more than
 * {@value PresentationOrder#WINDOW} samples earlier), {@code timestamps-unique} and {@code max-gap}
 * are about presentation order, {@code no-bframes} compares the two. Rules about the whole stream
 * ({@code min-fps}, {@code max-fps}, {@code frames}) have no first sample.
 */
public final class VideoChecker implements SampleListener {
  private final CheckOptions options;
  private final List<CheckResult> results = new ArrayList<>();
  private final VideoSummary summary = new VideoSummary();
  private State s;

  private static final class Counter {
    long violations;
    long first = -1;
    String example;
    boolean evaluated;

    private long lastSample = -1;

    /**
     * Counts a violation; returns whether it is the first, whose message the caller then sets as
     * {@link #example} (messages are built once per rule, not once per offending sample).
     */
    boolean hit(long sample) {
      violations++;
      lastSample = sample;
      if (violations == 1) {
        first = sample;
        return true;
      }
      return false;
    }

    /** Counts a sample once even if it breaks the rule in two ways. */
    boolean hitOnce(long sample) {
      return (violations == 0 || sample != lastSample) && hit(sample);
    }
  }

  private final class State implements StreamTiming.Events {
    final Map<CheckRule, Counter> c = new EnumMap<>(CheckRule.class);
    final StreamTiming timing = new StreamTiming(this);
    String entity;
    long samples;
    String codec;
    int width = -1;
    int height = -1;
    long gopLen;
    long gopIndex = Long.MIN_VALUE;
    long gopStartSample;
    boolean bitstream;

    Counter get(CheckRule r) {
      return c.computeIfAbsent(r, k -> new Counter());
    }

    @Override
    public void decodeTimeNotIncreasing(long i, long time, long previousTime) {
      Counter rule = get(CheckRule.TIMESTAMPS_MONOTONIC);
      if (rule.hitOnce(i)) {
        rule.example = "sample " + i + " decode time " + time + " after " + previousTime;
      }
    }

    @Override
    public void reorderedBeyondWindow(long i, long time, long presentedTime) {
      Counter rule = get(CheckRule.TIMESTAMPS_MONOTONIC);
      if (rule.hitOnce(i)) {
        rule.example =
            "sample "
                + i
                + " presentation time "
                + time
                + " comes after "
                + presentedTime
                + " was presented (reordered by more than "
                + PresentationOrder.WINDOW
                + " samples)";
      }
    }

    @Override
    public void sameTime(long previousIndex, long i, long time) {
      Counter rule = get(CheckRule.TIMESTAMPS_UNIQUE);
      if (rule.hit(i)) {
        rule.example =
            "samples " + previousIndex + " and " + i + " share presentation time " + time;
      }
    }

    @Override
    public void interval(long previousIndex, long i, long intervalNanos) {
      if (options.maxGapNanos().isPresent()) {
        Counter g = get(CheckRule.MAX_GAP);
        g.evaluated = true;
        if (intervalNanos > options.maxGapNanos().getAsLong()) {
          if (g.hit(i)) {
            g.example =
                "gap of "
                    + intervalNanos
                    + " ns between samples "
                    + previousIndex
                    + " and "
                    + i
                    + " (presentation order)";
          }
        }
      }
    }

    @Override
    public void reordered(long i, long time, long earlierMaxTime) {
      reorderedNow = true;
      reorderedTime = earlierMaxTime;
    }

    boolean reorderedNow;
    long reorderedTime;
  }

  /** The references of the current asset (or of none, outside a stream) that did not resolve. */
  private final Counter references = new Counter();

  private long referencesSeen;

  /** The target of the first reference that did not resolve. */
  private String firstTarget;

  /** Creates a checker with the given expectations. */
  public VideoChecker(CheckOptions options) {
    this.options = options;
  }

  @Override
  public void sample(SampleRow r) {
    summary.sample(r);
    if (s == null) {
      s = new State();
      s.entity = r.entity;
    }
    State st = s;
    long i = r.sampleIndex;
    Boolean key = r.keyframeBitstream != null ? r.keyframeBitstream : r.keyframeDeclared;
    if (r.keyframeBitstream != null) {
      st.bitstream = true;
    }
    if (st.samples == 0) {
      st.get(CheckRule.FIRST_SAMPLE_KEYFRAME).evaluated = key != null;
      if (key != null && !key) {
        Counter rule = st.get(CheckRule.FIRST_SAMPLE_KEYFRAME);
        if (rule.hit(i)) {
          rule.example = "sample 0 is not a keyframe";
        }
      }
    }
    if (r.keyframeBitstream != null && r.keyframeDeclared != null) {
      Counter k = st.get(CheckRule.KEYFRAME_LABEL_MATCHES_BITSTREAM);
      k.evaluated = true;
      if (!r.keyframeBitstream.equals(r.keyframeDeclared)) {
        if (k.hit(i)) {
          k.example =
              "sample "
                  + i
                  + " declared "
                  + (r.keyframeDeclared ? "keyframe" : "not keyframe")
                  + ", bitstream says "
                  + (r.keyframeBitstream ? "keyframe" : "not keyframe");
        }
      }
    }
    if (r.nalTypes != null && (Boolean.TRUE.equals(r.keyframeBitstream) || r.randomAccess)) {
      Counter p = st.get(CheckRule.PARAMETER_SETS_ON_KEYFRAMES);
      p.evaluated = true;
      if (!r.parameterSets) {
        if (p.hit(i)) {
          p.example = "keyframe sample " + i + " (units " + r.nalTypes + ") lacks parameter sets";
        }
      }
    }
    if (r.frameCount >= 0) {
      Counter f = st.get(CheckRule.ONE_FRAME_PER_SAMPLE);
      f.evaluated = true;
      if (r.frameCount != 1) {
        if (f.hit(i)) {
          f.example = "sample " + i + " holds " + Reports.plural(r.frameCount, "frame");
        }
      }
    }
    if (r.annexB != null) {
      Counter a = st.get(CheckRule.ANNEXB_FRAMING);
      a.evaluated = true;
      if (!r.annexB) {
        if (a.hit(i)) {
          a.example = "sample " + i + " is length-prefixed, not Annex B";
        }
      }
    }
    st.get(CheckRule.TIMESTAMPS_MONOTONIC).evaluated = true;
    st.get(CheckRule.TIMESTAMPS_UNIQUE).evaluated = true;
    st.reorderedNow = false;
    st.timing.add(r);
    Counter codec = st.get(CheckRule.CODEC_CONSTANT);
    codec.evaluated = true;
    String rowCodec = r.codec == null ? null : r.codec.shortName();
    if (rowCodec != null) {
      if (st.codec == null) {
        st.codec = rowCodec;
      } else if (!st.codec.equals(rowCodec)) {
        if (codec.hit(i)) {
          codec.example = "codec changes from " + st.codec + " to " + rowCodec + " at sample " + i;
        }
      }
    }
    if (options.expectCodec().isPresent()) {
      Counter e = st.get(CheckRule.EXPECT_CODEC);
      e.evaluated = true;
      if (rowCodec == null || !rowCodec.equals(options.expectCodec().get())) {
        if (e.hit(i)) {
          e.example =
              "codec is "
                  + (rowCodec == null ? "unknown" : rowCodec)
                  + ", expected "
                  + options.expectCodec().get();
        }
      }
    }
    if (r.width > 0) {
      Counter res = st.get(CheckRule.RESOLUTION_CONSTANT);
      res.evaluated = true;
      if (st.width < 0) {
        st.width = r.width;
        st.height = r.height;
      } else if (st.width != r.width || st.height != r.height) {
        if (res.hit(i)) {
          res.example =
              "resolution changes from "
                  + st.width
                  + "x"
                  + st.height
                  + " to "
                  + r.width
                  + "x"
                  + r.height
                  + " at sample "
                  + i;
        }
        st.width = r.width;
        st.height = r.height;
      }
    }
    if (options.noBFrames()) {
      Counter b = st.get(CheckRule.NO_BFRAMES);
      b.evaluated = true;
      if (st.reorderedNow) {
        if (b.hit(i)) {
          b.example =
              "sample "
                  + i
                  + " is presented before a sample decoded earlier (presentation time "
                  + StreamTiming.presentationKey(r)
                  + ", earlier sample's "
                  + st.reorderedTime
                  + ")";
        }
      } else if (r.frameType == FrameType.B) {
        if (b.hit(i)) {
          b.example = "sample " + i + " is a B-frame";
        }
      }
    }
    if (options.maxGopFrames().isPresent()) {
      if (r.gopIndex != st.gopIndex) {
        closeGop(st);
        st.gopIndex = r.gopIndex;
        st.gopStartSample = i;
        st.gopLen = 0;
      }
      st.gopLen++;
    }
    st.samples++;
  }

  @Override
  public void frameReference(FrameReference ref) {
    long i = referencesSeen++;
    if (ref.status() == FrameReference.Status.FRAME) {
      return;
    }
    if (references.hit(i)) {
      references.example = describe(ref);
      firstTarget = ref.video();
    }
  }

  /** One line about a reference that does not resolve: where it is and what the viewer does. */
  static String describe(FrameReference ref) {
    StringBuilder b = new StringBuilder("VideoFrameReference ");
    b.append(ref.entity());
    if (ref.timeline() != null) {
      b.append(" at ").append(ref.timeline()).append('=').append(ref.time());
    } else {
      b.append(" (static)");
    }
    b.append(" has timestamp ").append(ref.videoTimestampNanos()).append(" ns");
    switch (ref.status()) {
      case NO_ASSET ->
          b.append(", but ")
              .append(ref.video())
              .append(" has no AssetVideo blob there (the viewer shows \"No video asset\")");
      case BEFORE_FIRST_FRAME ->
          b.append(" (")
              .append(ref.videoTicks())
              .append(" ticks), before the first frame (the viewer shows no frame)");
      case BETWEEN_FRAMES ->
          b.append(" (")
              .append(ref.videoTicks())
              .append(" ticks), between frames: the viewer shows frame ")
              .append(ref.frame())
              .append(" (pts ")
              .append(ref.framePtsTicks())
              .append(" ticks) instead");
      case PAST_LAST_FRAME ->
          b.append(" (")
              .append(ref.videoTicks())
              .append(" ticks), past the last frame (frame ")
              .append(ref.frame())
              .append(", pts ")
              .append(ref.framePtsTicks())
              .append(" ticks), which the viewer keeps showing");
      default -> b.append(", a frame");
    }
    return b.toString();
  }

  @Override
  public void endOfFrameReferences(String video, long count) {
    Counter c = references;
    String msg =
        c.violations == 0
            ? null
            : c.example
                + (c.violations > 1
                    ? " (and "
                        + (c.violations - 1)
                        + " more of "
                        + Reports.plural(count, "reference")
                        + ")"
                    : " (1 of " + Reports.plural(count, "reference") + ")");
    if (video == null || s == null) {
      // references that point at no AssetVideo: a result of their own
      if (c.violations > 0) {
        results.add(
            new CheckResult(
                CheckRule.FRAME_REFERENCES_RESOLVE,
                video == null ? firstTarget : video,
                CheckResult.Status.FAIL,
                c.violations,
                -1,
                msg));
      }
    } else {
      Counter rule = s.get(CheckRule.FRAME_REFERENCES_RESOLVE);
      rule.evaluated = count > 0;
      rule.violations = c.violations;
      rule.example = msg;
      rule.first = -1;
    }
    references.violations = 0;
    references.example = null;
    references.first = -1;
    references.lastSample = -1;
    referencesSeen = 0;
    firstTarget = null;
  }

  private void closeGop(State st) {
    if (options.maxGopFrames().isPresent() && st.gopLen > 0) {
      Counter g = st.get(CheckRule.MAX_GOP);
      g.evaluated = true;
      if (st.gopLen > options.maxGopFrames().getAsLong()) {
        if (g.hit(st.gopStartSample)) {
          String what =
              st.gopIndex < 0
                  ? Reports.plural(st.gopLen, "sample") + " before the first keyframe"
                  : "GOP "
                      + st.gopIndex
                      + " starting at sample "
                      + st.gopStartSample
                      + " has "
                      + st.gopLen
                      + " samples";
          g.example = what + ", expected at most " + options.maxGopFrames().getAsLong();
        }
      }
    }
  }

  @Override
  public void endOfStream(String entity, String timeline) {
    summary.endOfStream(entity, timeline);
    State st = s;
    if (st == null) {
      return;
    }
    closeGop(st);
    st.timing.finish();
    VideoSummary.StreamSummary sum = summary.streams().get(summary.streams().size() - 1);
    double fps = sum.meanFps();
    if (options.minFps().isPresent()) {
      Counter c = st.get(CheckRule.MIN_FPS);
      c.evaluated = !Double.isNaN(fps);
      if (fps < options.minFps().getAsDouble()) {
        if (c.hit(-1)) {
          c.example =
              String.format(
                  Locale.ROOT,
                  "mean frame rate %.3f, expected at least %s",
                  fps,
                  options.minFps().getAsDouble());
        }
      }
    }
    if (options.maxFps().isPresent()) {
      Counter c = st.get(CheckRule.MAX_FPS);
      c.evaluated = !Double.isNaN(fps);
      if (fps > options.maxFps().getAsDouble()) {
        if (c.hit(-1)) {
          c.example =
              String.format(
                  Locale.ROOT,
                  "mean frame rate %.3f, expected at most %s",
                  fps,
                  options.maxFps().getAsDouble());
        }
      }
    }
    if (options.frames().isPresent()) {
      Counter c = st.get(CheckRule.FRAMES);
      c.evaluated = true;
      if (st.samples != options.frames().getAsLong()) {
        if (c.hit(-1)) {
          c.example =
              Reports.plural(st.samples, "sample") + ", expected " + options.frames().getAsLong();
        }
      }
    }
    for (CheckRule rule : CheckRule.values()) {
      Counter c = st.c.get(rule);
      if (c == null) {
        if ((isExpectation(rule) && !active(rule)) || rule == CheckRule.FRAME_REFERENCES_RESOLVE) {
          continue; // an inactive expectation, or a reference rule on a stream that is no asset
        }
        results.add(
            new CheckResult(
                rule,
                st.entity,
                CheckResult.Status.SKIPPED,
                0,
                -1,
                "not evaluated: " + why(rule, st)));
        continue;
      }
      if (!c.evaluated && c.violations == 0) {
        results.add(
            new CheckResult(
                rule,
                st.entity,
                CheckResult.Status.SKIPPED,
                0,
                -1,
                "not evaluated: " + why(rule, st)));
      } else if (c.violations == 0) {
        results.add(new CheckResult(rule, st.entity, CheckResult.Status.PASS, 0, -1, "ok"));
      } else if (rule == CheckRule.FRAME_REFERENCES_RESOLVE) {
        results.add(
            new CheckResult(rule, st.entity, CheckResult.Status.FAIL, c.violations, -1, c.example));
      } else {
        String msg = c.example + (c.violations > 1 ? " (and " + (c.violations - 1) + " more)" : "");
        results.add(
            new CheckResult(rule, st.entity, CheckResult.Status.FAIL, c.violations, c.first, msg));
      }
    }
    s = null;
  }

  private static boolean isExpectation(CheckRule r) {
    return r.ordinal() >= CheckRule.EXPECT_CODEC.ordinal();
  }

  private boolean active(CheckRule r) {
    return switch (r) {
      case EXPECT_CODEC -> options.expectCodec().isPresent();
      case MAX_GOP -> options.maxGopFrames().isPresent();
      case MIN_FPS -> options.minFps().isPresent();
      case MAX_FPS -> options.maxFps().isPresent();
      case NO_BFRAMES -> options.noBFrames();
      case MAX_GAP -> options.maxGapNanos().isPresent();
      case FRAMES -> options.frames().isPresent();
      default -> true;
    };
  }

  private static String why(CheckRule rule, State st) {
    if (rule == CheckRule.FRAME_REFERENCES_RESOLVE) {
      return "no VideoFrameReference points at this AssetVideo";
    }
    if (!st.bitstream) {
      return "the samples' bitstream was not analyzed";
    }
    return switch (rule) {
      case KEYFRAME_LABEL_MATCHES_BITSTREAM -> "no declared keyframe flags";
      case RESOLUTION_CONSTANT -> "no sample carries a resolution";
      case ANNEXB_FRAMING ->
          "h264".equals(st.codec) || "h265".equals(st.codec)
              // only the MP4 reader (files and AssetVideo blobs) leaves the framing unset
              ? "the samples are length-prefixed (AVCC/HVCC), as MP4 stores them; the rule is"
                  + " about VideoStream samples, which must be Annex B"
              : "only applies to H.264/H.265"
                  + (st.codec == null ? "" : " (the stream is " + st.codec + ")");
      default -> "no data for this rule";
    };
  }

  /** Returns every result so far, stream by stream, rule by rule. */
  public List<CheckResult> results() {
    return Collections.unmodifiableList(results);
  }

  /** Returns whether no rule failed. */
  public boolean passed() {
    return results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAIL);
  }

  /** Returns the summaries of the streams checked. */
  public List<VideoSummary.StreamSummary> summaries() {
    return summary.streams();
  }
}
