package dev.rrdvideo.inspect.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.FrameReference;
import dev.rrdvideo.inspect.SampleListener;
import dev.rrdvideo.inspect.SampleRow;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.report.HtmlReport;
import dev.rrdvideo.inspect.report.InputReport;
import dev.rrdvideo.inspect.report.ReportCollector;
import dev.rrdvideo.inspect.report.ReportOptions;
import dev.rrdvideo.inspect.report.internal.H264Thumbnailer;
import dev.rrdvideo.media.MediaKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Coverage-guided fuzzing of {@code rrdvideo report}: the report model ({@link ReportCollector})
 * and its HTML ({@link HtmlReport}) over any input, under the inspect contract ({@link
 * FuzzHarness#contract}); the HTML must stay well-formed XML whatever names and numbers the input
 * holds. The {@link #thumbnails} target feeds MP4 files and raw H.264 streams (byte 0 even: MP4,
 * odd: {@code .h264}) with thumbnails on, so that JCodec decodes whatever passes the report's
 * checks; its CPU allowance includes the per-input decoding budget (2 s) and one decode under way
 * when the budget runs out. That target decodes a picture in most runs (tens of runs a second), so
 * {@link #keyframe} fuzzes the decoding itself, directly and on small pictures.
 */
class ReportFuzzTest {
  /** The decoding budget plus one 4K decode of garbage slice data (about 2 s, measured). */
  static final long THUMBNAIL_CPU_NANOS = 5_000_000_000L;

  private static int runs;

  @FuzzTest(maxDuration = "45m", maxExecutions = 1_100_000)
  void recordingReport(byte[] data) throws IOException {
    FuzzHarness.contract(
        data, () -> report(FuzzHarness.file("in.rrd", data), MediaKind.RECORDING, 0));
  }

  @FuzzTest(maxDuration = "45m", maxExecutions = 1_100_000)
  void thumbnails(byte[] data) throws IOException {
    if (data.length < 1) {
      return;
    }
    boolean mp4 = (data[0] & 1) == 0;
    byte[] file = Arrays.copyOfRange(data, 1, data.length);
    FuzzHarness.contract(
        data,
        THUMBNAIL_CPU_NANOS,
        () ->
            report(
                FuzzHarness.file(mp4 ? "in.mp4" : "in.h264", file),
                mp4 ? MediaKind.MP4 : MediaKind.ANNEXB_H264,
                1));
  }

  /**
   * The largest picture {@link #keyframe} decodes (CIF). Small pictures run the same decoding code
   * as large ones (the size only counts the loops), hundreds of times faster.
   */
  static final long DECODE_PIXELS = 352 * 288;

  /**
   * One access unit (parameter sets and an IDR picture) straight into the thumbnailer: the checks
   * on what it declares, then JCodec and the scaling and PNG writing for pictures up to {@link
   * #DECODE_PIXELS}. Only {@link H264Thumbnailer.NotDecodable} may come out (with a reason), and a
   * thumbnail must be a PNG of at most the thumbnail width.
   */
  @FuzzTest(maxDuration = "45m", maxExecutions = 1_100_000)
  void keyframe(byte[] data) throws IOException {
    FuzzHarness.contract(
        data,
        () -> {
          try {
            H264Thumbnailer.Checked k = H264Thumbnailer.check(data, data.length);
            if (k.codedPixels() <= DECODE_PIXELS) {
              H264Thumbnailer.Decoded d = H264Thumbnailer.decode(k);
              if (d.width() < 1
                  || d.width() > H264Thumbnailer.WIDTH
                  || d.height() < 1
                  || d.png().length < 8
                  || d.png()[1] != 'P') {
                throw new AssertionError("not a thumbnail: " + d.width() + "x" + d.height());
              }
            }
          } catch (H264Thumbnailer.NotDecodable e) {
            // refused, with a reason: the contract
          }
        });
  }

  /** Scans with a collector (all expectations on, so their charts draw too) and writes HTML. */
  static void report(Path file, MediaKind kind, int thumbnails) throws IOException {
    ReportOptions options =
        new ReportOptions(
            CheckOptions.builder()
                .expectCodec("h264")
                .maxGopFrames(30)
                .minFps(1)
                .maxFps(1000)
                .noBFrames(true)
                .maxGapNanos(50_000_000)
                .frames(3)
                .build(),
            thumbnails);
    ReportCollector collector = new ReportCollector(options);
    ScanOptions.Builder scan = collector.scanOptions();
    if (kind != null) {
      scan.kind(kind);
    }
    SampleScanner.scan(file, scan.build(), new Counting(collector));
    InputReport r = collector.report("in", Files.size(file));
    StringWriter w = new StringWriter();
    HtmlReport.write(List.of(r), options, w);
    String html = w.toString();
    if (!html.endsWith("</html>\n")) {
      throw new AssertionError("the HTML does not end with </html>");
    }
    // well-formed XML (every 32nd run that produced rows: parsing is slower than the rest)
    if (FuzzHarness.rows > 0 && (runs++ & 31) == 0) {
      try {
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
      } catch (Exception e) {
        throw new AssertionError("the HTML is not well-formed XML: " + e, e);
      }
    }
  }

  /** Counts the rows for the harness's CPU allowance, passing everything on. */
  private record Counting(SampleListener to) implements SampleListener {
    @Override
    public void sample(SampleRow row) throws IOException {
      FuzzHarness.rows++;
      to.sample(row);
    }

    @Override
    public void endOfStream(String entity, String timeline) throws IOException {
      to.endOfStream(entity, timeline);
    }

    @Override
    public void frameReference(FrameReference ref) throws IOException {
      to.frameReference(ref);
    }

    @Override
    public void endOfFrameReferences(String video, long references) throws IOException {
      to.endOfFrameReferences(video, references);
    }
  }
}
