package dev.rrdvideo.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.media.Timescale;
import dev.rrdvideo.testdata.Ffprobe;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link Reports} in every format on a B-frame MP4 ({@code mp4/h264_bframes.mp4}) checked with
 * expectations made from its ffprobe table: one right (the codec, the longest GOP), two wrong (one
 * frame more than ffprobe counted; no B-frames, while the table's presentation times go back at a
 * known packet). The text, JSON and JUnit XML say exactly that, and the XML parses.
 */
class ReportsTest {
  private static final String FIXTURE = "mp4/h264_bframes.mp4";
  private static Ffprobe ff;
  private static int frames;
  private static int firstReordered;
  private static List<CheckResult> results;
  private static VideoSummary summary;

  @BeforeAll
  static void check() throws IOException {
    ff = Ffprobe.video(FIXTURE);
    List<Ffprobe.Packet> p = ff.packets();
    frames = p.size();
    firstReordered = -1;
    long maxPts = Long.MIN_VALUE;
    for (int i = 0; i < p.size() && firstReordered < 0; i++) {
      if (p.get(i).ptsTicks() < maxPts) {
        firstReordered = i;
      }
      maxPts = Math.max(maxPts, p.get(i).ptsTicks());
    }
    assertThat(firstReordered).as("the fixture has B-frames").isPositive();
    long longestGop =
        ExpectedGops.of(ff).stream().mapToLong(ExpectedGops::frames).max().orElseThrow();
    VideoChecker checker =
        new VideoChecker(
            CheckOptions.builder()
                .expectCodec("h264")
                .maxGopFrames(longestGop)
                .frames(frames + 1)
                .noBFrames(true)
                .build());
    summary = new VideoSummary();
    SampleListener both =
        new SampleListener() {
          @Override
          public void sample(SampleRow row) throws IOException {
            checker.sample(row);
            summary.sample(row);
          }

          @Override
          public void endOfStream(String entity, String timeline) throws IOException {
            checker.endOfStream(entity, timeline);
            summary.endOfStream(entity, timeline);
          }
        };
    SampleScanner.scan(TestData.path(FIXTURE), ScanOptions.defaults(), both);
    results = checker.results();
  }

  private static Map<String, CheckResult> byRule() {
    return results.stream().collect(Collectors.toMap(r -> r.rule().id(), r -> r));
  }

  private static long count(CheckResult.Status s) {
    return results.stream().filter(r -> r.status() == s).count();
  }

  @Test
  void theResultsAreWhatTheFfprobeTableSays() {
    Map<String, CheckResult> r = byRule();
    assertThat(r.get("expect-codec").status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.get("max-gop").status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.get("frames").status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.get("no-bframes").status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.get("no-bframes").firstSample()).isEqualTo(firstReordered);
    // nothing else fails on a file ffmpeg wrote
    assertThat(count(CheckResult.Status.FAIL)).isEqualTo(2);
  }

