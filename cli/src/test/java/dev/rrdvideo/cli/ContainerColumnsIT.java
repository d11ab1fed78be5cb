package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.Csv;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/inspect.md promises of {@code --columns} with container columns only, through the real
 * launcher on a real camera file converted with {@code --compression auto} (its video chunk stored
 * uncompressed: read without the samples' bytes) and {@code lz4} (read whole): the CSV is the one
 * of the full read, which {@code --hash} forces (the hash needs every sample's bytes) and whose
 * {@code sha256} column is dropped here, and the same columns of the table with every column.
 */
class ContainerColumnsIT {
  private static final String COLUMNS = "pts,dts_ns,duration_ns,size_bytes,keyframe_declared";

  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() throws Exception {
    rrdvideo = new Launcher(dir, tmp);
    Files.copy(TestData.path("realworld/gopro_karma_cut4.mp4"), dir.resolve("karma.mp4"));
  }

  private String out(String... args) throws Exception {
    Launcher.Result r = rrdvideo.run(args);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.out();
  }

  @Test
  void containerColumnsAreTheFullReadsColumns() throws Exception {
    for (String compression : List.of("auto", "lz4")) {
      String rrd = compression + ".rrd";
      out("convert", "karma.mp4", rrd, "--compression", compression);
      String partial = out("inspect", rrd, "--columns", COLUMNS, "--format", "csv");
      String hashed = out("inspect", rrd, "--columns", COLUMNS, "--hash", "--format", "csv");
      String all = out("inspect", rrd, "--format", "csv");
      assertThat(partial.lines().count()).as(compression).isEqualTo(5); // header, 4 samples
      assertThat(partial).as(compression).isEqualTo(dropLastColumn(hashed));
      assertThat(partial).as(compression).isEqualTo(project(all, COLUMNS.split(",")));
    }
  }

  /**
   * A recording cut inside its samples' bytes: the cut is reported the same with and without {@code
   * --columns} (opening it scans the whole file, the footer being gone), and by {@code check} and
   * {@code verify}.
   */
  @Test
  void aRecordingCutInsideItsSamplesIsReportedWithOrWithoutColumns() throws Exception {
    out("convert", "karma.mp4", "none.rrd", "--compression", "none");
    byte[] whole = Files.readAllBytes(dir.resolve("none.rrd"));
    assertThat(whole.length).isGreaterThan(40_000); // the first sample alone has 55,093 bytes
    Files.write(dir.resolve("cut.rrd"), java.util.Arrays.copyOf(whole, 30_000));
    String cut = "truncated ARROW_MSG message: expected ";
    Launcher.Result partial = rrdvideo.run("inspect", "cut.rrd", "--columns", COLUMNS);
    Launcher.Result full = rrdvideo.run("inspect", "cut.rrd");
    assertThat(partial.exitCode()).isEqualTo(ExitCode.MALFORMED).isEqualTo(full.exitCode());
    assertThat(partial.stderr()).contains(cut).isEqualTo(full.stderr());
    Launcher.Result check = rrdvideo.run("check", "cut.rrd");
    assertThat(check.exitCode()).isNotZero();
    assertThat(check.out() + check.stderr()).contains(cut);
    Launcher.Result verify = rrdvideo.run("verify", "cut.rrd");
    assertThat(verify.exitCode()).isNotZero();
    assertThat(verify.out() + verify.stderr()).contains("truncated ARROW_MSG message");
  }

  private static String dropLastColumn(String csv) {
    StringBuilder b = new StringBuilder();
    for (String line : csv.lines().toList()) {
      b.append(line, 0, line.lastIndexOf(',')).append('\n');
    }
    return b.toString();
  }

  /** The named columns of a CSV table (whose cells of those columns need no quotes), in order. */
  private static String project(String csv, String... names) {
    List<List<String>> lines = Csv.parse(csv);
    List<String> header = lines.get(0);
    List<Integer> at = new ArrayList<>();
    for (String n : names) {
      assertThat(header).contains(n);
      at.add(header.indexOf(n));
    }
    StringBuilder b = new StringBuilder();
    for (List<String> cells : lines) {
      for (int i = 0; i < at.size(); i++) {
        b.append(i == 0 ? "" : ",").append(cells.get(at.get(i)));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
