package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte ranges a reader of part of a remote file fetches to open a recording by its footer:
 * opening a file holding only those bytes (zeros elsewhere) uses the footer index as the whole file
 * does.
 */
class FooterIndexRangesTest {
  @TempDir Path dir;

  @Test
  void theRangesAreEnoughToOpenARecordingByItsFooter() throws Exception {
    byte[] whole = TestData.bytes("rerun/stream_h264.rrd");
    byte[] last =
        Arrays.copyOfRange(whole, whole.length - RrdFile.STREAM_FOOTER_BYTES, whole.length);
    long[] r = RrdFile.footerIndexRanges(last, whole.length, Long.MAX_VALUE);
    assertThat(r).hasSize(4);
    assertThat(r[0]).isZero();
    assertThat(r[3]).isEqualTo(whole.length);
    Path sparse = dir.resolve("sparse.rrd");
    byte[] only = new byte[whole.length];
    for (int i = 0; i < r.length; i += 2) {
      System.arraycopy(whole, (int) r[i], only, (int) r[i], (int) (r[i + 1] - r[i]));
    }
    Files.write(sparse, only);
    try (RrdFile full = RrdFile.open(TestData.path("rerun/stream_h264.rrd"));
        RrdFile part = RrdFile.open(sparse)) {
      assertThat(part.usedFooter()).isTrue();
      assertThat(part.chunks()).isEqualTo(full.chunks());
    }
    // the chunks between the stream header and the End message are not among them
    assertThat(r[1]).isLessThan(r[2]);
  }

  @Test
  void noFooterOrABadOneGivesNull() throws Exception {
    byte[] whole = TestData.bytes("rerun/stream_h264.rrd");
    int n = RrdFile.STREAM_FOOTER_BYTES;
    byte[] last = Arrays.copyOfRange(whole, whole.length - n, whole.length);
    assertThat(RrdFile.footerIndexRanges(last, whole.length + 1, Long.MAX_VALUE)).isNull();
    assertThat(RrdFile.footerIndexRanges(last, whole.length, 10)).isNull();
    byte[] notAFooter = Arrays.copyOfRange(whole, 0, n);
    assertThat(RrdFile.footerIndexRanges(notAFooter, whole.length, Long.MAX_VALUE)).isNull();
    byte[] twoEntries = last.clone();
    twoEntries[28] = 2;
    assertThat(RrdFile.footerIndexRanges(twoEntries, whole.length, Long.MAX_VALUE)).isNull();
  }
}
