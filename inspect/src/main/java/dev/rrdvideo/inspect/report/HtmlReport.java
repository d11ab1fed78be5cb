package dev.rrdvideo.inspect.report;

import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.Reports;
import dev.rrdvideo.inspect.SampleRow;
import dev.rrdvideo.inspect.VideoSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes reports ({@link InputReport}) as one self-contained HTML document: the style sheet is
 * inline, charts are inline SVG, thumbnails are PNG {@code data:} URIs, and there is no script, no
 * font and no address of anything outside the file, so it looks the same opened from disk, from a
 * CI artifact or offline. The markup is also well-formed XML (void elements closed, only the
 * predefined entities), so tools can read it with an XML parser.
 *
 * <p>Output is deterministic (no wall-clock time): the same inputs give the same bytes. Absent
 * values are {@code -} (or the phrase is left out), as in {@code inspect --summary}.
 */
public final class HtmlReport {
  private HtmlReport() {}

  private static final String CSS =
      """
      :root{--fg:#1d2329;--muted:#5c6670;--line:#dde2e6;--ok:#2b8a3e;--bad:#c92a2a;\
      --skip:#868e96;--blue:#1c5fb8;--band:#a5c8f4;--key:#e8590c}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,\
      sans-serif;color:var(--fg);background:#f6f7f9}
      header,main,footer{max-width:1120px;margin:0 auto;padding:0 20px}
      header{padding-top:20px}
      h1{font-size:22px;margin:0 0 4px}
      h2{font-size:18px;margin:28px 0 10px;word-break:break-all}
      h3{font-size:16px;margin:0 0 10px;word-break:break-all}
      h4{font-size:13px;margin:14px 0 6px;color:var(--muted);text-transform:uppercase;\
      letter-spacing:.04em}
      .lead{color:var(--muted);margin:0 0 12px}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);\
      vertical-align:top}
      .overview,.stream{background:#fff;border:1px solid var(--line);border-radius:6px}
      .overview th{font-weight:600}
      .stream{padding:14px 16px;margin:0 0 18px}
      .stream.fail{border-left:4px solid var(--bad)}
      .stream.pass{border-left:4px solid var(--ok)}
      .cols{display:grid;grid-template-columns:minmax(300px,2fr) 3fr;gap:18px}
      @media (max-width:860px){.cols{grid-template-columns:1fr}}
      .facts th{width:7.5em;color:var(--muted);font-weight:500;white-space:nowrap}
      .checks td.n{text-align:right;font-variant-numeric:tabular-nums}
      .checks th,.checks td.rule,.checks td.n{white-space:nowrap}
      .checks td.msg{color:var(--muted);word-break:break-word}
      .checks tr.FAIL td.msg{color:var(--fg)}
      .st{font-weight:700;white-space:nowrap}
      .PASS .st{color:var(--ok)} .FAIL .st{color:var(--bad)} .SKIPPED .st{color:var(--skip)}
      code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
      .badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;\
      border-radius:10px;color:#fff;vertical-align:2px}
      .badge.pass{background:var(--ok)} .badge.fail{background:var(--bad)}
      .muted{color:var(--muted);font-weight:400;font-size:13px}
      .note{color:var(--muted);margin:4px 0}
      figure{margin:0}
      .chart-box{margin:14px 0 0}
      .chart-box figcaption{margin:0 0 2px}
      .chart-box figcaption b{margin-right:6px}
      .legend{color:var(--muted);font-size:12px}
      .sw{display:inline-block;width:14px;height:9px;margin:0 4px 0 10px;vertical-align:0}
      .sw.band{background:var(--band)} .sw.meanl{height:2px;background:var(--blue);vertical-align:3px}
      .sw.keyd{width:8px;height:8px;background:var(--key);transform:rotate(45deg)}
      .sw.typl{height:0;border-top:2px dashed var(--ok);vertical-align:3px}
      .sw.avgl{height:0;border-top:2px dotted #495057;vertical-align:3px}
      .sw.liml{height:0;border-top:2px dashed var(--bad);vertical-align:3px}
      .sw.overt{width:0;height:0;border:5px solid transparent;border-top:8px solid var(--bad);\
      border-bottom:0}
      svg.chart{display:block;width:100%;height:auto;background:#fff}
      svg.chart text{font-size:11px;fill:var(--muted)}
      svg.chart text.title{font-size:11.5px;fill:var(--fg)}
      .plot{fill:#fbfcfd;stroke:var(--line)}
      .grid{stroke:#edf0f2;fill:none} .tick{stroke:#adb5bd;fill:none}
      .env{fill:var(--band);stroke:var(--band);stroke-width:1;stroke-linejoin:round}
      .bar{fill:var(--band)}
      .mean{fill:none;stroke:var(--blue);stroke-width:1.4;stroke-linejoin:round}
      .key{fill:var(--key)} .keytick{stroke:var(--key);stroke-width:1.2;fill:none}
      .typical{stroke:var(--ok);stroke-width:1.4;stroke-dasharray:6 4;fill:none}
      .limit{stroke:var(--bad);stroke-width:1.4;stroke-dasharray:4 3;fill:none}
      .avg{stroke:#495057;stroke-width:1;stroke-dasharray:2 3;fill:none}
      svg.chart text.typical-label{fill:var(--ok)} svg.chart text.limit-label{fill:var(--bad)}
      svg.chart text.avg-label{fill:#495057}
      .over{fill:var(--bad)}
      .thumbs{display:flex;gap:8px;margin:6px 0 4px}
      .thumbs figure{flex:0 1 186px;min-width:0;background:#fff;border:1px solid var(--line);\
      border-radius:4px;padding:4px}
      .thumbs img{display:block;width:100%;height:auto}
      .thumbs figcaption{font-size:11.5px;color:var(--muted);text-align:center;margin-top:2px}
      footer{color:var(--muted);font-size:12px;padding-bottom:30px}
      a{color:var(--blue)}
      """;

