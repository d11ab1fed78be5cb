package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code check} on a directory of every media fixture (plus a truncated recording): stdout, the
 * JSON document and the JUnit report hold, file by file in path order, what {@code check} says of
 * each file alone; the JUnit report has the shape CI servers read (validated against a schema, and
 * its totals are its suites' sums); stderr has one line per file and a total; the exit code is the
 * worst; {@code -j 1} and {@code -j 2} write the same bytes.
 */
class CheckBatchTest {
  @TempDir static Path root;
  @TempDir Path out;

  private static final List<String> FILES = new ArrayList<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Expectations that some fixtures fail (long GOPs, low frame rates), so failures show. */
  private static final String[] EXPECT = {"--max-gop", "12", "--min-fps", "20"};

  private static BatchFleet fleet;

  @BeforeAll
  static void fleet() throws Exception {
    fleet = BatchFleet.create(root);
    FILES.addAll(fleet.files());
  }

  private static Map<String, CliRunner.Result> singles(String... args) {
    return fleet.singles("check", withExpectations(args));
  }

  private static CliRunner.Result batch(int jobs, String... args) {
    return fleet.batch("check", jobs, withExpectations(args));
  }

  private static List<String> withExpectations(String... args) {
    List<String> a = new ArrayList<>(List.of(EXPECT));
    a.addAll(List.of(args));
    return a;
  }

  private static int worst(Map<String, CliRunner.Result> singles) {
    return BatchFleet.worst(singles);
  }

  /** Whether a file's own run checked it (passed or failed), rather than failing to read it. */
  private static boolean checked(CliRunner.Result single) {
    return single.exitCode() == ExitCode.OK || single.exitCode() == ExitCode.CHECKS_FAILED;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Test
  void textIsEveryFilesReportUnderItsPathAndStderrHasALinePerFileAndATotal() {
    Map<String, CliRunner.Result> singles = singles();
    StringBuilder expected = new StringBuilder();
    List<String> tally = new ArrayList<>();
    long[] counts = new long[3];
    for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
      CliRunner.Result s = e.getValue();
      String path = e.getKey();
      if (checked(s)) {
        // the report names the file by its path instead of its name
        String verdict = s.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(verdict).startsWith(name(path) + ": ");
        String mine = path + verdict.substring(name(path).length());
        expected.append(s.out(), 0, s.out().length() - verdict.length() - 1);
        expected.append(mine).append('\n');
        tally.add(mine);
        counts[s.exitCode() == 0 ? 0 : 1]++;
      } else {
        tally.add("error: " + path + ": ");
        counts[2]++;
      }
    }
    assertThat(counts[0]).isGreaterThan(10);
    assertThat(counts[1]).isGreaterThan(10);
    assertThat(counts[2]).isGreaterThanOrEqualTo(6);
    CliRunner.Result batch = batch(2);
    assertThat(batch.out()).isEqualTo(expected.toString());
    assertThat(batch.exitCode()).isEqualTo(worst(singles)).isEqualTo(ExitCode.MALFORMED);
    List<String> lines = batch.err().lines().filter(l -> !l.startsWith("warning: ")).toList();
    assertThat(lines).hasSize(FILES.size() + 1);
    for (int i = 0; i < tally.size(); i++) {
      assertThat(lines.get(i)).startsWith(tally.get(i));
    }
    assertThat(lines.get(FILES.size()))
        .isEqualTo(
            "checked "
                + FILES.size()
                + " files: "
                + counts[0]
                + " passed, "
                + counts[1]
                + " failed, "
                + counts[2]
                + " unreadable");
    assertThat(batch.err())
        .contains(
            "error: ivf/truncated.rrd: truncated ARROW_MSG message: expected 30368 payload bytes,"
                + " found 13799 (message #4 at offset 6185 (0x1829))\n");
    assertThat(batch(1).stdoutBytes()).isEqualTo(batch.stdoutBytes());
  }

  @Test
  void jsonIsOneDocumentWithEveryFilesReportUnderItsPath() throws Exception {
    Map<String, CliRunner.Result> singles = singles("--format", "json");
    CliRunner.Result batch = batch(2, "--format", "json");
    JsonNode doc = JSON.readTree(batch.out());
    JsonNode files = doc.get("files");
    assertThat(files).hasSize(FILES.size());
    long passed = 0;
    long failed = 0;
    long unreadable = 0;
    int i = 0;
    for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
      ObjectNode file = (ObjectNode) files.get(i++);
      assertThat(file.fieldNames().next()).isEqualTo("path");
      assertThat(file.get("path").asText()).isEqualTo(e.getKey());
      CliRunner.Result s = e.getValue();
      if (checked(s)) {
        ObjectNode single = (ObjectNode) JSON.readTree(s.out());
        single.remove("input");
        file.remove("path");
        assertThat(file).as(e.getKey()).isEqualTo(single);
        if (s.exitCode() == 0) {
          passed++;
        } else {
          failed++;
        }
      } else {
        unreadable++;
        assertThat(file.get("passed").asBoolean()).isFalse();
        assertThat(file.get("error").get("exit_code").asInt()).isEqualTo(s.exitCode());
        assertThat(file.get("error").get("message").asText()).isNotEmpty();
      }
    }
    assertThat(doc.get("passed").asBoolean()).isFalse();
    assertThat(doc.get("files_passed").asLong()).isEqualTo(passed);
    assertThat(doc.get("files_failed").asLong()).isEqualTo(failed);
    assertThat(doc.get("files_unreadable").asLong()).isEqualTo(unreadable);
    assertThat(batch.exitCode()).isEqualTo(worst(singles));
    assertThat(batch(1, "--format", "json").stdoutBytes()).isEqualTo(batch.stdoutBytes());
  }

  private static List<Element> children(Node parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element el && el.getTagName().equals(name)) {
        out.add(el);
      }
    }
    return out;
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static void validate(byte[] xml) throws Exception {
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    javax.xml.validation.Schema schema =
        sf.newSchema(CheckBatchTest.class.getResource("junit-ci.xsd"));
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  /** One test case as text: its name, its outcome element and the outcome's message. */
  private static String testCase(Element tc, String classnamePrefix) {
    String outcome = "pass";
    String message = "";
    for (String kind : List.of("failure", "skipped", "error")) {
      List<Element> o = children(tc, kind);
      if (!o.isEmpty()) {
        outcome = kind;
        message = o.get(0).getAttribute("message");
      }
    }
    String cls = tc.getAttribute("classname");
    assertThat(cls).startsWith(classnamePrefix);
    return cls.substring(classnamePrefix.length())
        + " "
        + tc.getAttribute("name")
        + " "
        + outcome
        + " "
        + message;
  }

  @Test
  void theJUnitReportHasOneValidSuitePerFileWithEveryRuleOfItsOwnRunAndTotalsThatAddUp()
      throws Exception {
    Map<String, CliRunner.Result> singles = new LinkedHashMap<>();
    Map<String, byte[]> singleReports = new LinkedHashMap<>();
    for (String f : FILES) {
      Path report = out.resolve("single/" + f + ".xml");
      List<String> a =
          new ArrayList<>(
              List.of("check", root.resolve(f).toString(), "--junit", report.toString()));
      a.addAll(List.of(EXPECT));
      singles.put(f, CliRunner.run(a.toArray(String[]::new)));
      singleReports.put(f, Files.exists(report) ? Files.readAllBytes(report) : null);
    }
    Path junit = out.resolve("reports/batch.xml");
    CliRunner.Result batch = batch(2, "--junit", junit.toString());
    assertThat(batch.exitCode()).isEqualTo(worst(singles));
    byte[] xml = Files.readAllBytes(junit);
    validate(xml);
    Element suites = parse(xml).getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    List<Element> suite = children(suites, "testsuite");
    assertThat(suite).hasSize(FILES.size());
    long tests = 0;
    long failures = 0;
    long errors = 0;
    long skipped = 0;
    int i = 0;
    for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
      Element s = suite.get(i++);
      String path = e.getKey();
      assertThat(s.getAttribute("name")).isEqualTo(path);
      List<Element> cases = children(s, "testcase");
      // a suite's counts are its test cases'
      assertThat(Long.parseLong(s.getAttribute("tests"))).isEqualTo(cases.size());
      long f = cases.stream().filter(c -> !children(c, "failure").isEmpty()).count();
      long er = cases.stream().filter(c -> !children(c, "error").isEmpty()).count();
      long sk = cases.stream().filter(c -> !children(c, "skipped").isEmpty()).count();
      assertThat(Long.parseLong(s.getAttribute("failures"))).isEqualTo(f);
      assertThat(Long.parseLong(s.getAttribute("errors"))).isEqualTo(er);
      assertThat(Long.parseLong(s.getAttribute("skipped"))).isEqualTo(sk);
      tests += cases.size();
      failures += f;
      errors += er;
      skipped += sk;
      if (checked(e.getValue())) {
        // the same test cases, outcomes and messages as the file's own report (whose suites are
        // per stream, classname rrdvideo.check.STREAM)
        List<String> expected = new ArrayList<>();
        for (Element ss :
            children(parse(singleReports.get(path)).getDocumentElement(), "testsuite")) {
          for (Element tc : children(ss, "testcase")) {
            expected.add(testCase(tc, "rrdvideo.check."));
          }
        }
        List<String> actual = new ArrayList<>();
        for (Element tc : cases) {
          actual.add(testCase(tc, path + " "));
        }
        assertThat(actual).as(path).isEqualTo(expected).isNotEmpty();
        assertThat(er).isZero();
      } else {
        assertThat(singleReports.get(path)).isNull(); // a file that cannot be read has no report
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).getAttribute("name")).isEqualTo("read");
        Element error = children(cases.get(0), "error").get(0);
        assertThat(error.getAttribute("message")).isNotEmpty();
        assertThat(error.getAttribute("type"))
            .isEqualTo(
                switch (e.getValue().exitCode()) {
                  case ExitCode.MALFORMED -> "malformed-input";
                  case ExitCode.UNSUPPORTED -> "unsupported-input";
                  case ExitCode.IO -> "io-error";
                  default -> throw new AssertionError(e.getValue().exitCode());
                });
      }
    }
    assertThat(Long.parseLong(suites.getAttribute("tests"))).isEqualTo(tests);
    assertThat(Long.parseLong(suites.getAttribute("failures"))).isEqualTo(failures).isPositive();
    assertThat(Long.parseLong(suites.getAttribute("errors"))).isEqualTo(errors).isPositive();
    assertThat(Long.parseLong(suites.getAttribute("skipped"))).isEqualTo(skipped);
    Path again = out.resolve("reports/j1.xml");
    batch(1, "--junit", again.toString());
    assertThat(Files.readAllBytes(again)).isEqualTo(xml);
  }

  @Test
  void aSmallBatchReportsLiterally() throws Exception {
    Path dir = out.resolve("two");
    Files.createDirectories(dir);
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("a.mp4"));
    Files.write(
        dir.resolve("b.rrd"), Arrays.copyOf(TestData.bytes("rerun/stream_h264.rrd"), 20_000));
    Path junit = out.resolve("two.xml");
    CliRunner.Result r =
        CliRunner.run(
            "check", dir.toString(), "--max-gop", "5", "--junit", junit.toString(), "-j", "2");
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.err())
        .isEqualTo(
            "a.mp4: checks FAILED (8 passed, 1 failed, 1 skipped)\n"
                + "error: b.rrd: truncated ARROW_MSG message: expected 30368 payload bytes, found"
                + " 13799 (message #4 at offset 6185 (0x1829))\n"
                + "checked 2 files: 0 passed, 1 failed, 1 unreadable\n");
    String xml = Files.readString(junit);
    assertThat(xml)
        .startsWith(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"rrdvideo check\" tests=\"11\" failures=\"1\" errors=\"1\""
                + " skipped=\"1\">\n"
                + "  <testsuite name=\"a.mp4\" tests=\"10\" failures=\"1\" errors=\"0\""
                + " skipped=\"1\">\n"
                + "    <testcase classname=\"a.mp4 a.mp4\""
                + " name=\"first-sample-keyframe\"/>\n")
        .contains(
            "  <testsuite name=\"b.rrd\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                + "    <testcase classname=\"b.rrd\" name=\"read\">\n"
                + "      <error message=\"truncated ARROW_MSG message: expected 30368 payload"
                + " bytes, found 13799 (message #4 at offset 6185 (0x1829))\""
                + " type=\"malformed-input\">")
        .endsWith("</testsuites>\n");
  }

  @Test
  void aFileWithoutVideoFailsItsSuiteAndAnInputOptionThatDoesNotApplyFailsItsFile()
      throws Exception {
    Path dir = out.resolve("mixed");
    Files.createDirectories(dir);
    try (dev.rrdvideo.format.RrdWriter w =
        dev.rrdvideo.format.RrdWriter.open(
            dir.resolve("a_empty.rrd"), dev.rrdvideo.format.RrdWriteOptions.defaults())) {
      w.beginRecording("no_video", null);
    }
    Files.copy(TestData.path("rerun/stream_h264.rrd"), dir.resolve("b.rrd"));
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("c.mp4"));
    Path junit = out.resolve("mixed.xml");
    CliRunner.Result r =
        CliRunner.run(
            "check", dir.toString(), "--entity", "/camera/video", "--junit", junit.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "a_empty.rrd: checks FAILED (no video streams to check)\n"
                + "b.rrd: all checks passed (8 passed, 0 failed, 1 skipped)\n"
                + "error: c.mp4: --entity does not apply here: it chooses an entity of a .rrd"
                + " recording (the input is an MP4)\n"
                + "checked 3 files: 1 passed, 1 failed, 1 unreadable\n");
    byte[] xml = Files.readAllBytes(junit);
    validate(xml);
    assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            "  <testsuite name=\"a_empty.rrd\" tests=\"1\" failures=\"1\" errors=\"0\""
                + " skipped=\"0\">\n"
                + "    <testcase classname=\"a_empty.rrd\" name=\"video-streams\">\n"
                + "      <failure message=\"no video streams to check\" type=\"video-streams\">"
                + "no video streams to check</failure>\n")
        .contains("<error message=\"--entity does not apply here")
        .contains("type=\"usage\"");
    CliRunner.Result inspect =
        CliRunner.run("inspect", dir.toString(), "--entity", "/camera/video");
    assertThat(inspect.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(inspect.err())
        .isEqualTo(
            "warning: no video streams in a_empty.rrd\n"
                + "error: c.mp4: --entity does not apply here: it chooses an entity of a .rrd"
                + " recording (the input is an MP4)\n");
    assertThat(inspect.out().lines().skip(1)).isNotEmpty().allMatch(l -> l.startsWith("b.rrd "));
  }
}
