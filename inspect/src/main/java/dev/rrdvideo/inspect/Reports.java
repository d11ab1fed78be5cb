package dev.rrdvideo.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders check results (text, JSON, JUnit XML), stream summaries (text, JSON) and diff results
 * (text, JSON). Output is deterministic: no wall-clock values, fixed field order, stable number
 * formatting.
 *
 * <p>Absent values (a sample index for a rule about the whole stream, a frame rate without times, a
 * GOP length without keyframes) are never written as a placeholder number: text shows {@code -} (or
 * leaves the phrase out), JSON writes {@code null} with the field always present.
 */
public final class Reports {
  private Reports() {}

  /**
   * Returns {@code n} and the noun, singular for one: {@code 1 keyframe}, {@code 0 keyframes},
   * {@code 2 keyframes}.
   */
  public static String plural(long n, String noun) {
    return plural(n, noun, noun + "s");
  }

  /** Returns {@code n} and {@code singular} for one, {@code pluralForm} otherwise. */
  public static String plural(long n, String singular, String pluralForm) {
    return n + " " + (n == 1 ? singular : pluralForm);
  }

  /** Writes one line per result, then a one-line verdict. */
  public static void checkText(List<CheckResult> results, String input, PrintWriter out) {
    long fail = 0;
    long pass = 0;
    long skip = 0;
    for (CheckResult r : results) {
      String status =
          switch (r.status()) {
            case PASS -> "ok  ";
            case FAIL -> "FAIL";
            case SKIPPED -> "skip";
          };
      switch (r.status()) {
        case PASS -> pass++;
        case FAIL -> fail++;
        default -> skip++;
      }
      out.printf("%s %-34s %s: %s%n", status, r.rule().id(), r.stream(), r.message());
    }
    // concatenated, not printf: a %d makes Formatter load the locale's number symbols, ~5 ms of a
    // short run
    out.print(
        input
            + ": "
            + (fail == 0 ? "all checks passed" : "checks FAILED")
            + " ("
            + pass
            + " passed, "
            + fail
            + " failed, "
            + skip
            + " skipped)"
            + System.lineSeparator());
  }

