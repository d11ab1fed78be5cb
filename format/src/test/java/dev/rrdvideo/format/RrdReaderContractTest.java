package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.chunk.Chunk;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.TestData;
import dev.rrdvideo.testdata.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same stream read whole, one byte per read, 16 bytes per read, and concatenated with itself
 * (with and without footers) gives the same messages at the same offsets.
 */
class RrdReaderContractTest {
  /** A compact description of every message: kind, offset and chunk id / store. */
  static List<String> describe(InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    List<RrdWarning> warnings = new ArrayList<>();
    RrdReadOptions o = RrdReadOptions.builder().strict(true).warnings(warnings::add).build();
    try (RrdReader r = RrdReader.open(in, o)) {
      for (RrdMessage m = r.next(); m != null; m = r.next()) {
        String d = m.getClass().getSimpleName() + "@" + m.offset();
        if (m instanceof ChunkMessage a) {
          try (Chunk c = a.decode()) {
            d += " " + c.id() + " " + c.entityPath() + " rows=" + c.rowCount();
          }
        } else if (m instanceof StoreInfo s) {
          d += " " + s.storeId();
        } else if (m instanceof StreamEnd e) {
          d += " manifests=" + e.manifests().size();
        }
        out.add(d);
      }
    }
    assertThat(warnings).isEmpty();
    return out;
  }

  private static final List<Function<byte[], InputStream>> SHAPES =
      List.of(
          ByteArrayInputStream::new,
          b -> new ThrottledInputStream(new ByteArrayInputStream(b), 1),
          b -> new ThrottledInputStream(new ByteArrayInputStream(b), 16),
          b -> new ThrottledInputStream(new ByteArrayInputStream(b), 7));

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1", "asset_h264_nobf"})
  void everyReadShapeGivesTheSameMessages(String name) throws IOException {
    byte[] rrd = TestData.bytes("rerun/" + name + ".rrd");
    List<String> expected = describe(new ByteArrayInputStream(rrd));
    assertThat(expected).hasSize(RerunFacts.of(name).get("framing").get("messages").size());
    for (Function<byte[], InputStream> shape : SHAPES) {
      assertThat(describe(shape.apply(rrd))).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void concatenatedStreamsAreReadInOrder(boolean footers) throws IOException {
    byte[] a =
        RrdWriterRoundTripTest.rewrite(
            TestData.bytes("rerun/stream_h264.rrd"),
            RrdWriteOptions.builder().emitFooter(footers).build(),
            false);
    byte[] b =
        RrdWriterRoundTripTest.rewrite(
            TestData.bytes("rerun/asset_h264_nobf.rrd"),
            RrdWriteOptions.builder().emitFooter(footers).build(),
            false);
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    List<String> first = describe(new ByteArrayInputStream(a));
    List<String> second = describe(new ByteArrayInputStream(b));
    for (Function<byte[], InputStream> shape : SHAPES) {
      List<String> all = describe(shape.apply(both));
      assertThat(all).hasSize(first.size() + second.size());
      assertThat(all.subList(0, first.size())).isEqualTo(first);
      // offsets of the second stream are shifted by the first stream's length
      for (int i = 0; i < second.size(); i++) {
        String s = second.get(i);
        int at = s.indexOf('@');
        int sp = s.indexOf(' ', at) < 0 ? s.length() : s.indexOf(' ', at);
        long off = Long.parseLong(s.substring(at + 1, sp));
        String shifted = s.substring(0, at + 1) + (off + a.length) + s.substring(sp);
        assertThat(all.get(first.size() + i)).isEqualTo(shifted);
      }
    }
  }
}
