package dev.rrdvideo.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run behind the launcher's class-data-sharing archive: runs the common commands
 * in-process on a small MP4, so that the classes every command loads are recorded once ({@code
 * -XX:ArchiveClassesAtExit}) and later runs of any command map them instead of loading and
 * verifying them again. Not a user command; its outputs go to a scratch directory and are
 * discarded.
 */
final class CdsTraining {
  private CdsTraining() {}

  /**
   * Arguments: a small MP4 and a scratch directory.
   *
   * @param args {@code MP4 DIR}
   */
  public static void main(String[] args) throws Exception {
    String mp4 = args[0];
    Path dir = Path.of(args[1]);
    String rrd = dir.resolve("train.rrd").toString();
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
    Io.redirectStdout(OutputStream.nullOutputStream());
    String[][] runs = {
      {"convert", mp4, rrd},
      {"convert", rrd, dir.resolve("train.mp4").toString()},
      {"inspect", rrd},
      {"inspect", mp4, "--format", "csv"},
      {"inspect", rrd, "--summary"},
      {"check", rrd},
      {"print", rrd},
      {"verify", rrd},
      {"diff", mp4, rrd},
      {"--help"},
    };
    int failures = 0;
    for (String[] run : runs) {
      if (Main.run(run, sink, sink) != ExitCode.OK) {
        failures++;
      }
    }
    Files.deleteIfExists(Path.of(rrd));
    Files.deleteIfExists(dir.resolve("train.mp4"));
    System.exit(failures == 0 ? 0 : 1);
  }
}
