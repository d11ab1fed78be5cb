package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.chunk.Tuid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The 142-byte file of rrd-container.md section 13, which the Rerun 0.33 web viewer opened: our
 * writer produces it byte for byte, and our reader reads it back.
 */
class WorkedExampleTest {
  private static final String EXPECTED =
      "52524632002100000102000001000000"
          + "0000000042000000000000000a120900"
          + "00ef64ba3f4918112a00000000000000"
          + "122c1217080112057265635f311a0c0a"
          + "0a766964656f5f64656d6f2a0c080612"
          + "080a067272646b697432030880420000"
          + "00000000000000000000000000006e00"
          + "00000000000000000000000000007136"
          + "972a52524632464f4f5401000000";

  @Test
  void writerProducesTheVerifiedBytes() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (RrdWriter w = RrdWriter.open(bos, RrdWriteOptions.defaults())) {
      w.writeStoreInfo(
          StoreInfo.of(
              new Tuid(1750000000000000000L, 42),
              StoreId.recording("video_demo", "rec_1"),
              StoreSource.other("rrdkit"),
              RrdVersion.V0_33_0));
    }
    assertThat(HexFormat.of().formatHex(bos.toByteArray())).isEqualTo(EXPECTED);
    assertThat(bos.size()).isEqualTo(142);
  }

  @Test
  void readerReadsTheVerifiedBytes() throws Exception {
    byte[] b = HexFormat.of().parseHex(EXPECTED);
    try (RrdReader r =
        RrdReader.open(
            new ByteArrayInputStream(b), RrdReadOptions.builder().strict(true).build())) {
      StoreInfo s = (StoreInfo) r.next();
      assertThat(s.storeId()).isEqualTo(StoreId.recording("video_demo", "rec_1"));
      assertThat(s.rowId()).isEqualTo(new Tuid(1750000000000000000L, 42));
      assertThat(s.source().describe()).isEqualTo("other \"rrdkit\"");
      assertThat(s.storeVersion()).isEqualTo(RrdVersion.V0_33_0);
      StreamEnd e = (StreamEnd) r.next();
      assertThat(e.offset()).isEqualTo(0x5e);
      assertThat(e.footerLength()).isZero();
      assertThat(e.hasStreamFooter()).isTrue();
      assertThat(e.manifests()).isEmpty();
      assertThat(r.next()).isNull();
    }
  }
}
