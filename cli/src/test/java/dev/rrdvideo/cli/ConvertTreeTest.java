package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.inspect.SampleColumns;
import dev.rrdvideo.testdata.Fixtures;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert DIR_IN DIR_OUT}: every file's output is what {@code convert} makes of that file
 * alone, at the same place in the output tree; failures are reported with their path and the rest
 * converted; outputs newer than their inputs are skipped unless {@code --force}; the tally and the
 * worst exit code; the options that cannot apply to a directory are refused.
 */
class ConvertTreeTest {
  @TempDir Path tmp;

  /** Every sample column but the chunk id (a new id per write), with hashes of the payloads. */
  private static final String COLUMNS =
      Arrays.stream(SampleColumns.Column.values())
          .filter(c -> c != SampleColumns.Column.CHUNK_ID)
          .map(SampleColumns.Column::columnName)
          .collect(Collectors.joining(","));

  private static String samples(Path file) {
    CliRunner.Result r =
        CliRunner.run("inspect", file.toString(), "--format", "csv", "--columns", COLUMNS);
    assertThat(r.exitCode()).as(file + ": " + r.err()).isZero();
    return r.out();
  }

  private Path fleet() throws Exception {
    Path in = tmp.resolve("in");
    for (String name : Fixtures.all()) {
      if (BatchInputs.MEDIA.test(name)) {
        Path to = in.resolve(name);
        Files.createDirectories(to.getParent());
        Files.copy(TestData.path(name), to);
      }
    }
    Files.write(
        in.resolve("ivf/truncated.rrd"),
        Arrays.copyOf(TestData.bytes("rerun/stream_h264.rrd"), 20_000));
    return in;
  }

