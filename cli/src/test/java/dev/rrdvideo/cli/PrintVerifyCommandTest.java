package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The print, verify and rewrite commands on real Rerun files, and the exit-code mapping. */
class PrintVerifyCommandTest {
  @TempDir Path dir;

  @Test
  void printTextListsStoreChunksAndFooter() {
    String f = TestData.path("rerun/stream_h264.rrd").toString();
    CliRunner.Result r = CliRunner.run("print", f);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Rerun 0.33.0, LZ4")
        .contains("store recording rec_6822a9379d2d4942b873e9b9497f39c9 app=stream_h264.mcap")
        .contains("chunk 18EAF8DDEBB2218B59d4c80e78682dbd /camera/video temporal rows=30")
        .contains("component VideoStream:sample : List<List<UInt8>> (30 non-null)")
        .contains("timeline timestamp (timestamp) 1700000000000000000..1700000001933333333")
        .contains("1 manifest")
        .contains("4 chunks");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void printJsonIsValidJsonWithEveryMessage() throws Exception {
    String f = TestData.path("rerun/asset_h264_nobf.rrd").toString();
    CliRunner.Result r = CliRunner.run("print", "--format", "json", f);
    assertThat(r.exitCode()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("messages")).hasSize(4);
    assertThat(j.get("messages").get(0).get("kind").asText()).isEqualTo("store_info");
    JsonNode blob = j.get("messages").get(2);
    assertThat(blob.get("chunk_id").asText()).isEqualTo("18EAF893079DDCD00027612560fde203");
    assertThat(blob.get("components").get(0).get("type").asText()).isEqualTo("List<List<UInt8>>");
    assertThat(j.get("messages").get(3).get("manifests").get(0).get("chunks").asInt()).isEqualTo(2);
  }

  @Test
  void verifyPassesRealFilesAndRewrites() {
    for (String name : new String[] {"stream_h264", "stream_av1", "asset_h264_nobf"}) {
      String f = TestData.path("rerun/" + name + ".rrd").toString();
      CliRunner.Result v = CliRunner.run("verify", f);
      assertThat(v.exitCode()).as(v.out()).isZero();
      assertThat(v.out()).contains(": ok: ");
      Path out = dir.resolve(name + ".rrd");
      CliRunner.Result w = CliRunner.run("rewrite", f, out.toString());
      assertThat(w.exitCode()).as(w.err()).isZero();
      CliRunner.Result v2 = CliRunner.run("verify", out.toString());
      assertThat(v2.exitCode()).as(v2.out()).isZero();
    }
  }

  @Test
  void verifyFailsWithSixOnAFooterThatDoesNotMatch() throws Exception {
    byte[] b = TestData.bytes("rerun/asset_h264_nobf.rrd");
    // corrupt the stream footer checksum: readable, but wrong
    b[b.length - 16] ^= 0x01;
    Path f = dir.resolve("bad.rrd");
    Files.write(f, b);
    CliRunner.Result r = CliRunner.run("verify", f.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    assertThat(r.out()).contains("[stream] stream footer checksum mismatch").contains("FAILED");
  }

  @Test
  void exitCodes() throws Exception {
    Path garbage = dir.resolve("garbage.rrd");
    Files.write(garbage, "hello, this is not a recording".getBytes());
    CliRunner.Result bad = CliRunner.run("print", garbage.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(bad.err())
        .startsWith("error: not an .rrd recording (it does not start with RRF2): it is text")
        .doesNotContain("Exception");

    byte[] old = Arrays.copyOf(TestData.bytes("rerun/stream_h264.rrd"), 200);
    old[5] = 20; // version 0.20.0
    Path oldFile = dir.resolve("old.rrd");
    Files.write(oldFile, old);
    assertThat(CliRunner.run("print", oldFile.toString()).exitCode())
        .isEqualTo(ExitCode.UNSUPPORTED);

    CliRunner.Result missing = CliRunner.run("print", dir.resolve("nope.rrd").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(missing.err()).startsWith("error: no such file");

    CliRunner.Result usage = CliRunner.run("print", "--format", "yaml", garbage.toString());
    assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRunner.run("no-such-command").exitCode()).isEqualTo(ExitCode.USAGE);

    CliRunner.Result verbose = CliRunner.run("print", "--verbose", garbage.toString());
    assertThat(verbose.err()).contains("RrdFormatException").contains("at dev.rrdvideo");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "rerun/stream_h264.rrd",
        "rerun/stream_av1.rrd",
        "rerun/asset_h264_nobf.rrd",
        "rerun/older/v0.26.2_asset_h264_nobf.rrd",
        "rerun/older/v0.31.4_stream_h264_mcap.rrd"
      })
  void verifyStrictPassesEveryFileRerunWrote(String name) {
    CliRunner.Result r = CliRunner.run("verify", "--strict", TestData.path(name).toString());
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out())
        .containsPattern(": ok: \\d+ messages, \\d+ chunks, \\d+ video samples")
        .contains("0 errors, 0 warnings");
  }

  @Test
  void everyCommandsHelpEndsWithAnExample() {
    for (String cmd : new String[] {"print", "verify", "rewrite"}) {
      CliRunner.Result r = CliRunner.run(cmd, "--help");
      assertThat(r.exitCode()).isZero();
      String[] lines = r.out().strip().split("\n");
      assertThat(lines[lines.length - 1]).startsWith("Example: rrdvideo " + cmd);
    }
  }

  @Test
  void rewriteLeavesNoPartialOutputOnFailure() throws Exception {
    byte[] b = Arrays.copyOf(TestData.bytes("rerun/stream_h264.rrd"), 3000);
    Path in = dir.resolve("cut.rrd");
    Files.write(in, b);
    Path out = dir.resolve("out.rrd");
    // a truncated input is malformed (exit 3 with the offset) and leaves no output ...
    CliRunner.Result r = CliRunner.run("rewrite", in.toString(), out.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.MALFORMED);
    assertThat(r.err()).contains("truncated").contains("offset");
    assertThat(out).doesNotExist();
    // ... unless --salvage is given: the complete chunks are kept and the loss is reported
    CliRunner.Result s = CliRunner.run("rewrite", in.toString(), out.toString(), "--salvage");
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(s.err()).contains("warning: truncated").contains("salvaged cut.rrd");
    assertThat(out).exists();
    Files.write(in, "garbage!".repeat(10).getBytes());
    Files.delete(out);
    CliRunner.Result fail = CliRunner.run("rewrite", in.toString(), out.toString());
    assertThat(fail.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".partial"))).isEmpty();
    }
  }
}
