package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.Fixtures;
import dev.rrdvideo.testdata.TestData;
import java.util.List;

/** The spec-vector fixtures of the header parsers ({@code headers/}) and how to find a header. */
final class HeaderVectors {
  private HeaderVectors() {}

  /** A parser of one NAL unit {@code b[off..off+len)}; null when it cannot parse it. */
  @FunctionalInterface
  interface NalParser<T> {
    T parse(byte[] b, int off, int len);
  }

  /** The vectors whose names end with {@code extension}, e.g. {@code ".h264"}. */
  static List<String> named(String extension) {
    return Fixtures.media("headers/").stream().filter(n -> n.endsWith(extension)).toList();
  }

  /**
   * Parses the first NAL unit of an Annex B fixture whose type ({@code nalType} of its header) is
   * {@code wanted}; fails when there is none or it does not parse.
   */
  static <T> T firstNal(String fixture, boolean h265, int wanted, NalParser<T> parser) {
    byte[] b = TestData.bytes(fixture);
    AnnexB.Cursor c = new AnnexB.Cursor().reset(b, 0, b.length);
    while (c.next()) {
      int type = h265 ? AnnexB.h265Type(b, c.start()) : AnnexB.h264Type(b, c.start());
      if (type == wanted) {
        T parsed = parser.parse(b, c.start(), c.length());
        assertThat(parsed).as("NAL unit type %d of %s", wanted, fixture).isNotNull();
        return parsed;
      }
    }
    throw new AssertionError("no NAL unit of type " + wanted + " in " + fixture);
  }
}
