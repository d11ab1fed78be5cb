package dev.rrdvideo.inspect.report;

import static dev.rrdvideo.inspect.report.ReportTestSupport.byClass;
import static dev.rrdvideo.inspect.report.ReportTestSupport.elements;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A report of 100,000 samples stays small and readable: an IVF file written here byte by byte (VP8
 * frame tags, a keyframe every 60 frames, 30 fps in microseconds with jitter on every tenth frame
 * and two one-second gaps) gives a report well below the documented 1 MB, with the gaps marked and
 * the frame period as the typical interval.
 */
class LargeInputReportTest {
  static final int FRAMES = 100_000;
  static final long PERIOD_US = 33_333;

  @TempDir Path dir;

  /** The presentation time of frame {@code i} in microseconds. */
  static long ptsMicros(int i) {
    long t = i * PERIOD_US;
    if (i % 10 == 5) {
      t += 1_500; // jitter: 1.5 ms late
    }
    if (i >= 30_000) {
      t += 1_000_000; // a one-second gap before frame 30000
    }
    if (i >= 70_000) {
      t += 1_000_000; // and another before frame 70000
    }
    return t;
  }

  static Path writeIvf(Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
      h.put("DKIF".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putShort((short) 32);
      h.put("VP80".getBytes(StandardCharsets.US_ASCII)).putShort((short) 320).putShort((short) 240);
      h.putInt(1_000_000).putInt(1).putInt(FRAMES).putInt(0);
      out.write(h.array());
      ByteBuffer fh = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < FRAMES; i++) {
        boolean key = i % 60 == 0;
        int size = key ? 300 : 40 + i % 17;
        byte[] f = new byte[size];
        // frame tag: bit 0 = 0 for a key frame, bit 4 = show_frame
        f[0] = (byte) (key ? 0x10 : 0x11);
        if (key) {
          f[3] = (byte) 0x9d;
          f[4] = 0x01;
          f[5] = 0x2a;
          f[6] = (byte) 320;
          f[7] = (byte) (320 >> 8);
          f[8] = (byte) 240;
          f[9] = 0;
        }
        fh.clear();
        fh.putInt(size).putLong(ptsMicros(i));
        out.write(fh.array());
        out.write(f);
      }
    }
    return file;
  }

  @Test
  void aHundredThousandSamplesMakeASmallReadableReport() throws Exception {
    Path ivf = writeIvf(dir.resolve("long.ivf"));
    ReportOptions options = ReportOptions.defaults();
    InputReport r = ReportTestSupport.scan(ivf, options);
    String html = ReportTestSupport.html(List.of(r), options);
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).as("report bytes").isLessThan(1_000_000);
    assertThat(bytes).as("report bytes (measured: about 80 kB)").isLessThan(150_000);

    Document doc = ReportTestSupport.parse(html);
    Element s = byClass(doc.getDocumentElement(), "article", "stream").get(0);
    Map<String, String> facts = ReportTestSupport.facts(byClass(s, "table", "facts").get(0));
    assertThat(facts.get("frames")).isEqualTo("100000");
    // 1667 keyframes: frames 0, 60, ..., 99960
    assertThat(facts.get("keyframes"))
        .isEqualTo("0 declared, 1667 by bitstream"); // IVF declares none
    // the largest interval: the period plus a gap (frame 29999 is not late, 30000 is not late)
    assertThat(facts.get("frame rate")).endsWith("interval 0.031833 s .. 1.033333 s");

    List<Element> svgs = elements(s, "svg");
    assertThat(svgs).hasSize(4);
    for (Element svg : svgs) {
      assertThat(elements(svg, "*").size()).as("elements in a chart").isLessThan(80);
      for (Element p : elements(svg, "path")) {
        assertThat(p.getAttribute("d").length()).as("path data").isLessThan(40_000);
      }
    }
    Element intervals = svgs.get(0);
    assertThat(byClass(intervals, "text", "typical-label").get(0).getTextContent())
        .isEqualTo("33.333 ms (30.00 fps)");
    // the two gaps are above the chart (clipped at three periods) and marked there
    String over = byClass(intervals, "path", "over").get(0).getAttribute("d");
    assertThat(over.split("z", -1).length - 1).isEqualTo(2);
    assertThat(html).contains("above the chart (largest 1033.333 ms)");
  }
}
