package dev.rrdvideo.inspect.report;

import static dev.rrdvideo.inspect.report.ReportTestSupport.byClass;
import static dev.rrdvideo.inspect.report.ReportTestSupport.elements;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.inspect.CheckOptions;
import dev.rrdvideo.inspect.CheckResult;
import dev.rrdvideo.inspect.SampleScanner;
import dev.rrdvideo.inspect.ScanOptions;
import dev.rrdvideo.inspect.VideoChecker;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The report of {@code mp4/h264_vfr.mp4} (18 frames at growing intervals, keyframes at frames 0 and
 * 10), read back with an XML parser. Expected numbers come from ffprobe's packet table of the file
 * ({@code expected/h264_vfr.mp4.packets.csv}, time base 1/1000 s), expected pictures from ffmpeg's
 * decoding of the keyframes ({@code expected/h264_vfr.mp4.frame0.png}, {@code frame10}).
 */
class HtmlReportTest {
  private static final String FIXTURE = "mp4/h264_vfr.mp4";

  /** ffprobe's packet table of the fixture. */
  private static List<Ffprobe.Packet> packets() {
    return Ffprobe.video(FIXTURE).packets();
  }

  @Test
  void summaryAndChartNumbersAreFfprobesFacts() throws Exception {
    List<Ffprobe.Packet> p = packets();
    // what ffprobe says, in the report's words (time base 1/1000 s: ticks are milliseconds)
    long keys = p.stream().filter(Ffprobe.Packet::key).count();
    long bytes = p.stream().mapToLong(Ffprobe.Packet::sizeBytes).sum();
    long maxSize = p.stream().mapToLong(Ffprobe.Packet::sizeBytes).max().orElseThrow();
    List<Long> pts = p.stream().map(Ffprobe.Packet::ptsTicks).sorted().toList();
    long minInterval = Long.MAX_VALUE;
    long maxInterval = 0;
    for (int i = 1; i < pts.size(); i++) {
      minInterval = Math.min(minInterval, pts.get(i) - pts.get(i - 1));
      maxInterval = Math.max(maxInterval, pts.get(i) - pts.get(i - 1));
    }
    long durationMs = pts.get(pts.size() - 1) - pts.get(0) + p.get(p.size() - 1).durationTicks();
    List<Integer> gops = new ArrayList<>();
    for (Ffprobe.Packet k : p) {
      if (k.key()) {
        gops.add(0);
      }
      gops.set(gops.size() - 1, gops.get(gops.size() - 1) + 1);
    }

    ReportOptions options = ReportOptions.defaults();
    InputReport r = ReportTestSupport.scan(TestData.path(FIXTURE), options);
    String html = ReportTestSupport.html(List.of(r), options);
    Document doc = ReportTestSupport.parse(html);
    Element root = doc.getDocumentElement();

    List<Element> streams = byClass(root, "article", "stream");
    assertThat(streams).hasSize(1);
    Element s = streams.get(0);
    Map<String, String> facts = ReportTestSupport.facts(byClass(s, "table", "facts").get(0));
    assertThat(facts.get("codec")).isEqualTo("h264");
    assertThat(facts.get("resolution")).isEqualTo("160x120");
    assertThat(facts.get("frames")).isEqualTo(Integer.toString(p.size()));
    assertThat(facts.get("duration"))
        .isEqualTo(String.format("%d.%03d000 s", durationMs / 1000, durationMs % 1000));
    assertThat(facts.get("frame rate"))
        .endsWith(String.format("interval 0.%03d000 s .. 0.%03d000 s", minInterval, maxInterval));
    assertThat(facts.get("bitrate")).endsWith("(" + bytes + " bytes)");
    assertThat(facts.get("keyframes")).isEqualTo(keys + " declared, " + keys + " by bitstream");
    assertThat(facts.get("GOPs"))
        .startsWith(
            gops.size()
                + ", length "
                + gops.stream().mapToInt(Integer::intValue).min().orElseThrow()
                + " .. "
                + gops.stream().mapToInt(Integer::intValue).max().orElseThrow());
    assertThat(facts.get("B-frames")).isEqualTo("no");

    // four charts, each a handful of elements, whose labels carry the same facts
    List<Element> svgs = elements(s, "svg");
    assertThat(svgs).hasSize(4);
    assertThat(svgs.get(0).getAttribute("aria-label"))
        .isEqualTo(
            String.format(
                "frame interval over presentation time, %d.000 ms to %d.000 ms",
                minInterval, maxInterval));
    assertThat(svgs.get(1).getAttribute("aria-label"))
        .isEqualTo("sample size over presentation time, up to " + maxSize + " bytes");
    assertThat(svgs.get(3).getAttribute("aria-label"))
        .isEqualTo(
            "GOP length over presentation time, "
                + gops.stream().mapToInt(Integer::intValue).min().orElseThrow()
                + " to "
                + gops.stream().mapToInt(Integer::intValue).max().orElseThrow()
                + " samples");
    for (Element svg : svgs) {
      assertThat(elements(svg, "*").size()).as("elements in a chart").isLessThan(80);
    }
    // the size chart marks both keyframes: one diamond per keyframe bucket (two far apart)
    Element keyPath = byClass(svgs.get(1), "path", "key").get(0);
    assertThat(count(keyPath.getAttribute("d"), 'z')).isEqualTo((int) keys);
    // the GOP chart draws one bar per GOP
    Element bars = byClass(svgs.get(3), "path", "bar").get(0);
    assertThat(count(bars.getAttribute("d"), 'Z')).isEqualTo(gops.size());
  }