  /**
   * Writes the report of {@code inputs} to {@code out} (not closed).
   *
   * @param options the options the reports were made with (the limits of the {@code max-gap} and
   *     {@code max-gop} expectations are drawn into the charts)
   */
  public static void write(List<InputReport> inputs, ReportOptions options, Writer out)
      throws IOException {
    StringBuilder b = new StringBuilder(1 << 16);
    int streams = 0;
    boolean allPassed = !inputs.isEmpty();
    for (InputReport in : inputs) {
      streams += in.streams().size();
      allPassed &= in.passed();
    }
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    b.append("<meta name=\"generator\" content=\"rrdvideo report\"/>\n<title>");
    b.append(
        escape(
            "rrdvideo report: "
                + (inputs.size() == 1 ? inputs.get(0).name() : inputs.size() + " inputs")));
    b.append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<header>\n");
    b.append("<h1>Video report</h1>\n<p class=\"lead\">")
        .append(Reports.plural(inputs.size(), "input"))
        .append(", ")
        .append(Reports.plural(streams, "video stream"))
        .append(": ")
        .append(allPassed ? "all checks passed" : "checks FAILED")
        .append("</p>\n");
    overview(inputs, b);
    b.append("</header>\n<main>\n");
    out.write(b.toString());
    CheckOptions checks = options.checks();
    for (int i = 0; i < inputs.size(); i++) {
      b.setLength(0);
      input(inputs.get(i), i + 1, checks, b);
      out.write(b.toString());
    }
    b.setLength(0);
    b.append("</main>\n<footer>\n<p>Written by <code>rrdvideo report</code>. The facts are those")
        .append(" of <code>rrdvideo inspect --summary</code>, the checks those of")
        .append(" <code>rrdvideo check</code> (rule ids in docs/inspect.md). Charts are over")
        .append(" presentation time from each stream's first frame; every series is aggregated")
        .append(" into at most ")
        .append(BucketSeries.DEFAULT_BUCKETS)
        .append(" buckets: a band spans the smallest to the largest value in a bucket, the line")
        .append(" is the bucket's mean.</p>\n</footer>\n</body>\n</html>\n");
    out.write(b.toString());
    out.flush();
  }

