package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import org.junit.jupiter.api.Test;

class ObuCursorTest {
  @Test
  void walksEveryObuOfARealStream() throws Exception {
    byte[] b = TestData.bytes("obu/av1.obu"); // 30 temporal units from libaom via ffmpeg
    ObuCursor c = new ObuCursor().reset(b, 0, b.length);
    int delimiters = 0;
    int sequenceHeaders = 0;
    int last = 0;
    while (c.next()) {
      assertThat(c.sized()).isTrue();
      assertThat(c.start()).isEqualTo(last);
      last = c.payloadEnd();
      if (c.type() == ObuCursor.TEMPORAL_DELIMITER) {
        delimiters++;
        assertThat(c.payloadSize()).isZero();
      } else if (c.type() == ObuCursor.SEQUENCE_HEADER) {
        sequenceHeaders++;
        assertThat(Av1SequenceHeader.parse(b, c.payloadStart(), c.payloadSize())).isNotNull();
      }
    }
    assertThat(last).isEqualTo(b.length);
    assertThat(delimiters).isEqualTo(30);
    assertThat(sequenceHeaders).isPositive();
    assertThat(new ObuCursor().reset(b, 0, b.length).nextOfType(ObuCursor.SEQUENCE_HEADER))
        .isTrue();
  }

  @Test
  void aTruncatedOrSizelessObuEndsTheWalkWithItsTypeKnown() throws Exception {
    byte[] b = TestData.bytes("obu/av1.obu");
    ObuCursor c = new ObuCursor().reset(b, 0, b.length);
    c.next(); // temporal delimiter
    c.next(); // next OBU, cut below inside its payload
    int cut = c.payloadStart() + 1;
    int type = c.type();
    c.reset(b, 0, cut);
    c.next();
    assertThat(c.next()).isTrue();
    assertThat(c.type()).isEqualTo(type);
    assertThat(c.sized()).isFalse();
    assertThat(c.payloadEnd()).isEqualTo(cut);
    assertThat(c.next()).isFalse();
    // obu_has_size_field = 0: the payload runs to the end of the buffer
    byte[] sizeless = {(byte) (6 << 3), 1, 2, 3};
    c.reset(sizeless, 0, sizeless.length);
    assertThat(c.next()).isTrue();
    assertThat(c.type()).isEqualTo(6);
    assertThat(c.sized()).isFalse();
    assertThat(c.payloadSize()).isEqualTo(3);
    assertThat(c.next()).isFalse();
    assertThat(c.reset(sizeless, 0, 4).nextOfType(ObuCursor.SEQUENCE_HEADER)).isFalse();
  }
}
