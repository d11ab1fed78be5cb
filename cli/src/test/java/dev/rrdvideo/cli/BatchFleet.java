package dev.rrdvideo.cli;

import dev.rrdvideo.testdata.Fixtures;
import dev.rrdvideo.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory of every media fixture plus a recording cut off inside a message (sorted into the
 * middle), and the runs the batch tests compare: one command on each file alone, and the same
 * command on the whole directory.
 */
final class BatchFleet {
  private final Path root;
  private final List<String> files = new ArrayList<>();

  private BatchFleet(Path root) {
    this.root = root;
  }

  /** Copies the fixtures into {@code root}. */
  static BatchFleet create(Path root) throws IOException {
    BatchFleet fleet = new BatchFleet(root);
    for (String name : Fixtures.all()) {
      if (BatchInputs.MEDIA.test(name)) {
        Path to = root.resolve(name);
        Files.createDirectories(to.getParent());
        Files.copy(TestData.path(name), to);
        fleet.files.add(name);
      }
    }
    byte[] whole = TestData.bytes("rerun/stream_h264.rrd");
    Files.write(root.resolve("ivf/truncated.rrd"), Arrays.copyOf(whole, 20_000));
    fleet.files.add("ivf/truncated.rrd");
    fleet.files.sort(null);
    return fleet;
  }

  Path root() {
    return root;
  }

  /** Every file of the batch by its path below the root, sorted. */
  List<String> files() {
    return files;
  }

  /** {@code COMMAND FILE ARGS} on each file alone, by path. */
  Map<String, CliRunner.Result> singles(String command, List<String> args) {
    Map<String, CliRunner.Result> out = new LinkedHashMap<>();
    for (String f : files) {
      List<String> a = new ArrayList<>(List.of(command, root.resolve(f).toString()));
      a.addAll(args);
      out.put(f, CliRunner.run(a.toArray(String[]::new)));
    }
    return out;
  }

  /** {@code COMMAND ROOT -j JOBS ARGS}. */
  CliRunner.Result batch(String command, int jobs, List<String> args) {
    List<String> a = new ArrayList<>(List.of(command, root.toString(), "-j", "" + jobs));
    a.addAll(args);
    return CliRunner.run(a.toArray(String[]::new));
  }

  /** The worst exit code of the single runs, as the batch should exit. */
  static int worst(Map<String, CliRunner.Result> singles) {
    int worst = 0;
    for (CliRunner.Result r : singles.values()) {
      worst = BatchRunner.worse(worst, r.exitCode());
    }
    return worst;
  }
}
