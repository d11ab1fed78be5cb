package dev.rrdvideo.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The training run behind the launcher's class-data-sharing archive: runs the common commands
 * in-process on a small MP4, so that the classes every command loads are recorded once ({@code
 * -XX:DumpLoadedClassList}) and later runs of any command map them from the archive instead of
 * loading and verifying them again. Started as {@code java -Drrdvideo.cds-training=1 -jar
 * rrdvideo.jar MP4 DIR} (see {@link Main#CDS_TRAINING_PROPERTY}), the way users start the tool. Not
 * a user command; its outputs go to a scratch directory and are discarded.
 */
final class CdsTraining {
  private CdsTraining() {}

  /**
   * Runs the training and returns the exit code: 0 when every command succeeded.
   *
   * @param args {@code MP4 DIR}: a small MP4 and a scratch directory
   */
  static int train(String[] args) {
    if (args.length != 2) {
      return ExitCode.USAGE;
    }
    String mp4 = args[0];
    Path dir = Path.of(args[1]);
    String rrd = dir.resolve("train.rrd").toString();
    String stored = dir.resolve("train-stored.rrd").toString();
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
    Io.redirectStdout(OutputStream.nullOutputStream());
    String[][] runs = {
      {"--version"},
      {"convert", mp4, rrd},
      {"convert", rrd, dir.resolve("train.mp4").toString()},
      {"inspect", rrd},
      {"inspect", mp4, "--format", "csv"},
      {"inspect", rrd, "--summary"},
      // chunks stored uncompressed, read without their samples' bytes (container columns)
      {"convert", mp4, stored, "--compression", "none"},
      {"inspect", stored, "--format", "csv", "--columns", "pts,dts_ns,duration_ns,size_bytes"},
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
    // the outputs are left in DIR: the launcher removes the whole scratch directory
    return failures == 0 ? ExitCode.OK : ExitCode.INTERNAL;
  }
}
