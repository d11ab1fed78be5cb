package dev.rrdvideo.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rrdvideo.format.verify.RrdVerifier;
import dev.rrdvideo.format.verify.RrdVerifier.Finding;
import dev.rrdvideo.format.verify.RrdVerifier.Report;
import dev.rrdvideo.format.verify.RrdVerifier.Severity;
import dev.rrdvideo.testdata.RerunFacts;
import dev.rrdvideo.testdata.RrdBytes;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code verify} on every file real Rerun wrote (0.26.2, 0.31.4, 0.33.0): no error and no warning,
 * so strict mode passes too, and the counts equal facts recorded outside this code base (the
 * independent decoder's {@code .facts.json}, the MCAP manifest behind the 0.31 import, a ten-line
 * framing walk in this test).
 */
class RrdVerifierRerunFilesTest {
  private static Report verify(String name) throws IOException {
    return RrdVerifier.verify(TestData.open(name), name);
  }

  private static List<Finding> failing(Report r) {
    return r.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream_h264", "stream_av1", "asset_h264_nobf"})
  void rerun033FilesAreCleanAndCountedAsTheFactsSay(String name) throws IOException {
    Report r = verify("rerun/" + name + ".rrd");
    assertThat(failing(r)).isEmpty();
    assertThat(r.passes(true)).isTrue();
    JsonNode facts = RerunFacts.of(name);
    assertThat(r.messages()).isEqualTo(facts.get("framing").get("messages").size());
    assertThat(r.chunks()).isEqualTo(facts.get("arrow_msgs").size());
    long samples = 0;
    for (JsonNode v : facts.get("video")) {
      if (!v.get("video_stream").isNull()) {
        samples += v.get("video_stream").get("samples").size();
      }
    }
    // stream_h264 / stream_av1: 30 samples on three timelines (was reported as 90)
    assertThat(r.samples()).isEqualTo(samples);
    long blobs = 0;
    long references = 0;
    for (JsonNode v : facts.get("video")) {
      if (v.hasNonNull("asset_video")) {
        blobs += v.get("asset_video").get("rows").asLong();
      }
      if (v.hasNonNull("frame_references")) {
        for (JsonNode chunk : v.get("frame_references")) {
          references += chunk.get("rows").asLong();
        }
      }
    }
    // asset_h264_nobf: was 0 video samples and nothing else; now 1 blob and 30 references
    assertThat(r.assetBlobs()).isEqualTo(blobs);
    assertThat(r.frameReferences()).isEqualTo(references);
  }

  @Test
  void rerun026FileEndsWithABareEndAndIsValid() throws IOException {
    String name = "rerun/older/v0.26.2_asset_h264_nobf.rrd";
    Report r = verify(name);
    assertThat(failing(r)).isEmpty();
    assertThat(r.passes(true)).isTrue();
    // was: error [manifest-missing] (and a warning), exit 6
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("end-without-footer"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    int[] framing = walk(TestData.bytes(name));
    assertThat(r.messages()).isEqualTo(framing[0]);
    assertThat(r.chunks()).isEqualTo(framing[1]);
    assertThat(framing[2]).as("End message, no stream footer").isEqualTo(1);
    assertThat(r.samples()).isZero(); // AssetVideo: frame references, no VideoStream samples
    // older/README.md (what the 0.26.2 viewer saved): one blob, 30 frame references
    assertThat(r.assetBlobs()).isEqualTo(1);
    assertThat(r.frameReferences()).isEqualTo(30);
  }

  @Test
  void rerun031McapImportCountsEachSampleOnce() throws IOException {
    String name = "rerun/older/v0.31.4_stream_h264_mcap.rrd";
    Report r = verify(name);
    assertThat(failing(r)).isEmpty();
    assertThat(r.passes(true)).isTrue();
    int[] framing = walk(TestData.bytes(name));
    assertThat(r.messages()).isEqualTo(framing[0]);
    assertThat(r.chunks()).isEqualTo(framing[1]);
    // the viewer imported the MCAP whose manifest lists every message (same sha256 in both)
    JsonNode save = TestData.json("rerun/older/v0.31.4_stream_h264_mcap.save.json");
    JsonNode mcap = TestData.json("rerun/stream_h264.mcap.json");
    assertThat(save.get("input_sha256").asText()).isEqualTo(mcap.get("mcap_sha256").asText());
    assertThat(save.get("time_ranges").size()).isEqualTo(3);
    assertThat(r.samples()).isEqualTo(mcap.get("message_count").asLong()).isEqualTo(30);
  }

  /**
   * Counts messages and ArrowMsgs by walking the frames (12-byte header, then kind/len pairs) and
   * reports whether the stream ends with an End message and nothing after it: independent of the
   * reader under test.
   */
  private static int[] walk(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    int messages = 0;
    int arrow = 0;
    int bareEnd = 0;
    while (pos < b.length) {
      long kind = bb.getLong(pos);
      long len = bb.getLong(pos + 8);
      pos += 16 + (int) len;
      messages++;
      if (kind == 2) {
        arrow++;
      }
      if (kind == 0) {
        bareEnd = pos == b.length ? 1 : 0;
        break;
      }
    }
    return new int[] {messages, arrow, bareEnd};
  }

  @Test
  void bareEndFollowedByAnotherStreamIsAnError() throws IOException {
    byte[] one = TestData.bytes("rerun/older/v0.26.2_asset_h264_nobf.rrd");
    ByteArrayOutputStream cat = new ByteArrayOutputStream();
    cat.writeBytes(one);
    cat.writeBytes(one);
    Report r = RrdVerifier.verify(new ByteArrayInputStream(cat.toByteArray()), "cat.rrd");
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("end-without-footer") && f.severity() == Severity.ERROR)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("followed by another stream"));
    assertThat(r.passes(false)).isFalse();
  }

  @Test
  void bareEndFromA028PlusWriterIsAWarning() throws IOException {
    // the 0.26 file with its header restamped 0.33.0: a 0.33 writer always adds a stream footer
    byte[] b = TestData.bytes("rerun/older/v0.26.2_asset_h264_nobf.rrd").clone();
    b[5] = 33;
    b[6] = 0;
    Report r = RrdVerifier.verify(new ByteArrayInputStream(b), "x.rrd");
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("end-without-footer"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    assertThat(r.passes(false)).isTrue();
    assertThat(r.passes(true)).isFalse();
  }

  @Test
  void newerVersionIsAnInfoNotAStreamError() throws IOException {
    byte[] b = TestData.bytes("rerun/stream_h264.rrd").clone();
    b[5] = 99; // header version 0.99.0
    Report r = RrdVerifier.verify(new ByteArrayInputStream(b), "x.rrd");
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("version-newer"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.offset()).isEqualTo(4L);
            });
    assertThat(r.findings()).noneMatch(f -> f.rule().equals("stream"));
    assertThat(r.passes(true)).isTrue();
  }

  @Test
  void emptyApplicationIdIsStillAnError() throws IOException {
    // SetStoreInfo with store_id.application_id present but empty
    byte[] info =
        dev.rrdvideo.format.internal.proto.TransportCodec.encodeSetStoreInfo(
            new dev.rrdvideo.format.chunk.Tuid(1, 2),
            new StoreId(StoreKind.RECORDING, "rec_x", ""),
            new StoreSource(6, "t".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            null,
            null);
    byte[] b = new RrdBytes().validHeader().message(1, info).toByteArray();
    Report r = RrdVerifier.verify(new ByteArrayInputStream(b), "x.rrd");
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("application-id"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
  }
}