  @Test
  void junitXmlParsesAndCountsTheResults() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Reports.checkJUnit(results, "bframes & <friends>", bos);
    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(bos.toByteArray()));
    Element root = d.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("name")).isEqualTo("rrdvideo check bframes & <friends>");
    assertThat(root.getAttribute("tests")).isEqualTo(Integer.toString(results.size()));
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    assertThat(root.getAttribute("skipped"))
        .isEqualTo(Long.toString(count(CheckResult.Status.SKIPPED)));
    NodeList suites = root.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(1); // one stream
    NodeList cases = d.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(results.size());
    Map<String, CheckResult> r = byRule();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      CheckResult want = r.get(c.getAttribute("name"));
      assertThat(want).as(c.getAttribute("name")).isNotNull();
      assertThat(c.getElementsByTagName("failure").getLength())
          .isEqualTo(want.status() == CheckResult.Status.FAIL ? 1 : 0);
      assertThat(c.getElementsByTagName("skipped").getLength())
          .isEqualTo(want.status() == CheckResult.Status.SKIPPED ? 1 : 0);
    }
    Element noB = failureOf(d, "no-bframes");
    assertThat(noB.getTextContent()).contains("first at sample " + firstReordered);
    Element framesFailure = failureOf(d, "frames");
    assertThat(framesFailure.getAttribute("message"))
        .isEqualTo(frames + " samples, expected " + (frames + 1));
  }

  private static Element failureOf(Document d, String rule) {
    NodeList failures = d.getElementsByTagName("failure");
    for (int i = 0; i < failures.getLength(); i++) {
      Element f = (Element) failures.item(i);
      if (f.getAttribute("type").equals(rule)) {
        return f;
      }
    }
    throw new AssertionError("no failure of " + rule);
  }

  @Test
  void checkJsonHasEveryResult() throws IOException {
    StringWriter w = new StringWriter();
    Reports.checkJson(results, "bframes.mp4", w);
    JsonNode j = new ObjectMapper().readTree(w.toString());
    assertThat(j.get("input").asText()).isEqualTo("bframes.mp4");
    assertThat(j.get("passed").asBoolean()).isFalse();
    assertThat(j.get("results")).hasSize(results.size());
    for (JsonNode r : j.get("results")) {
      CheckResult want = byRule().get(r.get("rule").asText());
      assertThat(r.get("status").asText())
          .isEqualTo(want.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    JsonNode noB = find(j, "no-bframes");
    assertThat(noB.get("first_sample").asLong()).isEqualTo(firstReordered);
    JsonNode f = find(j, "frames");
    assertThat(f.get("violations").asLong()).isOne();
    assertThat(f.get("first_sample").isNull()).isTrue();
  }

  private static JsonNode find(JsonNode report, String rule) {
    for (JsonNode r : report.get("results")) {
      if (r.get("rule").asText().equals(rule)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + rule);
  }

  @Test
  void checkTextEndsWithTheVerdict() {
    StringWriter w = new StringWriter();
    Reports.checkText(results, "bframes.mp4", new PrintWriter(w, true));
    List<String> lines = w.toString().lines().toList();
    assertThat(lines).hasSize(results.size() + 1);
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "bframes.mp4: checks FAILED ("
                + count(CheckResult.Status.PASS)
                + " passed, 2 failed, "
                + count(CheckResult.Status.SKIPPED)
                + " skipped)");
    assertThat(lines).anyMatch(l -> l.matches("FAIL +frames +h264_bframes.mp4: .*"));
  }

  @Test
  void summaryJsonAndTextShowTheFfprobeNumbers() throws IOException {
    List<Ffprobe.Packet> p = ff.packets();
    Timescale tb = Timescale.of(ff.ticksPerSecond());
    long bytes = p.stream().mapToLong(Ffprobe.Packet::sizeBytes).sum();
    long keys = p.stream().filter(Ffprobe.Packet::key).count();
    long minPts = p.stream().mapToLong(Ffprobe.Packet::ptsTicks).min().orElseThrow();
    StringWriter w = new StringWriter();
    Reports.summaryJson(summary.streams(), summary.danglingReferences(), w);
    JsonNode j = new ObjectMapper().readTree(w.toString());
    assertThat(j.get("streams")).hasSize(1);
    JsonNode s = j.get("streams").get(0);
    assertThat(s.get("codec").asText()).isEqualTo("h264");
    assertThat(s.get("width").asInt()).isEqualTo(ff.width());
    assertThat(s.get("height").asInt()).isEqualTo(ff.height());
    assertThat(s.get("frames").asInt()).isEqualTo(frames);
    assertThat(s.get("total_bytes").asLong()).isEqualTo(bytes);
    assertThat(s.get("keyframes_declared").asLong()).isEqualTo(keys);
    assertThat(s.get("gops").asLong()).isEqualTo(ExpectedGops.of(ff).size());
    assertThat(s.get("first_pts_ns").asLong()).isEqualTo(tb.toNanos(minPts));
    assertThat(s.get("b_frames").asBoolean()).isTrue();
    assertThat(s.get("frame_references").isNull()).isTrue();
    assertThat(j.get("dangling_frame_references").isNull()).isTrue();

    StringWriter t = new StringWriter();
    Reports.summaryText(summary.streams(), summary.danglingReferences(), new PrintWriter(t, true));
    assertThat(t.toString())
        .contains("  frames       " + frames + "\n")
        .contains("  resolution   " + ff.width() + "x" + ff.height() + "\n")
        .contains("(" + bytes + " bytes)")
        .contains("  keyframes    " + keys + " declared, " + keys + " by bitstream\n")
        .contains("  B-frames     yes (");
  }

  @Test
  void markupEscapingGivesTextThatAnXmlParserReadsBack() throws Exception {
    // markup, line breaks, a control character, an unpaired surrogate and a valid pair
    String raw = "a<b>&\"c'\r\n\td\u0001e\uD800f\uD83D\uDE00";
    String attr = Reports.xmlEscaped(raw);
    String text = Reports.markupEscaped(raw, false);
    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    ("<x a=\"" + attr + "\">" + text + "</x>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String expected = "a<b>&\"c'\r\n\td\uFFFDe\uFFFDf\uD83D\uDE00";
    assertThat(d.getDocumentElement().getAttribute("a")).isEqualTo(expected);
    // element content: the parser turns the raw CR LF into LF, as XML 1.0 says
    assertThat(d.getDocumentElement().getTextContent()).isEqualTo(expected.replace("\r\n", "\n"));
    assertThat(Reports.markupEscaped("plain", true)).isSameAs("plain".intern());
  }
}