  @Test
  void everyOutputIsWhatConvertMakesOfItsFileAloneAtTheSamePlace() throws Exception {
    Path in = fleet();
    Path out = tmp.resolve("out");
    CliRunner.Result batch = CliRunner.run("convert", in.toString(), out.toString(), "-j", "2");
    List<BatchInputs.Item> items =
        BatchInputs.expand(List.of(in.toString()), null, BatchInputs.MEDIA);
    int worst = 0;
    int converted = 0;
    int failed = 0;
    for (BatchInputs.Item item : items) {
      String rel = ConvertTree.outputPath(item, null);
      Path single = tmp.resolve("single").resolve(rel);
      Files.createDirectories(single.getParent());
      CliRunner.Result s = CliRunner.run("convert", item.file().toString(), single.toString());
      worst = BatchRunner.worse(worst, s.exitCode());
      Path mine = out.resolve(rel);
      if (s.exitCode() != 0) {
        failed++;
        assertThat(mine).as(rel).doesNotExist();
        assertThat(batch.err()).contains("error: " + item.path() + ": ");
        continue;
      }
      converted++;
      assertThat(mine).as(rel).exists();
      if (rel.endsWith(".mp4")) {
        assertThat(Files.readAllBytes(mine)).as(rel).isEqualTo(Files.readAllBytes(single));
      } else {
        assertThat(samples(mine)).as(rel).isEqualTo(samples(single));
      }
    }
    assertThat(converted).isGreaterThan(40);
    assertThat(failed).isGreaterThanOrEqualTo(6);
    assertThat(batch.exitCode()).isEqualTo(worst);
    assertThat(batch.err())
        .contains(
            "error: ivf/truncated.rrd: truncated ARROW_MSG message: expected 30368 payload bytes,"
                + " found 13799 (message #4 at offset 6185 (0x1829)")
        .endsWith(
            items.size()
                + " files: "
                + converted
                + " converted, 0 skipped, "
                + failed
                + " failed\n");
    // one worker: the same messages in the same order, the same MP4 bytes
    Path out1 = tmp.resolve("out1");
    CliRunner.Result one = CliRunner.run("convert", in.toString(), out1.toString(), "-j", "1");
    assertThat(one.err().replace(out1.toString(), out.toString())).isEqualTo(batch.err());
    for (BatchInputs.Item item : items) {
      String rel = ConvertTree.outputPath(item, null);
      if (rel.endsWith(".mp4") && Files.exists(out.resolve(rel))) {
        assertThat(Files.readAllBytes(out1.resolve(rel)))
            .isEqualTo(Files.readAllBytes(out.resolve(rel)));
      }
    }
    // no temporary file is left in the output tree
    try (var files = Files.walk(out)) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".partial"));
    }
  }

  @Test
  void outputsNewerThanTheirInputAreSkippedUnlessForced() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in.resolve("a"));
    Files.copy(TestData.path("mp4/h264_base.mp4"), in.resolve("a/b.mp4"));
    Files.copy(TestData.path("ivf/vp9.ivf"), in.resolve("c.ivf"));
    Files.copy(TestData.path("rerun/stream_h264.rrd"), in.resolve("d.rrd"));
    Path out = tmp.resolve("out");
    CliRunner.Result first = CliRunner.run("convert", in.toString(), out.toString(), "-j", "1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err())
        .isEqualTo(
            "converted 30 h264 samples (3 keyframes) to /b.mp4 in "
                + out
                + "/a/b.rrd\n"
                + "converted 30 vp9 samples (2 keyframes) to /c.ivf in "
                + out
                + "/c.rrd\n"
                + "converted 30 h264 samples (2 keyframes) to /camera/video in "
                + out
                + "/d.mp4\n"
                + "3 files: 3 converted, 0 skipped, 0 failed\n");
    // the outputs are now newer than their inputs
    Instant old = Instant.parse("2020-01-01T00:00:00Z");
    for (String f : List.of("a/b.mp4", "c.ivf", "d.rrd")) {
      Files.setLastModifiedTime(in.resolve(f), FileTime.from(old));
    }
    byte[] before = Files.readAllBytes(out.resolve("a/b.rrd"));
    CliRunner.Result again = CliRunner.run("convert", in.toString(), out.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.err())
        .isEqualTo(
            "3 files: 0 converted, 3 skipped, 0 failed (skipped: outputs newer than their input;"
                + " --force converts them)\n");
    assertThat(Files.readAllBytes(out.resolve("a/b.rrd"))).isEqualTo(before);
    // an input changed after its output was written is converted again
    Files.setLastModifiedTime(out.resolve("c.rrd"), FileTime.from(old.minusSeconds(60)));
    CliRunner.Result changed = CliRunner.run("convert", in.toString(), out.toString(), "-q");
    assertThat(changed.exitCode()).isZero();
    assertThat(changed.err()).isEmpty();
    assertThat(Files.getLastModifiedTime(out.resolve("c.rrd")).toInstant()).isAfter(old);
    CliRunner.Result forced = CliRunner.run("convert", in.toString(), out.toString(), "--force");
    assertThat(forced.err()).endsWith("3 files: 3 converted, 0 skipped, 0 failed\n");
  }

  @Test
  void withToEveryOutputHasThatTypeAndTwoInputsWithOneOutputAreRefused() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Files.copy(TestData.path("rerun/stream_h264.rrd"), in.resolve("cam.rrd"));
    Files.copy(TestData.path("mp4/h264_base.mp4"), in.resolve("clip.mov"));
    Files.copy(TestData.path("mp4/h264_base.mp4"), in.resolve("clip.mp4"));
    Path out = tmp.resolve("out");
    CliRunner.Result r =
        CliRunner.run("convert", in.toString(), out.toString(), "--glob", "*.rrd", "--to", "h264");
    assertThat(r.exitCode()).as(r.err()).isZero();
    CliRunner.Result single =
        CliRunner.run(
            "convert", in.resolve("cam.rrd").toString(), tmp.resolve("cam.h264").toString());
    assertThat(single.exitCode()).isZero();
    assertThat(Files.readAllBytes(out.resolve("cam.h264")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("cam.h264")));
    CliRunner.Result clash =
        CliRunner.run("convert", in.toString(), out.toString(), "--glob", "clip.*");
    assertThat(clash.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(clash.err())
        .contains(
            "error: clip.mp4: its output clip.rrd is already the output of clip.mov; not converted\n")
        .endsWith("2 files: 1 converted, 0 skipped, 1 failed\n");
  }

  @Test
  void optionsThatCannotApplyToADirectoryAreRefused() throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in.resolve("sub"));
    Files.copy(TestData.path("mp4/h264_base.mp4"), in.resolve("a.mp4"));
    Path file = tmp.resolve("file.rrd");
    Files.writeString(file, "x");
    List<String[]> refused = new ArrayList<>();
    refused.add(new String[] {"convert", in.toString(), in.resolve("sub").toString()});
    refused.add(new String[] {"convert", in.toString(), in.toString()});
    refused.add(new String[] {"convert", in.toString(), file.toString()});
    refused.add(new String[] {"convert", in.toString(), "-"});
    refused.add(
        new String[] {
          "convert", in.toString(), tmp.resolve("o").toString(), "--recording-id", "r"
        });
    refused.add(
        new String[] {"convert", in.toString(), tmp.resolve("o").toString(), "--from", "mp4"});
    refused.add(
        new String[] {
          "convert", in.resolve("a.mp4").toString(), tmp.resolve("x.rrd").toString(), "--force"
        });
    refused.add(
        new String[] {
          "convert", in.resolve("a.mp4").toString(), tmp.resolve("x.rrd").toString(), "-j", "2"
        });
    for (String[] args : refused) {
      CliRunner.Result r = CliRunner.run(args);
      assertThat(r.exitCode())
          .as(String.join(" ", args) + ": " + r.err())
          .isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).startsWith("error: ");
    }
    assertThat(tmp.resolve("o")).doesNotExist();
    assertThat(tmp.resolve("x.rrd")).doesNotExist();
    // a missing output directory is created, but not its missing parents
    CliRunner.Result deep =
        CliRunner.run("convert", in.toString(), tmp.resolve("no/such/dir").toString());
    assertThat(deep.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(deep.err()).startsWith("error: output directory does not exist: ");
  }
}
