package dev.rrdvideo.media.bitstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.BitstreamException;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One test per raw-stream / IVF limit of docs/limits.md. */
@Timeout(10)
class StreamLimitsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(IvfReader.DEFAULT_MAX_FRAME_BYTES).isEqualTo(256 << 20);
    assertThat(AccessUnitReader.MAX_UNIT_BYTES).isEqualTo(256 << 20);
  }

  @Test
  void ivfFrameLargerThanTheLimit() throws Exception {
    // ffprobe (expected/vp8.ivf.packets.csv): frame 0 has 4297 bytes
    IvfReader r = IvfReader.open(TestData.open("ivf/vp8.ivf"), "vp8.ivf", 4000);
    assertThatThrownBy(r::next)
        .isInstanceOf(BitstreamException.class)
        .hasMessageStartingWith("IVF frame of 4297 bytes: expected at most 4000")
        .satisfies(e -> assertThat(((BitstreamException) e).offset()).isEqualTo(32));
  }

  @Test
  void ivfFrameSizeFieldOf4GiBIsRefusedBeforeAllocation() throws Exception {
    byte[] b = Arrays.copyOf(TestData.bytes("ivf/vp8.ivf"), 44);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(32, -1); // 4 GiB - 1
    IvfReader r = IvfReader.open(new ByteArrayInputStream(b), "x.ivf");
    assertThatThrownBy(r::next)
        .isInstanceOf(BitstreamException.class)
        .hasMessageStartingWith("IVF frame of 4294967295 bytes: expected at most 268435456");
  }

  @Test
  void ivfHeaderSizeBeyond4096IsRefused() throws Exception {
    byte[] b = TestData.bytes("ivf/vp8.ivf").clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short) 5000);
    assertThatThrownBy(() -> IvfReader.open(new ByteArrayInputStream(b), "x.ivf"))
        .isInstanceOf(BitstreamException.class)
        .hasMessageStartingWith("IVF header size 5000: expected 32");
  }

  @Test
  void accessUnitLargerThanTheLimit() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(new byte[] {0, 0, 1, 0x65, (byte) 0x88}); // one IDR slice NAL unit ...
    byte[] body = new byte[70_000];
    Arrays.fill(body, (byte) 0xFF); // ... of 70 KB without a start code
    s.writeBytes(body);
    byte[] stream = s.toByteArray();
    assertThatThrownBy(
            () -> {
              AccessUnitReader r =
                  AccessUnitReader.open(
                      new ByteArrayInputStream(stream), VideoCodec.H264, "x", 65536);
              while (r.next()) {
                // read all
              }
            })
        .isInstanceOf(BitstreamException.class)
        .hasMessageStartingWith("access unit larger than 65536 bytes");
  }

  @Test
  void obuSizeLargerThanTheLimitIsRefusedBeforeReadingIt() {
    // temporal delimiter, then a frame OBU (type 6, size field) declaring 2^30 bytes
    byte[] stream = {0x12, 0x00, 0x32, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04};
    assertThatThrownBy(
            () -> {
              AccessUnitReader r =
                  AccessUnitReader.open(new ByteArrayInputStream(stream), VideoCodec.AV1, "x");
              while (r.next()) {
                // read all
              }
            })
        .isInstanceOf(BitstreamException.class)
        .hasMessageStartingWith("OBU of 1073741824 bytes: expected at most 268435456")
        .satisfies(e -> assertThat(((BitstreamException) e).offset()).isEqualTo(2));
  }
}