  @Test
  void checkRowsAreThoseOfCheck() throws Exception {
    Path file = TestData.path(FIXTURE);
    VideoChecker checker = new VideoChecker(CheckOptions.none());
    SampleScanner.scan(file, ScanOptions.defaults(), checker);
    ReportOptions options = ReportOptions.defaults();
    Document doc =
        ReportTestSupport.parse(
            ReportTestSupport.html(List.of(ReportTestSupport.scan(file, options)), options));
    Element table = byClass(doc.getDocumentElement(), "table", "checks").get(0);
    List<Element> rows = elements(elements(table, "tbody").get(0), "tr");
    assertThat(rows).hasSize(checker.results().size());
    for (int i = 0; i < rows.size(); i++) {
      CheckResult c = checker.results().get(i);
      List<Element> td = elements(rows.get(i), "td");
      assertThat(td.get(1).getTextContent()).isEqualTo(c.rule().id());
      assertThat(rows.get(i).getAttribute("class")).isEqualTo(c.status().name());
      assertThat(td.get(2).getTextContent()).isEqualTo(Long.toString(c.violations()));
      assertThat(td.get(4).getTextContent()).isEqualTo(c.message());
    }
  }

  @Test
  void expectationsFailAndTheirLimitsAreDrawn() throws Exception {
    // --max-gop 9 fails on the first GOP (10 samples); --max-gap 80ms on the 86 ms interval
    ReportOptions options =
        new ReportOptions(
            CheckOptions.builder().maxGopFrames(9).maxGapNanos(80_000_000).build(), 0);
    InputReport r = ReportTestSupport.scan(TestData.path(FIXTURE), options);
    assertThat(r.passed()).isFalse();
    Document doc = ReportTestSupport.parse(ReportTestSupport.html(List.of(r), options));
    Element s = byClass(doc.getDocumentElement(), "article", "stream").get(0);
    assertThat(s.getAttribute("class")).isEqualTo("stream fail");
    List<String> failed = new ArrayList<>();
    for (Element tr : byClass(s, "tr", "FAIL")) {
      failed.add(elements(tr, "td").get(1).getTextContent());
    }
    assertThat(failed).containsExactly("max-gop", "max-gap");
    List<Element> svgs = elements(s, "svg");
    assertThat(byClass(svgs.get(0), "text", "limit-label").get(0).getTextContent())
        .isEqualTo("max-gap 80.000 ms");
    assertThat(byClass(svgs.get(3), "text", "limit-label").get(0).getTextContent())
        .isEqualTo("max-gop 9");
    assertThat(elements(s, "img")).isEmpty(); // thumbnails off
  }

