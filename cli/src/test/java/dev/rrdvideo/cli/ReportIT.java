package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code rrdvideo report} end to end through the real launcher. */
class ReportIT {
  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() {
    rrdvideo = new Launcher(dir, tmp);
  }

  @Test
  void aReportOfTheDemoIsOneSelfContainedFile() throws Exception {
    assertThat(rrdvideo.run("demo", "-o", "demo.rrd").exitCode()).isZero();
    Launcher.Result r = rrdvideo.run("report", "demo.rrd", "-o", "r.html");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(Launcher.list(dir)).containsExactly("demo.rrd", "r.html");
    String html = Files.readString(dir.resolve("r.html"));
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("r.html").toFile());
    assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(4);
    assertThat(doc.getElementsByTagName("img").getLength()).isEqualTo(4);
    assertThat(html).contains("/video_stream").contains("checks passed");
    assertThat(Launcher.list(tmp)).isEmpty();
  }

  @Test
  void badInputIsExitThreeWithATypedMessageAndNoFile() throws Exception {
    Files.copy(TestData.path("mp4-damaged/stco_past_end.mp4"), dir.resolve("bad.mp4"));
    Launcher.Result r = rrdvideo.run("report", "bad.mp4", "-o", "r.html");
    assertThat(r.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.stderr()).startsWith("error: ").contains("at offset").contains("bad.mp4");
    assertThat(r.stderr().lines().count()).isEqualTo(1);
    assertThat(Launcher.list(dir)).containsExactly("bad.mp4");
  }
}
