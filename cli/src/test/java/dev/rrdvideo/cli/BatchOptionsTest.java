package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.inspect.SampleColumns;
import dev.rrdvideo.inspect.SampleTableWriter;
import dev.rrdvideo.inspect.TableWriter;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch options' values and refusals, and the shape of a batch's table. */
class BatchOptionsTest {
  @TempDir Path dir;

  @Test
  void aBatchWithNoFileToReadIsAnIoError() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "x");
    for (String command : List.of("inspect", "check", "verify")) {
      CliRunner.Result r = CliRunner.run(command, dir.toString());
      assertThat(r.exitCode()).as(command).isEqualTo(ExitCode.IO);
      assertThat(r.err()).as(command).startsWith("error: no input files: " + dir + " holds no ");
    }
    CliRunner.Result glob = CliRunner.run("inspect", dir.toString(), "--glob", "*.rrd");
    assertThat(glob.err()).contains("whose name matches --glob '*.rrd'");
    CliRunner.Result convert =
        CliRunner.run("convert", dir.toString(), dir.resolve("../o").toString());
    assertThat(convert.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(convert.err()).startsWith("error: no input files: ");
  }

  @Test
  void jobsAreOneTo256AndTheBatchOptionsAreRefusedForOneFile() throws Exception {
    Files.copy(TestData.path("ivf/vp9.ivf"), dir.resolve("a.ivf"));
    for (String j : List.of("0", "257")) {
      CliRunner.Result r = CliRunner.run("inspect", dir.toString(), "-j", j);
      assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).isEqualTo("error: -j must be 1 to 256 files at once, not " + j + "\n");
    }
    assertThat(CliRunner.run("inspect", dir.toString(), "-j", "256").exitCode()).isZero();
    String one = dir.resolve("a.ivf").toString();
    for (String command : List.of("inspect", "check", "verify")) {
      CliRunner.Result glob = CliRunner.run(command, one, "--glob", "*.ivf");
      assertThat(glob.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(glob.err())
          .isEqualTo(
              "error: --glob does not apply here: it chooses files in directories (the input is"
                  + " one file, not a directory)\n");
      CliRunner.Result jobs = CliRunner.run(command, one, "-j", "2");
      assertThat(jobs.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(jobs.err())
          .isEqualTo(
              "error: -j does not apply here: it processes several files at once (the input is one"
                  + " file)\n");
    }
  }

  @Test
  void theBatchTableLeadsWithThePathColumnAndKeepsItFirstWhenAPrettyTableMustFit()
      throws Exception {
    List<TableWriter.ColumnSpec> seen = new ArrayList<>();
    int[][] keep = new int[1][];
    BatchTables.Merged merged =
        new BatchTables.Merged(
            (columns, schema, keepOrder) -> {
              seen.addAll(columns);
              keep[0] = keepOrder;
              assertThat(schema).isEqualTo(SampleColumns.SCHEMA);
              return new BatchTables.Recorder(java.io.OutputStream.nullOutputStream(), 1);
            });
    List<SampleColumns.Column> columns =
        List.of(
            SampleColumns.Column.ENTITY,
            SampleColumns.Column.SAMPLE_INDEX,
            SampleColumns.Column.SIZE_BYTES);
    new SampleTableWriter(columns, merged.factory()).close();
    assertThat(seen)
        .containsExactly(
            new TableWriter.ColumnSpec("path", SampleColumns.Type.STRING),
            new TableWriter.ColumnSpec("entity", SampleColumns.Type.STRING),
            new TableWriter.ColumnSpec("sample_index", SampleColumns.Type.INT64),
            new TableWriter.ColumnSpec("size_bytes", SampleColumns.Type.INT64));
    // path, then the sample table's own order (index and size before where a sample comes from)
    assertThat(keep[0]).containsExactly(0, 2, 3, 1);
  }
}
