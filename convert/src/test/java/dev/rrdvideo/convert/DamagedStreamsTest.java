package dev.rrdvideo.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.MediaLimits;
import dev.rrdvideo.media.bitstream.AccessUnitReader;
import dev.rrdvideo.testdata.TestData;
import dev.rrdvideo.testdata.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Defect 10 of issue 7: damaged Annex B (garbage before the first start code, no start code at all)
 * and damaged OBU streams end in a warning or a typed error, never in garbage kept in a sample or
 * an empty unit name.
 */
class DamagedStreamsTest {
  /** {@code n} bytes that hold no zero byte, so no start code (deterministic). */
  static byte[] garbage(int n) {
    byte[] b = new byte[n];
    Random r = new Random(n);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (1 + r.nextInt(255));
    }
    return b;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static List<byte[]> units(InputStream in, VideoCodec codec, long[] firstOffset)
      throws IOException {
    AccessUnitReader r = AccessUnitReader.open(in, codec, "test");
    List<byte[]> out = new ArrayList<>();
    while (r.next()) {
      if (out.isEmpty()) {
        firstOffset[0] = r.unitOffset();
        firstOffset[1] = r.skippedLeadingBytes();
      }
      out.add(Arrays.copyOf(r.unit(), r.unitSize()));
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "annexb/h264.h264, H264, 1024",
    "annexb/h265.h265, H265, 1024",
    "realworld/mp4parser_count.h264, H264, 70000",
    "annexb/h264.h264, H264, 1"
  })
  void leadingGarbageIsSkippedAndTheUnitsAreTheCleanStreams(String name, VideoCodec codec, int n)
      throws IOException {
    byte[] clean = TestData.bytes(name);
    long[] cleanFirst = new long[2];
    List<byte[]> expected = units(new ByteArrayInputStream(clean), codec, cleanFirst);
    assertThat(cleanFirst).containsExactly(0, 0);
    byte[] damaged = concat(garbage(n), clean);
    for (int chunk : new int[] {Integer.MAX_VALUE, 1, 1000}) {
      long[] first = new long[2];
      List<byte[]> got =
          units(new ThrottledInputStream(new ByteArrayInputStream(damaged), chunk), codec, first);
      assertThat(first).as("offset and skipped count, chunk %d", chunk).containsExactly(n, n);
      assertThat(got).hasSameSizeAs(expected);
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i)).as("unit %d", i).isEqualTo(expected.get(i));
      }
    }
  }

  @Test
  void leadingGarbageGivesAConversionWarningWithTheCount() throws IOException {
    byte[] damaged = concat(garbage(1024), TestData.bytes("annexb/h264.h264"));
    ConvertedVideo r =
        ElementaryStreams.toRecording(
            new ByteArrayInputStream(damaged),
            "damaged.h264",
            MediaKind.ANNEXB_H264,
            OutputStream.nullOutputStream(),
            ConvertOptions.builder().fps(30).build());
    assertThat(r.warnings())
        .singleElement()
        .asString()
        .startsWith("skipped 1024 bytes before the first start code");
    assertThat(r.samples()).isEqualTo(30); // ffprobe: 30 packets (expected/h264.h264.packets.csv)
  }

  @Test
  void aCleanStreamGivesNoWarning() throws IOException {
    ConvertedVideo r =
        ElementaryStreams.toRecording(
            TestData.open("annexb/h265.h265"),
            "h265.h265",
            MediaKind.ANNEXB_H265,
            OutputStream.nullOutputStream(),
            ConvertOptions.builder().fps(30).build());
    assertThat(r.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {4096, 0, 2})
  void noStartCodeIsNotAnAnnexBStream(int n) {
    byte[] junk = garbage(n);
    assertThatThrownBy(
            () ->
                ElementaryStreams.toRecording(
                    new ByteArrayInputStream(junk),
                    "junk.h264",
                    MediaKind.ANNEXB_H264,
                    OutputStream.nullOutputStream(),
                    ConvertOptions.builder().fps(30).build()))
        .isInstanceOf(BitstreamException.class)
        .isInstanceOf(RrdFormatException.class)
        .hasMessageStartingWith(
            "not an Annex B stream: no start code (00 00 01) in the first " + n + " bytes (")
        .satisfies(e -> assertThat(((BitstreamException) e).offset()).isZero());
  }

  @Test
  void theSearchForTheFirstStartCodeIsBounded() {
    // a start code after the limit is not looked for: a large non-Annex-B file fails quickly
    byte[] junk =
        concat(garbage(MediaLimits.MAX_ANNEX_B_LEADING_BYTES + 10), new byte[] {0, 0, 1, 0x67});
    assertThatThrownBy(
            () ->
                units(
                    new ThrottledInputStream(new ByteArrayInputStream(junk), 4096),
                    VideoCodec.H264,
                    new long[2]))
        .isInstanceOf(BitstreamException.class)
        .hasMessage(
            "not an Annex B stream: no start code (00 00 01) in the first "
                + MediaLimits.MAX_ANNEX_B_LEADING_BYTES
                + " bytes (at offset 0 (0x0) in test)");
  }

  @Test
  void garbageBeforeAnObuStreamIsATypedErrorAtOffset0() {
    byte[] damaged = concat(garbage(100), TestData.bytes("obu/av1.obu"));
    assertThatThrownBy(() -> units(new ByteArrayInputStream(damaged), VideoCodec.AV1, new long[2]))
        .isInstanceOf(BitstreamException.class)
        .satisfies(e -> assertThat(((BitstreamException) e).offset()).isZero());
  }

  @Test
  void anObuStreamMustStartWithATemporalDelimiter() {
    byte[] obu = TestData.bytes("obu/av1.obu");
    byte[] noTd = Arrays.copyOfRange(obu, 2, obu.length); // drop the leading 12 00
    assertThatThrownBy(() -> units(new ByteArrayInputStream(noTd), VideoCodec.AV1, new long[2]))
        .isInstanceOf(BitstreamException.class)
        .hasMessageStartingWith(
            "not an AV1 OBU stream: expected a temporal delimiter OBU (header 0x12) first, found"
                + " OBU type 1 (header 0xa)");
  }

  @Test
  void aReservedObuTypeInsideTheStreamIsATypedErrorWithItsOffset() throws IOException {
    byte[] obu = TestData.bytes("obu/av1.obu").clone();
    // the second OBU (after 12 00) is a sequence header (0x0a); make it reserved type 9 (0x4a)
    assertThat(obu[2]).isEqualTo((byte) 0x0a);
    obu[2] = 0x4a;
    assertThatThrownBy(() -> units(new ByteArrayInputStream(obu), VideoCodec.AV1, new long[2]))
        .isInstanceOf(BitstreamException.class)
        .hasMessageStartingWith("OBU header 0x4a: reserved OBU type 9")
        .satisfies(e -> assertThat(((BitstreamException) e).offset()).isEqualTo(2));
  }

  @Test
  void leadingZerosAreNotGarbage() throws IOException {
    byte[] clean = TestData.bytes("annexb/h264.h264");
    byte[] padded = concat(new byte[] {0, 0, 0, 0}, clean);
    long[] first = new long[2];
    List<byte[]> got = units(new ByteArrayInputStream(padded), VideoCodec.H264, first);
    assertThat(first).containsExactly(0, 0);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] u : got) {
      joined.write(u);
    }
    assertThat(joined.toByteArray()).isEqualTo(padded);
  }
}