  @Test
  void thumbnailsAreTheKeyframesAsFfmpegDecodesThem() throws Exception {
    ReportOptions options = ReportOptions.defaults();
    InputReport r = ReportTestSupport.scan(TestData.path(FIXTURE), options);
    Document doc = ReportTestSupport.parse(ReportTestSupport.html(List.of(r), options));
    List<Element> imgs = elements(doc.getDocumentElement(), "img");
    assertThat(imgs).hasSize(2); // the two keyframes
    String[] frames = {"0", "10"};
    for (int i = 0; i < 2; i++) {
      String src = imgs.get(i).getAttribute("src");
      assertThat(src).startsWith("data:image/png;base64,");
      BufferedImage got =
          ImageIO.read(
              new ByteArrayInputStream(
                  Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()))));
      BufferedImage want =
          ImageIO.read(
              new ByteArrayInputStream(
                  TestData.bytes("expected/h264_vfr.mp4.frame" + frames[i] + ".png")));
      // 160x120 is below the thumbnail width: same size as the video
      assertThat(got.getWidth()).isEqualTo(want.getWidth());
      assertThat(got.getHeight()).isEqualTo(want.getHeight());
      assertThat(imgs.get(i).getAttribute("width")).isEqualTo("160");
      assertThat(psnr(got, want)).as("PSNR against ffmpeg, frame " + frames[i]).isGreaterThan(40);
    }
    assertThat(elements(doc.getDocumentElement(), "figcaption").get(0).getTextContent())
        .isEqualTo("sample 0 · 0.000 s");
  }

  @Test
  void cabacThumbnailsAreAsFfmpegDecodesThemToo() throws Exception {
    // CABAC slices are decoded with padding after them (see H264Thumbnailer): a complete slice
    // must decode exactly as without
    ReportOptions options = ReportOptions.defaults();
    InputReport r = ReportTestSupport.scan(TestData.path("mp4/h264_bpyramid.mp4"), options);
    Thumbnail first = r.streams().get(0).thumbnails().get(0);
    assertThat(first.sampleIndex()).isZero();
    BufferedImage got = ImageIO.read(new ByteArrayInputStream(first.png()));
    BufferedImage want =
        ImageIO.read(
            new ByteArrayInputStream(TestData.bytes("expected/h264_bpyramid.mp4.frame0.png")));
    assertThat(psnr(got, want)).isGreaterThan(40);
  }

  @Test
  void aFullRangeBt709GoProKeyframeHasTheColoursFfmpegGivesIt() throws Exception {
    // realworld/gopro_karma_cut4.mp4 signals full range and BT.709 in its VUI (ffprobe: pc,
    // bt709). Against ffmpeg's decoding of its stream (864x480 coded, no cropping; the MP4 says
    // 854) the thumbnail is at 41.8 dB; read as limited range, as without the VUI, at 32.6 dB
    ReportOptions options = ReportOptions.defaults();
    InputReport r =
        ReportTestSupport.scan(TestData.path("realworld/gopro_karma_cut4.mp4"), options);
    Thumbnail first = r.streams().get(0).thumbnails().get(0);
    BufferedImage got = ImageIO.read(new ByteArrayInputStream(first.png()));
    BufferedImage want =
        ImageIO.read(
            new ByteArrayInputStream(
                TestData.bytes("expected/gopro_karma_cut4.mp4.frame0.176x98.png")));
    assertThat(got.getWidth()).isEqualTo(want.getWidth());
    assertThat(got.getHeight()).isEqualTo(want.getHeight());
    assertThat(psnr(got, want)).isGreaterThan(38);
  }

  @Test
  void theFileLoadsNothingFromElsewhere() throws Exception {
    ReportOptions options = ReportOptions.defaults();
    String html =
        ReportTestSupport.html(
            List.of(
                ReportTestSupport.scan(TestData.path(FIXTURE), options),
                ReportTestSupport.scan(TestData.path("rerun/stream_h264.rrd"), options),
                ReportTestSupport.scan(TestData.path("rerun/asset_h264_nobf.rrd"), options)),
            options);
    assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
    assertThat(html)
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("<iframe")
        .doesNotContainIgnoringCase("@import")
        .doesNotContainIgnoringCase("url(");
    Document doc = ReportTestSupport.parse(html);
    for (Element e : elements(doc.getDocumentElement(), "*")) {
      if (e.hasAttribute("src")) {
        assertThat(e.getAttribute("src")).startsWith("data:image/png;base64,");
      }
      if (e.hasAttribute("href")) {
        assertThat(e.getAttribute("href")).startsWith("#");
      }
    }
    assertThat(byClass(doc.getDocumentElement(), "section", "input")).hasSize(3);
  }

  @Test
  void textFromTheFileIsEscaped() {
    assertThat(HtmlReport.escape("</td><script>&\"'"))
        .isEqualTo("&lt;/td&gt;&lt;script&gt;&amp;&quot;&#39;");
    assertThat(HtmlReport.escape("a\u0001b\uD800c")).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(HtmlReport.escape("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += s.charAt(i) == c ? 1 : 0;
    }
    return n;
  }

  /** Peak signal-to-noise ratio over the RGB channels, in dB. */
  static double psnr(BufferedImage a, BufferedImage b) {
    double se = 0;
    long n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
          se += d * d;
          n++;
        }
      }
    }
    double mse = se / n;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  static Matcher match(String regex, String s) {
    Matcher m = Pattern.compile(regex).matcher(s);
    assertThat(m.find()).as(regex).isTrue();
    return m;
  }
}
