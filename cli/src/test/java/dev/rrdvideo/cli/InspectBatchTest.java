package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect} on a directory of every media fixture (plus a truncated recording in the middle):
 * the batch's table is, row for row and cell for cell, the tables of {@code inspect} run on each
 * file alone with the file's path put in front, in every format, for samples, GOPs and summaries;
 * the broken files are reported with their path and offset, the others written; {@code -j 1} and
 * {@code -j 2} write the same bytes.
 */
class InspectBatchTest {
  @TempDir static Path root;

  /** Every file of the batch by its path, sorted. */
  private static final List<String> FILES = new ArrayList<>();

  private static final ObjectMapper JSON = new ObjectMapper();

  private static BatchFleet fleet;

  @BeforeAll
  static void fleet() throws Exception {
    fleet = BatchFleet.create(root);
    FILES.addAll(fleet.files());
  }

  /** {@code inspect FILE ARGS} on each file alone, by path. */
  private static Map<String, CliRunner.Result> singles(String... args) {
    return fleet.singles("inspect", List.of(args));
  }

  /** {@code inspect ROOT ARGS} with {@code -j jobs}. */
  private static CliRunner.Result batch(int jobs, String... args) {
    return fleet.batch("inspect", jobs, List.of(args));
  }

  private static int worst(Map<String, CliRunner.Result> singles) {
    return BatchFleet.worst(singles);
  }

  private static final Pattern OFFSET = Pattern.compile("at offset (\\d+) \\(0x");

