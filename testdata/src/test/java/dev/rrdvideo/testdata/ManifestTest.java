package dev.rrdvideo.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every fixture is listed in MANIFEST.tsv with its exact size and SHA-256, and nothing else is. */
class ManifestTest {
  private static final Path ROOT = Path.of("src/main/resources/dev/rrdvideo/testdata");

  private static Map<String, String[]> manifest() throws IOException {
    Map<String, String[]> out = new HashMap<>();
    List<String> lines = Files.readAllLines(ROOT.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("name\tbytes\tsha256\tprovenance\tlicense");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      assertThat(f).hasSize(5);
      out.put(f[0], f);
    }
    return out;
  }

  @Test
  void everyListedFileMatches() throws Exception {
    for (Map.Entry<String, String[]> e : manifest().entrySet()) {
      byte[] b = TestData.bytes(e.getKey());
      assertThat((long) b.length).as(e.getKey()).isEqualTo(Long.parseLong(e.getValue()[1]));
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
      assertThat(sha).as(e.getKey()).isEqualTo(e.getValue()[2]);
      assertThat(e.getValue()[3]).isNotBlank();
    }
  }

  @Test
  void everyFixtureIsListed() throws Exception {
    Map<String, String[]> m = manifest();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.equals("MANIFEST.tsv"))
          .forEach(n -> assertThat(m).as("MANIFEST.tsv lists %s", n).containsKey(n));
    }
  }

  @Test
  void packetTablesHaveOneRowPerFrame() throws Exception {
    for (String name : manifest().keySet()) {
      if (!name.endsWith(".packets.csv")) {
        continue;
      }
      List<String> rows = List.of(TestData.text(name).split("\n"));
      assertThat(rows.get(0)).isEqualTo("pts,dts,duration,size,pos,flags");
      String media = name.substring("expected/".length(), name.length() - ".packets.csv".length());
      String frames =
          TestData.text("expected/" + media + ".framemd5")
                  .lines()
                  .filter(l -> !l.startsWith("#"))
                  .count()
              + "";
      assertThat(rows.size() - 1).as(name).isEqualTo(Integer.parseInt(frames));
    }
  }
}
