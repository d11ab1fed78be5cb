package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code rrdvideo report}: options, exit codes and output safety (in-process). */
class ReportCommandTest {
  @TempDir Path dir;

  private Path demo() {
    Path d = dir.resolve("demo.rrd");
    CliRunner.Result r = CliRunner.run("demo", "-o", d.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return d;
  }

  private static Document parse(Path html) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(html)));
  }

  private static List<Element> all(Document d, String tag) {
    NodeList n = d.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < n.getLength(); i++) {
      out.add((Element) n.item(i));
    }
    return out;
  }

  @Test
  void theDemoReportShowsItsFourKeyframesAsTheyWereDrawn() throws Exception {
    Path demo = demo();
    Path html = dir.resolve("r.html");
    CliRunner.Result r = CliRunner.run("report", demo.toString(), "-o", html.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Document doc = parse(html);
    List<Element> imgs = all(doc, "img");
    assertThat(imgs).hasSize(4); // a keyframe a second, four seconds
    for (Element img : imgs) {
      BufferedImage p =
          ImageIO.read(
              new ByteArrayInputStream(
                  Base64.getDecoder()
                      .decode(
                          img.getAttribute("src").substring("data:image/png;base64,".length()))));
      // 480x320 scaled to the thumbnail width, same aspect
      assertThat(p.getWidth()).isEqualTo(176);
      assertThat(p.getHeight()).isEqualTo(117);
      // the demo draws a blue (32, 64, 210) top row and a gold ball (255, 200, 40) on the floor
      // at whole seconds, at the horizontal centre: the keyframes are at whole seconds
      int top = p.getRGB(5, 2);
      assertThat(blue(top)).isGreaterThan(red(top) + 80).isGreaterThan(green(top) + 80);
      int ball = p.getRGB(88, 117 - 1 - (int) Math.round((8 + 30) * 117 / 320.0));
      assertThat(red(ball)).isGreaterThan(200);
      assertThat(green(ball)).isGreaterThan(150);
      assertThat(blue(ball)).isLessThan(110);
    }
    assertThat(all(doc, "svg")).hasSize(4);
    assertThat(Files.readString(html)).contains("4 declared, 4 by bitstream");
  }

  private static int red(int rgb) {
    return (rgb >> 16) & 0xFF;
  }

  private static int green(int rgb) {
    return (rgb >> 8) & 0xFF;
  }

  private static int blue(int rgb) {
    return rgb & 0xFF;
  }

  @Test
  void severalInputsMakeOneFileAndFailOnCheckExitsSixWithTheReportWritten() throws Exception {
    Path demo = demo();
    Path mp4 = TestData.path("mp4/h264_vfr.mp4");
    Path html = dir.resolve("both.html");
    // --frames 120 holds for the demo, not for the 18-frame MP4
    CliRunner.Result r =
        CliRunner.run(
            "report", demo.toString(), mp4.toString(), "-o", html.toString(), "--frames", "120");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Document doc = parse(html);
    assertThat(all(doc, "section")).hasSize(2);
    assertThat(Files.readString(html)).contains("18 samples, expected 120");

    Files.delete(html);
    CliRunner.Result fail =
        CliRunner.run(
            "report",
            demo.toString(),
            mp4.toString(),
            "-o",
            html.toString(),
            "--frames",
            "120",
            "--fail-on-check");
    assertThat(fail.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    assertThat(html).exists();
  }

  @Test
  void badInputIsExitThreeAndLeavesNoFile() throws Exception {
    Path demo = demo();
    Path bad = TestData.path("mp4-damaged/truncated_moov.mp4");
    Path html = dir.resolve("r.html");
    CliRunner.Result r =
        CliRunner.run("report", demo.toString(), bad.toString(), "-o", html.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.err()).startsWith("error: ").contains("truncated_moov.mp4");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("demo.rrd");
    }
    // an existing report is kept as it was
    Files.writeString(html, "old");
    assertThat(CliRunner.run("report", bad.toString(), "-o", html.toString()).exitCode())
        .isEqualTo(ExitCode.MALFORMED);
    assertThat(Files.readString(html)).isEqualTo("old");
  }

  @Test
  void optionsThatCannotApplyAreUsageErrors() throws Exception {
    Path demo = demo();
    String out = dir.resolve("r.html").toString();
    assertThat(CliRunner.run("report", demo.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    CliRunner.Result thumbs =
        CliRunner.run("report", demo.toString(), "-o", out, "--thumbnails", "13");
    assertThat(thumbs.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(thumbs.err()).contains("--thumbnails must be 0 to 12");
    CliRunner.Result stdin = CliRunner.run("report", "-", "-", "-o", out);
    assertThat(stdin.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRunner.run("report", demo.toString(), "-o", out, "--max-gap", "soon").exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            CliRunner.run("report", demo.toString(), "-o", out, "--expect-codec", "mpeg2")
                .exitCode())
        .isEqualTo(ExitCode.USAGE);
    // the expectations are check's, refused with check's words
    for (String[] bad :
        new String[][] {
          {"--min-fps", "30", "--max-fps", "25"}, {"--min-fps", "0"}, {"--frames", "-1"}
        }) {
      CliRunner.Result c = CliRunner.run(concat("check", demo.toString(), bad));
      CliRunner.Result r = CliRunner.run(concat("report", demo.toString(), "-o", out, bad));
      assertThat(r.exitCode()).as(String.join(" ", bad)).isEqualTo(ExitCode.USAGE);
      assertThat(c.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).startsWith(c.err().lines().findFirst().orElseThrow());
    }
    assertThat(dir.resolve("r.html")).doesNotExist();
  }

  private static String[] concat(String a, String b, String... rest) {
    return concat(new String[] {a, b}, rest);
  }

  private static String[] concat(String a, String b, String c, String d, String... rest) {
    return concat(new String[] {a, b, c, d}, rest);
  }

  private static String[] concat(String[] head, String[] tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void inputOptionsAreInspectsAndCheckOnes() throws Exception {
    String mp4 = TestData.path("mp4/h264_three_tracks.mp4").toString();
    Path html = dir.resolve("t2.html");
    // --track picks track 2 of three (48x32, 8 packets: expected/h264_three_tracks.mp4.t2.*)
    CliRunner.Result r = CliRunner.run("report", mp4, "-o", html.toString(), "--track", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String text = Files.readString(html);
    assertThat(text).contains("<th>resolution</th><td>48x32</td>", "<th>frames</th><td>8</td>");
    // an option the input would ignore is a usage error, as for check
    CliRunner.Result entity = CliRunner.run("report", mp4, "-o", html.toString(), "--entity", "/x");
    assertThat(entity.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(entity.err()).contains("--entity does not apply here");
    assertThat(Files.readString(html)).isEqualTo(text); // the report of before is untouched
  }

  @Test
  void thumbnailsCanBeTurnedOffAndTheReportGoesToStdout() throws Exception {
    Path demo = demo();
    CliRunner.Result r = CliRunner.run("report", demo.toString(), "-o", "-", "--thumbnails", "0");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n").doesNotContain("<img");
  }
}
