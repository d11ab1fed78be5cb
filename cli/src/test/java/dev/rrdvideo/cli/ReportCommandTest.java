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
    assertThat(dir.resolve("r.html")).doesNotExist();
  }

  @Test
  void thumbnailsCanBeTurnedOffAndTheReportGoesToStdout() throws Exception {
    Path demo = demo();
    CliRunner.Result r = CliRunner.run("report", demo.toString(), "-o", "-", "--thumbnails", "0");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n").doesNotContain("<img");
  }
}