  private static void overview(List<InputReport> inputs, StringBuilder b) {
    b.append("<table class=\"overview\">\n<thead><tr><th>input</th><th>size</th><th>streams</th>")
        .append("<th>checks</th><th>verdict</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < inputs.size(); i++) {
      InputReport in = inputs.get(i);
      long[] c = counts(in);
      b.append("<tr><td><a href=\"#input-")
          .append(i + 1)
          .append("\">")
          .append(escape(in.name()))
          .append("</a></td><td>")
          .append(in.sizeBytes() < 0 ? "-" : bytes(in.sizeBytes()))
          .append("</td><td>")
          .append(in.streams().size())
          .append("</td><td>")
          .append(c[0])
          .append(" passed, ")
          .append(c[1])
          .append(" failed, ")
          .append(c[2])
          .append(" skipped</td><td>")
          .append(verdict(in.passed(), c[1], in.streams().isEmpty()))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private static long[] counts(InputReport in) {
    long[] c = new long[3];
    for (StreamReport s : in.streams()) {
      count(s.checks(), c);
    }
    count(in.otherChecks(), c);
    return c;
  }

  private static void count(List<CheckResult> results, long[] c) {
    for (CheckResult r : results) {
      c[r.status().ordinal()]++;
    }
  }

  private static String verdict(boolean passed, long failed, boolean noStreams) {
    if (passed) {
      return "<span class=\"badge pass\">passed</span>";
    }
    String what = failed > 0 ? Reports.plural(failed, "check") + " failed" : "no video streams";
    if (failed == 0 && !noStreams) {
      what = "failed";
    }
    return "<span class=\"badge fail\">" + what + "</span>";
  }

  private static void input(InputReport in, int n, CheckOptions checks, StringBuilder b) {
    b.append("<section class=\"input\" id=\"input-").append(n).append("\">\n<h2>");
    b.append(escape(in.name()));
    if (in.sizeBytes() >= 0) {
      b.append(" <span class=\"muted\">").append(bytes(in.sizeBytes())).append("</span>");
    }
    b.append("</h2>\n");
    if (in.streams().isEmpty()) {
      b.append("<p class=\"note\">no video streams</p>\n");
    }
    for (int i = 0; i < in.streams().size(); i++) {
      stream(in.streams().get(i), "input-" + n + "-stream-" + (i + 1), checks, b);
    }
    if (!in.otherChecks().isEmpty() || in.danglingReferences() != null) {
      boolean failed =
          in.otherChecks().stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL);
      b.append("<article class=\"stream ").append(failed ? "fail" : "pass").append("\">\n");
      b.append("<h3>VideoFrameReference rows without AssetVideo</h3>\n");
      if (in.danglingReferences() != null) {
        b.append("<p>")
            .append(escape(Reports.references(in.danglingReferences())))
            .append("</p>\n");
      }
      checkTable(in.otherChecks(), b);
      b.append("</article>\n");
    }
    b.append("</section>\n");
  }

  private static void stream(StreamReport r, String id, CheckOptions checks, StringBuilder b) {
    VideoSummary.StreamSummary s = r.summary();
    long failed = r.checks().stream().filter(c -> c.status() == CheckResult.Status.FAIL).count();
    b.append("<article class=\"stream ")
        .append(r.passed() ? "pass" : "fail")
        .append("\" id=\"")
        .append(id)
        .append("\">\n<h3>")
        .append(escape(s.entity()))
        .append(" <span class=\"muted\">timeline ")
        .append(escape(s.timeline()))
        .append("</span> ")
        .append(
            r.passed()
                ? "<span class=\"badge pass\">checks passed</span>"
                : "<span class=\"badge fail\">"
                    + Reports.plural(failed, "check")
                    + " failed</span>")
        .append("</h3>\n");
    thumbnails(r, b);
    b.append("<div class=\"cols\">\n<div>\n<h4>Summary</h4>\n");
    facts(s, b);
    b.append("</div>\n<div>\n<h4>Checks</h4>\n");
    checkTable(r.checks(), b);
    b.append("</div>\n</div>\n");
    Axis axis = axis(r);
    intervalChart(r, axis, checks, b);
    sizeChart(r, axis, b);
    bitrateChart(r, axis, b);
    gopChart(r, axis, checks, b);
    b.append("</article>\n");
  }

  private static void thumbnails(StreamReport r, StringBuilder b) {
    if (!r.thumbnails().isEmpty()) {
      b.append("<div class=\"thumbs\">\n");
      long first = r.summary().firstPtsNanos();
      for (Thumbnail t : r.thumbnails()) {
        String at =
            t.ptsNanos() != SampleRow.ABSENT && first != SampleRow.ABSENT
                ? seconds3(t.ptsNanos() - first)
                : "pts " + t.pts();
        b.append("<figure><img src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(t.png()))
            .append("\" width=\"")
            .append(t.width())
            .append("\" height=\"")
            .append(t.height())
            .append("\" alt=\"keyframe, sample ")
            .append(t.sampleIndex())
            .append("\"/><figcaption>sample ")
            .append(t.sampleIndex())
            .append(" · ")
            .append(at)
            .append("</figcaption></figure>\n");
      }
      b.append("</div>\n");
    }
    if (r.thumbnailNote() != null) {
      b.append("<p class=\"note\">").append(escape(r.thumbnailNote())).append("</p>\n");
    }
  }

  /** The facts of {@code inspect --summary}, one row each, worded as it words them. */
  private static void facts(VideoSummary.StreamSummary s, StringBuilder b) {
    b.append("<table class=\"facts\"><tbody>\n");
    fact(b, "codec", s.codec() == null ? "unknown" : s.codec());
    fact(
        b,
        "resolution",
        (s.width() > 0 ? s.width() + "x" + s.height() : "unknown")
            + (s.resolutionChanges() > 0 ? " (changes " + s.resolutionChanges() + " times)" : ""));
    fact(b, "frames", Long.toString(s.frames()));
    fact(b, "duration", seconds(s.durationNanos()));
    fact(
        b,
        "frame rate",
        num(s.meanFps())
            + " mean, interval "
            + seconds(s.minIntervalNanos())
            + " .. "
            + seconds(s.maxIntervalNanos()));
    fact(b, "bitrate", num(s.bitrate() / 1000) + " kbit/s (" + s.totalBytes() + " bytes)");
    fact(
        b,
        "keyframes",
        s.keyframesDeclared()
            + " declared, "
            + (s.keyframesBitstream() == SampleRow.ABSENT
                ? "unknown"
                : Long.toString(s.keyframesBitstream()))
            + " by bitstream");
    fact(
        b,
        "GOPs",
        s.gops()
            + ", length "
            + count(s.minGopFrames())
            + " .. "
            + count(s.maxGopFrames())
            + " (mean "
            + num(s.meanGopFrames())
            + ")");
    fact(b, "B-frames", s.bFrames() > 0 ? "yes (" + s.bFrames() + ")" : "no");
    fact(
        b,
        "anomalies",
        s.nonMonotonic() + " non-increasing time(s), " + s.duplicateTimes() + " duplicate time(s)");
    if (s.references() != null) {
      fact(b, "references", Reports.references(s.references()));
    }
    b.append("</tbody></table>\n");
  }

  private static void fact(StringBuilder b, String name, String value) {
    b.append("<tr><th>")
        .append(escape(name))
        .append("</th><td>")
        .append(escape(value))
        .append("</td></tr>\n");
  }

  private static void checkTable(List<CheckResult> results, StringBuilder b) {
    if (results.isEmpty()) {
      return;
    }
    b.append("<table class=\"checks\">\n<thead><tr><th>status</th><th>rule</th>")
        .append("<th>violations</th><th>first</th><th>message</th></tr></thead>\n<tbody>\n");
    for (CheckResult r : results) {
      String status =
          switch (r.status()) {
            case PASS -> "ok";
            case FAIL -> "FAIL";
            case SKIPPED -> "skip";
          };
      b.append("<tr class=\"")
          .append(r.status().name())
          .append("\"><td class=\"st\">")
          .append(status)
          .append("</td><td class=\"rule\"><code>")
          .append(escape(r.rule().id()))
          .append("</code></td><td class=\"n\">")
          .append(r.violations())
          .append("</td><td class=\"n\">")
          .append(r.firstSample() >= 0 ? Long.toString(r.firstSample()) : "-")
          .append("</td><td class=\"msg\">")
          .append(escape(r.message()))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  /** The x axis shared by a stream's charts. */
  private record Axis(double lo, double hi, boolean nanos, String title) {}

  private static Axis axis(StreamReport r) {
    BucketSeries s = r.sizes();
    double lo = s.minX();
    double pad =
        r.nanosTime()
            ? (r.typicalIntervalNanos() != SampleRow.ABSENT && r.typicalIntervalNanos() > 0
                ? r.typicalIntervalNanos()
                : Math.max(1, s.bucketWidth()))
            : 1;
    double hi = (double) s.maxX() + pad;
    String title =
        r.nanosTime()
            ? "presentation time since the first frame (s)"
            : "stream".equals(r.summary().timeline())
                ? "sample number (the stream has no times)"
                : "time on timeline " + r.summary().timeline() + " (sequence number)";
    return new Axis(lo, hi, r.nanosTime(), title);
  }

  private static void xAxis(SvgChart c, Axis a) {
    if (a.nanos()) {
      double step = SvgChart.niceStep((a.hi() - a.lo()) / 1e9, 10);
      int decimals = decimals(step);
      c.xAxis(a.lo(), step * 1e9, v -> fixed(v / 1e9, decimals), a.title());
    } else {
      double step = Math.max(1, SvgChart.niceStep(a.hi() - a.lo(), 10));
      c.xAxis(a.lo(), step, v -> fixed(a.lo() + v, 0), a.title());
    }
  }

  private static void intervalChart(StreamReport r, Axis a, CheckOptions checks, StringBuilder b) {
    BucketSeries all = r.intervals();
    b.append("<figure class=\"chart-box\"><figcaption><b>Frame interval</b>");
    if (!r.nanosTime() || all.isEmpty()) {
      b.append("</figcaption>\n<p class=\"note\">")
          .append(
              r.nanosTime()
                  ? "no interval: the stream has one sample"
                  : "no intervals: the stream has no times in nanoseconds")
          .append("</p></figure>\n");
      return;
    }
    BucketSeries s = all.coarsened(all.factorFor(1.5 * spacing(all)));
    long typical = r.typicalIntervalNanos();
    long max = s.maxValue();
    double cap = typical != SampleRow.ABSENT && typical > 0 ? 3.0 * typical : max;
    double top = max <= cap ? Math.max(max * 1.15, typical > 0 ? typical * 1.5 : 1) : cap;
    long limit = checks.maxGapNanos().orElse(0);
    if (limit > 0 && limit > top && limit <= 1.5 * cap) {
      top = limit * 1.1;
    }
    double step = SvgChart.niceStep(top, 5);
    top = Math.ceil(top / step) * step;
    final double chartTop = top;
    boolean clipped = max > top;
    b.append("<span class=\"legend\">to the previous frame in presentation order")
        .append("<span class=\"sw band\"></span>smallest..largest")
        .append("<span class=\"sw meanl\"></span>mean");
    if (typical != SampleRow.ABSENT) {
      b.append("<span class=\"sw typl\"></span>most frequent");
    }
    if (limit > 0) {
      b.append("<span class=\"sw liml\"></span>--max-gap");
    }
    if (clipped) {
      b.append("<span class=\"sw overt\"></span>above the chart (largest ")
          .append(millis(max))
          .append(")");
    }
    b.append("</span></figcaption>\n");
    SvgChart c =
        new SvgChart(
            b,
            "frame interval over presentation time, " + millis(s.minValue()) + " to " + millis(max),
            a.lo(),
            a.hi(),
            top);
    int decimals = decimals(step / 1e6);
    c.yAxis(step, v -> fixed(v / 1e6, decimals), "interval (ms)");
    xAxis(c, a);
    c.envelope(s, "env", v -> v);
    c.line(s, "mean", s::mean);
    if (typical != SampleRow.ABSENT) {
      c.hline(
          typical,
          "typical",
          millis(typical) + (typical > 0 ? " (" + fixed(1e9 / typical, 2) + " fps)" : ""));
    }
    if (limit > 0 && limit <= top) {
      c.hline(limit, "limit", "max-gap " + millis(limit));
    }
    if (clipped) {
      c.overTop(s, "over", i -> s.max(i) > chartTop);
    }
    c.close();
    b.append("</figure>\n");
  }

  private static void sizeChart(StreamReport r, Axis a, StringBuilder b) {
    BucketSeries all = r.sizes();
    // at least three samples a bucket: with fewer, buckets that are not a multiple of the frame
    // period alternately hold one and two samples, and the band of a B-frame stream flickers
    BucketSeries s = all.coarsened(all.factorFor(3 * spacing(all)));
    long max = s.maxValue();
    double step = SvgChart.niceStep(Math.max(1, max * 1.05), 5);
    double top = Math.ceil(Math.max(1, max * 1.05) / step) * step;
    long keyframes = 0;
    for (int i = 0; i < s.buckets(); i++) {
      keyframes += s.markedCount(i);
    }
    b.append("<figure class=\"chart-box\"><figcaption><b>Sample size</b>")
        .append("<span class=\"legend\"><span class=\"sw band\"></span>smallest..largest")
        .append("<span class=\"sw meanl\"></span>mean<span class=\"sw keyd\"></span>")
        .append("largest keyframe (")
        .append(Reports.plural(keyframes, "keyframe"))
        .append(")</span></figcaption>\n");
    SvgChart c =
        new SvgChart(
            b, "sample size over presentation time, up to " + bytes(max), a.lo(), a.hi(), top);
    c.yAxis(step, v -> bytesShort(v, step), "size (bytes)");
    xAxis(c, a);
    c.envelope(s, "env", v -> v);
    c.line(s, "mean", s::mean);
    c.diamonds(s, "key", i -> s.markedCount(i) > 0 ? s.markedMax(i) : Double.NaN);
    c.close();
    b.append("</figure>\n");
  }

  private static void bitrateChart(StreamReport r, Axis a, StringBuilder b) {
    if (!r.nanosTime()) {
      return;
    }
    BucketSeries all = r.sizes();
    // a bucket of at least four samples and, where the stream is long enough for 16 such buckets,
    // of two GOPs: a bucket with one keyframe more than its neighbour is no dip or peak then
    double gop = r.gops().values() > 0 ? 2 * spacing(r.gops()) : 0;
    double width = Math.max(4 * spacing(all), Math.min(gop, (a.hi() - a.lo()) / 16));
    BucketSeries s = all.coarsened(all.factorFor(width));
    // the bytes of a bucket over the time from its first sample to the next bucket's first sample
    // (the last one: to the end of the axis), which is exactly the time its samples cover
    double[] bps = new double[s.buckets()];
    double max = 0;
    double nextX = a.hi();
    for (int i = s.buckets() - 1; i >= 0; i--) {
      if (s.count(i) == 0) {
        bps[i] = Double.NaN;
        continue;
      }
      double span = (nextX - s.firstX(i)) / 1e9;
      bps[i] = span > 0 ? s.sum(i) * 8 / span : Double.NaN;
      nextX = s.firstX(i);
      if (!Double.isNaN(bps[i])) {
        max = Math.max(max, bps[i]);
      }
    }
    double mean = r.summary().bitrate();
    double top = Math.max(max, Double.isNaN(mean) ? 0 : mean) * 1.05;
    if (!(top > 0)) {
      return;
    }
    boolean mega = top >= 10e6;
    double unit = mega ? 1e6 : 1e3;
    double step = SvgChart.niceStep(top / unit, 5) * unit;
    top = Math.ceil(top / step) * step;
    int decimals = decimals(step / unit);
    String unitName = mega ? "Mbit/s" : "kbit/s";
    b.append("<figure class=\"chart-box\"><figcaption><b>Bitrate</b>")
        .append("<span class=\"legend\">bytes of the samples in a bar over the time they cover")
        .append(
            "<span class=\"sw band\"></span>bitrate<span class=\"sw avgl\"></span>mean<span class=\"sw keyd\"></span>")
        .append("keyframes</span></figcaption>\n");
    SvgChart c =
        new SvgChart(
            b,
            "bitrate over presentation time, up to " + fixed(max / unit, decimals) + " " + unitName,
            a.lo(),
            a.hi(),
            top);
    c.yAxis(step, v -> fixed(v / unit, decimals), "bitrate (" + unitName + ")");
    xAxis(c, a);
    c.spans(s, "bar", a.hi(), false, i -> Double.isNaN(bps[i]) ? 0 : bps[i]);
    if (!Double.isNaN(mean)) {
      c.hline(mean, "avg", "mean " + fixed(mean / unit, Math.max(1, decimals)) + " " + unitName);
    }
    c.ticksBelow(all, "keytick", i -> all.markedCount(i) > 0);
    c.close();
    b.append("</figure>\n");
  }

  private static void gopChart(StreamReport r, Axis a, CheckOptions checks, StringBuilder b) {
    BucketSeries all = r.gops();
    b.append("<figure class=\"chart-box\"><figcaption><b>GOP length</b>");
    if (all.isEmpty()) {
      b.append("</figcaption>\n<p class=\"note\">no keyframe: no GOP</p></figure>\n");
      return;
    }
    BucketSeries s = all.coarsened(all.factorFor(0.5 * spacing(all)));
    long max = s.maxValue();
    long limit = checks.maxGopFrames().orElse(0);
    double top = Math.max(max, limit > 0 ? limit : 0) * 1.1;
    double step = Math.max(1, SvgChart.niceStep(top, 5));
    top = Math.ceil(top / step) * step;
    boolean several = false;
    for (int i = 0; i < s.buckets(); i++) {
      several |= s.count(i) > 1;
    }
    b.append("<span class=\"legend\">samples from each keyframe to the next, at the keyframe (")
        .append(Reports.plural(s.values(), "GOP"))
        .append(")<span class=\"sw band\"></span>")
        .append(several ? "longest GOP in the bucket<span class=\"sw meanl\"></span>mean" : "GOP");
    if (limit > 0) {
      b.append("<span class=\"sw liml\"></span>--max-gop");
    }
    b.append("</span></figcaption>\n");
    SvgChart c =
        new SvgChart(
            b,
            "GOP length over presentation time, " + s.minValue() + " to " + max + " samples",
            a.lo(),
            a.hi(),
            top);
    c.yAxis(step, v -> fixed(v, 0), "GOP (samples)");
    xAxis(c, a);
    c.spans(s, "bar", a.hi(), true, s::max);
    if (several) {
      c.line(s, "mean", s::mean);
    }
    if (limit > 0) {
      c.hline(limit, "limit", "max-gop " + limit);
    }
    c.close();
    b.append("</figure>\n");
  }

  /** The mean distance between the x of neighbouring values (infinite for fewer than two). */
  private static double spacing(BucketSeries s) {
    return s.values() < 2
        ? Double.POSITIVE_INFINITY
        : ((double) s.maxX() - (double) s.minX()) / (s.values() - 1);
  }

  /**
   * Escapes text for HTML and XML: markup characters become entities, characters XML does not allow
   * (controls, unpaired surrogates) become U+FFFD.
   */
  static String escape(String s) {
    return s == null ? "-" : Reports.markupEscaped(s, false);
  }

  private static int decimals(double step) {
    if (!(step > 0)) {
      return 0;
    }
    return (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
  }

  private static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : fixed(v, 3);
  }

  private static String count(long v) {
    return v == SampleRow.ABSENT ? "-" : Long.toString(v);
  }

  private static String seconds(long nanos) {
    return nanos == SampleRow.ABSENT ? "-" : fixed(nanos / 1e9, 6) + " s";
  }

  private static String seconds3(long nanos) {
    return fixed(nanos / 1e9, 3) + " s";
  }

  private static String millis(long nanos) {
    double ms = nanos / 1e6;
    return ms >= 10_000 ? fixed(nanos / 1e9, 1) + " s" : fixed(ms, 3) + " ms";
  }

  private static String bytes(long n) {
    if (n < 10_000) {
      return n + " bytes";
    }
    if (n < 1_000_000) {
      return fixed(n / 1e3, 1) + " kB";
    }
    if (n < 1_000_000_000) {
      return fixed(n / 1e6, 1) + " MB";
    }
    return fixed(n / 1e9, 2) + " GB";
  }

  private static String bytesShort(double v, double step) {
    if (step >= 1e6) {
      return fixed(v / 1e6, decimals(step / 1e6)) + "M";
    }
    if (step >= 1e3) {
      return fixed(v / 1e3, decimals(step / 1e3)) + "k";
    }
    return fixed(v, 0);
  }
}
