package dev.rrdvideo.inspect.report;

import dev.rrdvideo.inspect.BitstreamAnalyzer;
import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.FrameReference;
import dev.rrdvideo.inspect.SampleAnalyzer;
import dev.rrdvideo.inspect.SampleListener;
import dev.rrdvideo.inspect.SampleRow;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.VideoChecker;
import dev.rrdvideo.inspect.VideoSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the report of one input while its samples stream through: give {@link #scanOptions} to the
 * scan ({@link dev.rrdvideo.inspect.SampleScanner#scan}) and this collector as its listener, then
 * take the result with {@link #report}.
 *
 * <pre>{@code
 * ReportCollector c = new ReportCollector(ReportOptions.defaults());
 * SampleScanner.scan(file, c.scanOptions().build(), c);
 * InputReport r = c.report(file.getFileName().toString(), Files.size(file));
 * HtmlReport.write(List.of(r), writer);
 * }</pre>
 *
 * <p>Per stream it runs what {@code inspect --summary} ({@link VideoSummary}) and {@code check}
 * ({@link VideoChecker}) run, aggregates the charts into {@value BucketSeries#DEFAULT_BUCKETS}
 * buckets per series, and keeps copies of a few H.264 keyframes for thumbnails. Memory is bounded
 * whatever the number of samples; nothing is allocated per sample. One collector serves one scan.
 */
public final class ReportCollector implements SampleListener {
  private final ReportOptions options;
  private final VideoSummary summary = new VideoSummary();
  private final VideoChecker checker;
  private final StreamCharts charts = new StreamCharts(BucketSeries.DEFAULT_BUCKETS);
  private final KeyframeThumbnails thumbnails;
  private final Supplier<? extends SampleAnalyzer> analyzers;
  private final List<StreamReport> streams = new ArrayList<>();
  private final List<CheckResult> otherChecks = new ArrayList<>();
  private int resultsSeen;

  /** Creates a collector for one input. */
  public ReportCollector(ReportOptions options) {
    this.options = options;
    this.checker = new VideoChecker(options.checks());
    this.thumbnails =
        options.thumbnails() > 0
            ? new KeyframeThumbnails(BitstreamAnalyzer::new, options.thumbnails())
            : null;
    this.analyzers = thumbnails != null ? thumbnails::nextStream : BitstreamAnalyzer::new;
  }

  /**
   * Returns a builder of the scan options to scan with: the bitstream analyzer, and the payload
   * sink the thumbnails need. The caller adds the input's kind, read options, entity and timeline.
   */
  public ScanOptions.Builder scanOptions() {
    ScanOptions.Builder b = ScanOptions.builder().analyzers(analyzers);
    if (thumbnails != null) {
      b.payloads(thumbnails);
    }
    return b;
  }

  @Override
  public void sample(SampleRow row) {
    summary.sample(row);
    checker.sample(row);
    charts.add(row);
    if (thumbnails != null) {
      thumbnails.row(row);
    }
  }

  @Override
  public void frameReference(FrameReference ref) {
    summary.frameReference(ref);
    checker.frameReference(ref);
  }

  @Override
  public void endOfFrameReferences(String video, long references) {
    summary.endOfFrameReferences(video, references);
    checker.endOfFrameReferences(video, references);
  }

  @Override
  public void endOfStream(String entity, String timeline) throws IOException {
    int before = summary.streams().size();
    summary.endOfStream(entity, timeline);
    checker.endOfStream(entity, timeline);
    StreamCharts.Result series = charts.finish();
    StringBuilder note = new StringBuilder();
    List<Thumbnail> thumbs = thumbnails != null ? thumbnails.finish(note) : List.of();
    List<CheckResult> results = checker.results();
    List<CheckResult> own = new ArrayList<>();
    for (CheckResult r : results.subList(resultsSeen, results.size())) {
      if (r.stream().equals(entity)) {
        own.add(r);
      } else {
        otherChecks.add(r);
      }
    }
    resultsSeen = results.size();
    if (summary.streams().size() == before || series == null) {
      return; // a stream without samples
    }
    VideoSummary.StreamSummary s = summary.streams().get(before);
    streams.add(
        new StreamReport(
            s,
            own,
            series.nanos(),
            series.intervals(),
            series.typicalIntervalNanos(),
            series.sizes(),
            series.gops(),
            thumbs,
            thumbnailNote(s, thumbs, note)));
  }

  private String thumbnailNote(
      VideoSummary.StreamSummary s, List<Thumbnail> thumbs, StringBuilder note) {
    if (options.thumbnails() == 0) {
      return null;
    }
    if (!"h264".equals(s.codec())) {
      return "no thumbnails: they are decoded with JCodec, which reads H.264 only (this stream is "
          + (s.codec() == null ? "of unknown codec" : s.codec())
          + ")";
    }
    if (thumbs.isEmpty() && note.length() == 0) {
      return "no thumbnails: the stream has no IDR keyframe";
    }
    return note.length() == 0 ? null : note.toString();
  }

  /**
   * Returns the report of the input scanned.
   *
   * @param name the input's name as messages give it
   * @param sizeBytes its size, or -1 when unknown
   */
  public InputReport report(String name, long sizeBytes) {
    List<CheckResult> results = checker.results();
    List<CheckResult> others = new ArrayList<>(otherChecks);
    others.addAll(results.subList(resultsSeen, results.size()));
    return new InputReport(name, sizeBytes, streams, others, summary.danglingReferences());
  }
}