  /** Writes the results as one JSON object. */
  public static void checkJson(List<CheckResult> results, String input, Writer out)
      throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("input", input);
    g.writeBooleanField(
        "passed", results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAIL));
    g.writeArrayFieldStart("results");
    for (CheckResult r : results) {
      g.writeStartObject();
      g.writeStringField("rule", r.rule().id());
      g.writeStringField("stream", r.stream());
      g.writeStringField("status", r.status().name().toLowerCase(Locale.ROOT));
      g.writeNumberField("violations", r.violations());
      if (r.firstSample() >= 0) {
        g.writeNumberField("first_sample", r.firstSample());
      } else {
        g.writeNullField("first_sample");
      }
      g.writeStringField("message", r.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }

  /**
   * Writes JUnit XML (one {@code testsuite} per stream, one {@code testcase} per rule; failures as
   * {@code <failure>}, skipped rules as {@code <skipped>}), which CI systems display.
   */
  public static void checkJUnit(List<CheckResult> results, String input, OutputStream os)
      throws IOException {
    Map<String, List<CheckResult>> byStream = new LinkedHashMap<>();
    for (CheckResult r : results) {
      byStream.computeIfAbsent(r.stream(), k -> new java.util.ArrayList<>()).add(r);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    long failures = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
    long skipped = results.stream().filter(r -> r.status() == CheckResult.Status.SKIPPED).count();
    sb.append("<testsuites name=\"rrdvideo check ")
        .append(xmlEscaped(input))
        .append("\" tests=\"")
        .append(results.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" skipped=\"")
        .append(skipped)
        .append("\">\n");
    for (Map.Entry<String, List<CheckResult>> e : byStream.entrySet()) {
      List<CheckResult> rs = e.getValue();
      long f = rs.stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
      long s = rs.stream().filter(r -> r.status() == CheckResult.Status.SKIPPED).count();
      sb.append("  <testsuite name=\"")
          .append(xmlEscaped(input + " " + e.getKey()))
          .append("\" tests=\"")
          .append(rs.size())
          .append("\" failures=\"")
          .append(f)
          .append("\" skipped=\"")
          .append(s)
          .append("\">\n");
      junitTestCases(rs, "rrdvideo.check." + e.getKey(), sb);
      sb.append("  </testsuite>\n");
    }
    sb.append("</testsuites>\n");
    os.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    os.flush();
  }

  /**
   * Appends the JUnit {@code <testcase>} elements of {@code results} (failures as {@code
   * <failure>}, skipped rules as {@code <skipped>}) to {@code out}, each with the given {@code
   * classname}: for tools that put the check of several inputs into one report of their own.
   */
  public static void junitTestCases(List<CheckResult> results, String classname, Appendable out)
      throws IOException {
    for (CheckResult r : results) {
      out.append("    <testcase classname=\"")
          .append(xmlEscaped(classname))
          .append("\" name=\"")
          .append(xmlEscaped(r.rule().id()))
          .append("\"");
      switch (r.status()) {
        case PASS -> out.append("/>\n");
        case FAIL ->
            out.append(">\n      <failure message=\"")
                .append(xmlEscaped(r.message()))
                .append("\" type=\"")
                .append(xmlEscaped(r.rule().id()))
                .append("\">")
                .append(
                    xmlEscaped(
                        plural(r.violations(), "violation")
                            + (r.firstSample() >= 0 ? "; first at sample " + r.firstSample() : "")
                            + ": "
                            + r.message()))
                .append("</failure>\n    </testcase>\n");
        case SKIPPED ->
            out.append(">\n      <skipped message=\"")
                .append(xmlEscaped(r.message()))
                .append("\"/>\n    </testcase>\n");
        default -> throw new IllegalStateException();
      }
    }
  }

  /**
   * Text as an XML 1.0 attribute value (or element content): {@link #markupEscaped} with line
   * breaks and tabs as character references, which attribute values keep.
   */
  public static String xmlEscaped(String s) {
    return markupEscaped(s, true);
  }

  /**
   * Text for XML 1.0 or HTML: the markup characters ({@code & < > " '}) escaped, characters XML
   * cannot hold (other control characters, unpaired surrogates, U+FFFE, U+FFFF) replaced by U+FFFD;
   * line breaks and tabs kept, or as character references when {@code attribute}. Shared by the
   * JUnit reports and the HTML report.
   */
  public static String markupEscaped(String s, boolean attribute) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            case '\n' -> attribute ? "&#10;" : null;
            case '\t' -> attribute ? "&#9;" : null;
            case '\r' -> attribute ? "&#13;" : null;
            default -> {
              boolean badSurrogate =
                  Character.isSurrogate(c)
                      && !(Character.isHighSurrogate(c)
                          && i + 1 < s.length()
                          && Character.isLowSurrogate(s.charAt(i + 1)))
                      && !(Character.isLowSurrogate(c)
                          && i > 0
                          && Character.isHighSurrogate(s.charAt(i - 1)));
              yield c < 0x20 || badSurrogate || c == 0xFFFE || c == 0xFFFF ? "\uFFFD" : null;
            }
          };
      if (rep != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (rep != null) {
          b.append(rep);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /** Writes a human summary of each stream. */
  public static void summaryText(List<VideoSummary.StreamSummary> streams, PrintWriter out) {
    summaryText(streams, null, out);
  }

  /**
   * Writes a human summary of each stream, then a line about the {@code VideoFrameReference} rows
   * that point at no {@code AssetVideo} ({@code dangling}, may be {@code null}).
   */
  public static void summaryText(
      List<VideoSummary.StreamSummary> streams, VideoSummary.References dangling, PrintWriter out) {
    for (VideoSummary.StreamSummary s : streams) {
      out.printf("%s (timeline %s)%n", s.entity(), s.timeline());
      out.printf("  codec        %s%n", s.codec() == null ? "unknown" : s.codec());
      out.printf(
          "  resolution   %s%s%n",
          s.width() > 0 ? s.width() + "x" + s.height() : "unknown",
          s.resolutionChanges() > 0
              ? " (changes "
                  + (s.resolutionChanges() == 1 ? "once" : s.resolutionChanges() + " times")
                  + ")"
              : "");
      out.printf("  frames       %d%n", s.frames());
      out.printf("  duration     %s%n", seconds(s.durationNanos()));
      out.printf(
          "  frame rate   %s mean, interval %s .. %s%n",
          num(s.meanFps()), seconds(s.minIntervalNanos()), seconds(s.maxIntervalNanos()));
      out.printf("  bitrate      %s kbit/s (%d bytes)%n", num(s.bitrate() / 1000), s.totalBytes());
      out.printf(
          "  keyframes    %d declared, %s by bitstream%n",
          s.keyframesDeclared(),
          s.keyframesBitstream() == SampleRow.ABSENT
              ? "unknown"
              : Long.toString(s.keyframesBitstream()));
      out.printf(
          "  GOPs         %d, length %s .. %s (mean %s)%n",
          s.gops(), count(s.minGopFrames()), count(s.maxGopFrames()), num(s.meanGopFrames()));
      out.printf("  B-frames     %s%n", s.bFrames() > 0 ? "yes (" + s.bFrames() + ")" : "no");
      out.printf(
          "  anomalies    %s, %s%n",
          plural(s.nonMonotonic(), "non-increasing time"),
          plural(s.duplicateTimes(), "duplicate time"));
      if (s.references() != null) {
        out.printf("  references   %s%n", references(s.references()));
      }
    }
    if (dangling != null) {
      out.printf("VideoFrameReference rows without AssetVideo: %s%n", references(dangling));
    }
  }

  /**
   * One line about frame references: how many, from which entities, their time range and how many
   * resolve to a frame (the others by kind); the wording of {@code inspect --summary}, also used by
   * the HTML report.
   */
  public static String references(VideoSummary.References r) {
    StringBuilder b = new StringBuilder();
    b.append(plural(r.references(), "VideoFrameReference row"));
    if (r.references() == 0) {
      return b.append(" point at it").toString();
    }
    b.append(" from ").append(String.join(", ", r.entities()));
    if (r.moreEntities()) {
      b.append(", ...");
    }
    if (r.timeline() != null) {
      b.append(", timeline ")
          .append(r.timeline())
          .append(' ')
          .append(time(r.firstTime(), r.nanosTimeline()))
          .append(" .. ")
          .append(time(r.lastTime(), r.nanosTimeline()));
    } else {
      b.append(", static");
    }
    b.append("; ")
        .append(r.resolved())
        .append(r.resolved() == 1 ? " resolves" : " resolve")
        .append(" to a frame");
    part(b, r.betweenFrames(), "between frames");
    part(b, r.pastLastFrame(), "past the last frame");
    part(b, r.beforeFirstFrame(), "before the first frame");
    part(b, r.noAsset(), "without AssetVideo");
    return b.toString();
  }

  private static void part(StringBuilder b, long n, String what) {
    if (n > 0) {
      b.append(", ").append(n).append(' ').append(what);
    }
  }

  private static String time(long v, boolean nanos) {
    if (v == SampleRow.ABSENT) {
      return "-";
    }
    return nanos ? seconds(v) : Long.toString(v);
  }

  /** Writes the summaries as one JSON object. */
  public static void summaryJson(List<VideoSummary.StreamSummary> streams, Writer out)
      throws IOException {
    summaryJson(streams, null, out);
  }

  /**
   * Writes the summaries as one JSON object: {@code streams} (each with {@code frame_references},
   * {@code null} for streams that are no {@code AssetVideo}) and {@code dangling_frame_references}
   * (the rows that point at no {@code AssetVideo}, or {@code null}).
   */
  public static void summaryJson(
      List<VideoSummary.StreamSummary> streams, VideoSummary.References dangling, Writer out)
      throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeArrayFieldStart("streams");
    for (VideoSummary.StreamSummary s : streams) {
      g.writeStartObject();
      g.writeStringField("entity", s.entity());
      g.writeStringField("timeline", s.timeline());
      g.writeStringField("codec", s.codec());
      nullable(g, "width", s.width() > 0 ? s.width() : SampleRow.ABSENT);
      nullable(g, "height", s.height() > 0 ? s.height() : SampleRow.ABSENT);
      g.writeNumberField("resolution_changes", s.resolutionChanges());
      g.writeNumberField("frames", s.frames());
      nullable(g, "duration_ns", s.durationNanos());
      nullable(g, "first_pts_ns", s.firstPtsNanos());
      nullable(g, "last_pts_ns", s.lastPtsNanos());
      decimal(g, "fps_mean", s.meanFps());
      nullable(g, "interval_min_ns", s.minIntervalNanos());
      nullable(g, "interval_max_ns", s.maxIntervalNanos());
      decimal(g, "bitrate_bps", s.bitrate());
      g.writeNumberField("total_bytes", s.totalBytes());
      g.writeNumberField("keyframes_declared", s.keyframesDeclared());
      nullable(g, "keyframes_bitstream", s.keyframesBitstream());
      g.writeNumberField("gops", s.gops());
      nullable(g, "gop_min_frames", s.minGopFrames());
      nullable(g, "gop_max_frames", s.maxGopFrames());
      decimal(g, "gop_mean_frames", s.meanGopFrames());
      g.writeBooleanField("b_frames", s.bFrames() > 0);
      g.writeNumberField("non_increasing_times", s.nonMonotonic());
      g.writeNumberField("duplicate_times", s.duplicateTimes());
      g.writeFieldName("frame_references");
      referencesJson(g, s.references());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("dangling_frame_references");
    referencesJson(g, dangling);
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }

  private static void referencesJson(JsonGenerator g, VideoSummary.References r)
      throws IOException {
    if (r == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("count", r.references());
    g.writeArrayFieldStart("entities");
    for (String e : r.entities()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeBooleanField("more_entities", r.moreEntities());
    g.writeStringField("timeline", r.timeline());
    nullable(g, "first_time", r.firstTime());
    nullable(g, "last_time", r.lastTime());
    nullable(g, "min_timestamp_ns", r.minTimestampNanos());
    nullable(g, "max_timestamp_ns", r.maxTimestampNanos());
    g.writeNumberField("resolved", r.resolved());
    g.writeNumberField("between_frames", r.betweenFrames());
    g.writeNumberField("past_last_frame", r.pastLastFrame());
    g.writeNumberField("before_first_frame", r.beforeFirstFrame());
    g.writeNumberField("no_asset", r.noAsset());
    g.writeEndObject();
  }

  private static void nullable(JsonGenerator g, String name, long v) throws IOException {
    if (v == SampleRow.ABSENT) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  private static void decimal(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, Math.round(v * 1000) / 1000.0);
    }
  }

  private static String differ(long n) {
    return n + (n == 1 ? " differs" : " differ");
  }

  /**
   * Writes a diff result as text: one line per aspect, then {@code equal} or {@code DIFFERENT}.
   * Phrases about absent values are left out; an unknown codec is {@code -}.
   */
  public static void diffText(VideoDiff.Result r, PrintWriter out) {
    out.printf("samples      %d vs %d%n", r.samplesA(), r.samplesB());
    out.printf("codec        %s vs %s%n", text(r.codecA()), text(r.codecB()));
    if (!r.timesCompared()) {
      out.println("times        not compared (one side has no times in nanoseconds)");
    } else {
      out.printf(
          "times        %s%s (B starts %d ns after A)%n",
          differ(r.timeMismatches()),
          r.firstTimeMismatch() >= 0
              ? ", first at sample "
                  + r.firstTimeMismatch()
                  + ", largest "
                  + r.maxTimeDifferenceNanos()
                  + " ns"
              : "",
          r.timeOffsetNanos());
    }
    out.printf("keyframes    %s%n", differ(r.keyframeMismatches()));
    out.printf(
        "payloads     %s%s%n",
        differ(r.payloadMismatches()),
        r.firstPayloadMismatch() >= 0 ? ", samples " + r.mismatchedSamples() : "");
    out.println(r.equal() ? "equal" : "DIFFERENT");
    out.flush();
  }

  /**
   * Writes a diff result as one JSON object. Every field is always present; absent values are
   * {@code null}: {@code first_time_mismatch} / {@code first_payload_mismatch} when nothing
   * differs, {@code time_offset_ns} and {@code max_time_difference_ns} when times were not
   * compared, {@code codec_a} / {@code codec_b} when unknown.
   */
  public static void diffJson(VideoDiff.Result r, Writer out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeBooleanField("equal", r.equal());
    g.writeNumberField("samples_a", r.samplesA());
    g.writeNumberField("samples_b", r.samplesB());
    g.writeStringField("codec_a", r.codecA());
    g.writeStringField("codec_b", r.codecB());
    g.writeBooleanField("times_compared", r.timesCompared());
    nullable(g, "time_offset_ns", r.timesCompared() ? r.timeOffsetNanos() : SampleRow.ABSENT);
    g.writeNumberField("time_mismatches", r.timeMismatches());
    nullable(
        g,
        "first_time_mismatch",
        r.firstTimeMismatch() >= 0 ? r.firstTimeMismatch() : SampleRow.ABSENT);
    nullable(
        g,
        "max_time_difference_ns",
        r.timesCompared() ? r.maxTimeDifferenceNanos() : SampleRow.ABSENT);
    g.writeNumberField("keyframe_mismatches", r.keyframeMismatches());
    g.writeNumberField("payload_mismatches", r.payloadMismatches());
    nullable(
        g,
        "first_payload_mismatch",
        r.firstPayloadMismatch() >= 0 ? r.firstPayloadMismatch() : SampleRow.ABSENT);
    g.writeArrayFieldStart("mismatched_samples");
    for (long x : r.mismatchedSamples()) {
      g.writeNumber(x);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }

  private static String text(String s) {
    return s == null ? "-" : s;
  }

  private static String count(long v) {
    return v == SampleRow.ABSENT ? "-" : Long.toString(v);
  }

  private static String num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String seconds(long nanos) {
    return nanos == SampleRow.ABSENT ? "-" : String.format(Locale.ROOT, "%.6f s", nanos / 1e9);
  }
}