  /**
   * The batch reports each file that fails alone, once, with its path and the same offset, and
   * exits with the worst code; it names no file that succeeds alone.
   */
  private static void assertFailuresReported(
      Map<String, CliRunner.Result> singles, CliRunner.Result batch) {
    assertThat(batch.exitCode()).as(batch.err()).isEqualTo(worst(singles));
    List<String> errors = batch.err().lines().filter(l -> l.startsWith("error: ")).toList();
    int failed = 0;
    for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
      List<String> mine =
          errors.stream().filter(l -> l.startsWith("error: " + e.getKey() + ": ")).toList();
      if (e.getValue().exitCode() == 0) {
        assertThat(mine).isEmpty();
        continue;
      }
      failed++;
      assertThat(mine).as(e.getKey()).hasSize(1);
      Matcher m = OFFSET.matcher(e.getValue().err());
      if (m.find()) {
        assertThat(mine.get(0)).as(e.getKey()).contains("at offset " + m.group(1) + " (0x");
      }
    }
    assertThat(errors).hasSize(failed);
    assertThat(failed).as("broken fixtures in the batch").isGreaterThanOrEqualTo(6);
  }

  /** The data lines of a CSV output (without its header). */
  private static List<String> csvRows(String csv) {
    List<String> lines = csv.lines().toList();
    return lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
  }

  @Test
  void theCsvTableIsEveryFilesTableWithItsPathInFront() {
    for (String[] args :
        List.of(
            new String[] {"--format", "csv"},
            new String[] {"--format", "csv", "--gops"},
            new String[] {"--format", "csv", "--hash"},
            new String[] {"--format", "csv", "--references"},
            new String[] {"--format", "csv", "--columns", "size_bytes,pts_ns,codec"})) {
      Map<String, CliRunner.Result> singles = singles(args);
      StringBuilder expected = new StringBuilder();
      String header = singles.get("rerun/stream_h264.rrd").out().lines().findFirst().orElseThrow();
      expected.append("path,").append(header).append('\n');
      int rows = 0;
      for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
        if (e.getValue().exitCode() == 0) {
          assertThat(e.getValue().out()).startsWith(header + "\n");
          for (String row : csvRows(e.getValue().out())) {
            expected.append(e.getKey()).append(',').append(row).append('\n');
            rows++;
          }
        }
      }
      assertThat(rows).isGreaterThan(50);
      CliRunner.Result batch = batch(2, args);
      assertThat(batch.out()).as(String.join(" ", args)).isEqualTo(expected.toString());
      assertFailuresReported(singles, batch);
      assertThat(batch(1, args).stdoutBytes()).isEqualTo(batch.stdoutBytes());
    }
  }

  @Test
  void theJsonLinesAreEveryFilesLinesWithThePathAsTheirFirstKey() {
    Map<String, CliRunner.Result> singles = singles("--format", "jsonl");
    StringBuilder expected = new StringBuilder();
    for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
      if (e.getValue().exitCode() == 0) {
        e.getValue()
            .out()
            .lines()
            .filter(l -> !l.isEmpty())
            .forEach(
                l -> {
                  assertThat(l).startsWith("{");
                  expected
                      .append("{\"path\":\"")
                      .append(e.getKey())
                      .append("\",")
                      .append(l.substring(1))
                      .append('\n');
                });
      }
    }
    CliRunner.Result batch = batch(2, "--format", "jsonl");
    assertThat(batch.out()).isEqualTo(expected.toString());
    assertFailuresReported(singles, batch);
    assertThat(batch(1, "--format", "jsonl").stdoutBytes()).isEqualTo(batch.stdoutBytes());
  }

  /** A pretty table's cells: columns are at least two spaces apart and no cell holds two. */
  private static List<List<String>> cells(String pretty) {
    return pretty.lines().map(l -> List.of(l.strip().split(" {2,}"))).toList();
  }

  @Test
  void thePrettyTableHasEveryFilesCellsWithThePathInFront() {
    for (String[] args : List.of(new String[0], new String[] {"--gops"})) {
      Map<String, CliRunner.Result> singles = singles(args);
      List<List<String>> expected = new ArrayList<>();
      List<String> header = cells(singles.get("rerun/stream_h264.rrd").out()).get(0);
      List<String> withPath = new ArrayList<>(List.of("path"));
      withPath.addAll(header);
      expected.add(withPath);
      for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
        if (e.getValue().exitCode() == 0) {
          List<List<String>> table = cells(e.getValue().out());
          assertThat(table.get(0)).isEqualTo(header);
          for (List<String> row : table.subList(1, table.size())) {
            List<String> r = new ArrayList<>(List.of(e.getKey()));
            r.addAll(row);
            expected.add(r);
          }
        }
      }
      CliRunner.Result batch = batch(2, args);
      assertThat(cells(batch.out())).isEqualTo(expected);
      assertFailuresReported(singles, batch);
      assertThat(batch(1, args).stdoutBytes()).isEqualTo(batch.stdoutBytes());
    }
  }

  /** An Arrow IPC file's schema (name:type) and rows (cells as text, null for absent). */
  private record ArrowTable(List<String> schema, String schemaName, List<List<String>> rows) {}

  private static ArrowTable arrow(byte[] bytes) throws Exception {
    try (RootAllocator alloc = new RootAllocator();
        SeekableByteChannel ch = new ByteArrayReadableSeekableByteChannel(bytes);
        ArrowFileReader r = new ArrowFileReader(new SeekableReadChannel(ch), alloc)) {
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      List<String> schema =
          root.getSchema().getFields().stream().map(f -> f.getName() + ":" + f.getType()).toList();
      List<List<String>> rows = new ArrayList<>();
      while (r.loadNextBatch()) {
        for (int i = 0; i < root.getRowCount(); i++) {
          List<String> row = new ArrayList<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(i);
            row.add(o == null ? null : o.toString());
          }
          rows.add(row);
        }
      }
      return new ArrowTable(
          schema, root.getSchema().getCustomMetadata().get("rrdvideo:schema"), rows);
    }
  }

  @Test
  void theArrowFileHasAUtf8PathColumnThenEveryFilesRows() throws Exception {
    Map<String, CliRunner.Result> singles = singles("--format", "arrow");
    List<List<String>> expected = new ArrayList<>();
    ArrowTable one = arrow(singles.get("rerun/stream_h264.rrd").stdoutBytes());
    for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
      if (e.getValue().exitCode() == 0) {
        ArrowTable t = arrow(e.getValue().stdoutBytes());
        assertThat(t.schema()).isEqualTo(one.schema());
        for (List<String> row : t.rows()) {
          List<String> r = new ArrayList<>();
          r.add(e.getKey());
          r.addAll(row);
          expected.add(r);
        }
      }
    }
    CliRunner.Result batch = batch(2, "--format", "arrow");
    ArrowTable merged = arrow(batch.stdoutBytes());
    assertThat(merged.schema().get(0)).isEqualTo("path:" + ArrowType.Utf8.INSTANCE);
    assertThat(merged.schema().subList(1, merged.schema().size())).isEqualTo(one.schema());
    assertThat(merged.schemaName()).isEqualTo(one.schemaName()).isEqualTo("rrdvideo.samples/2");
    assertThat(merged.rows()).isEqualTo(expected);
    assertFailuresReported(singles, batch);
    assertThat(batch(1, "--format", "arrow").stdoutBytes()).isEqualTo(batch.stdoutBytes());
  }

  @Test
  void theTextSummaryIsEveryFilesSummaryUnderItsPath() {
    Map<String, CliRunner.Result> singles = singles("--summary");
    StringBuilder expected = new StringBuilder();
    for (Map.Entry<String, CliRunner.Result> e : singles.entrySet()) {
      if (e.getValue().exitCode() == 0) {
        expected.append(e.getKey()).append(":\n");
        e.getValue().out().lines().forEach(l -> expected.append("  ").append(l).append('\n'));
      }
    }
    CliRunner.Result batch = batch(2, "--summary");
    assertThat(batch.out()).isEqualTo(expected.toString());
    assertFailuresReported(singles, batch);
    assertThat(batch(1, "--summary").stdoutBytes()).isEqualTo(batch.stdoutBytes());
  }

  @Test
  void theJsonSummaryIsOneLinePerFileWithThePathAndTheFilesSummaryDocument() throws Exception {
    Map<String, CliRunner.Result> singles = singles("--summary", "--format", "json");
    CliRunner.Result batch = batch(2, "--summary", "--format", "json");
    List<String> lines = batch.out().lines().toList();
    List<String> ok =
        singles.entrySet().stream()
            .filter(e -> e.getValue().exitCode() == 0)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(lines).hasSameSizeAs(ok);
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode line = (ObjectNode) JSON.readTree(lines.get(i));
      assertThat(line.fieldNames().next()).isEqualTo("path");
      assertThat(line.get("path").asText()).isEqualTo(ok.get(i));
      line.remove("path");
      JsonNode single = JSON.readTree(singles.get(ok.get(i)).out());
      assertThat(line).as(ok.get(i)).isEqualTo(single);
    }
    assertFailuresReported(singles, batch);
    assertThat(batch(1, "--summary", "--format", "json").stdoutBytes())
        .isEqualTo(batch.stdoutBytes());
  }

  @Test
  void theTruncatedRecordingInTheMiddleIsReportedWithItsPathAndOffsetAndTheRestIsWritten() {
    CliRunner.Result batch = batch(2, "--format", "csv", "--columns", "size_bytes");
    assertThat(batch.exitCode()).isEqualTo(ExitCode.MALFORMED);
    assertThat(batch.err())
        .contains(
            "error: ivf/truncated.rrd: truncated ARROW_MSG message: expected 30368 payload bytes,"
                + " found 13799 (message #4 at offset 6185 (0x1829))\n");
    // files sorted before and after it are there
    assertThat(batch.out()).contains("\nivf/av1.ivf,").contains("\nrerun/stream_h264.rrd,");
    assertThat(batch.out()).doesNotContain("ivf/truncated.rrd");
  }
}
