package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/cli.md promises of {@code --compression}, through the real launcher on a real camera
 * file: {@code auto} (the default) stores the chunk of encoded video LZ4 cannot shrink and
 * compresses the small codec chunk; {@code lz4} and {@code none} apply to every chunk; all three
 * hold the same samples as the MP4.
 */
class CompressionIT {
  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() throws Exception {
    rrdvideo = new Launcher(dir, tmp);
    Files.copy(TestData.path("realworld/gopro_karma_cut4.mp4"), dir.resolve("karma.mp4"));
  }

  /** The compression of each chunk, in stream order, with "+" for chunks holding samples. */
  private List<String> chunkCompressions(String rrd) throws Exception {
    Launcher.Result r = rrdvideo.run("print", rrd, "--format", "json");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<String> out = new ArrayList<>();
    for (JsonNode m : new ObjectMapper().readTree(r.out()).get("messages")) {
      if (m.get("kind").asText().equals("chunk")) {
        boolean samples = false;
        for (JsonNode c : m.get("components")) {
          samples |= c.get("component").asText().equals("VideoStream:sample");
        }
        String compression = m.get("compression").asText();
        if (compression.equals("none")) {
          // the payload as it is, plus the message's framing and protobuf fields
          assertThat(m.get("byte_size").asLong() - m.get("uncompressed_size").asLong())
              .isBetween(0L, 256L);
        }
        out.add(compression + (samples ? "+" : ""));
      }
    }
    return out;
  }

  private void convert(String out, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("convert", "karma.mp4", out));
    args.addAll(List.of(options));
    Launcher.Result r = rrdvideo.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Launcher.Result diff = rrdvideo.run("diff", "karma.mp4", out);
    assertThat(diff.exitCode()).as(diff.out() + diff.stderr()).isZero();
  }

  @Test
  void autoStoresVideoThatLz4CannotShrinkAndTheOtherModesApplyToEveryChunk() throws Exception {
    convert("auto.rrd");
    convert("lz4.rrd", "--compression", "lz4");
    convert("none.rrd", "--compression", "none");

    List<String> auto = chunkCompressions("auto.rrd");
    assertThat(auto).contains("lz4").contains("none+").doesNotContain("lz4+");
    assertThat(chunkCompressions("lz4.rrd")).allMatch(c -> c.startsWith("lz4"));
    assertThat(chunkCompressions("none.rrd")).allMatch(c -> c.startsWith("none"));
    // a chunk is stored when LZ4 saves less than 1/64 of it: the file is at most that larger
    long lz4 = Files.size(dir.resolve("lz4.rrd"));
    assertThat(Files.size(dir.resolve("auto.rrd"))).isLessThanOrEqualTo(lz4 + lz4 / 64);
  }
}
