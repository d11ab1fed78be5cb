package dev.rrdvideo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./rrdvideo} launcher (system property {@code rrdvideo.launcher}, set by the
 * failsafe configuration) as a separate process, through bash, so that end-to-end tests see what a
 * user sees: real exit codes, real stdout/stderr bytes, real signals, pipes and devices.
 */
final class Launcher {
  /** What a finished process left. */
  record Result(int exitCode, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private final Path workDir;
  private final Path tmpDir;

  /**
   * @param workDir the working directory of every run
   * @param tmpDir the JVM's {@code java.io.tmpdir} in every run (so tests can see what is left)
   */
  Launcher(Path workDir, Path tmpDir) {
    this.workDir = workDir;
    this.tmpDir = tmpDir;
  }

  static Path launcher() {
    String p = System.getProperty("rrdvideo.launcher");
    if (p == null) {
      throw new IllegalStateException("rrdvideo.launcher is not set (run with mvn verify)");
    }
    return Path.of(p).toAbsolutePath().normalize();
  }

  /**
   * Starts a bash script in which {@code $RRDVIDEO} is the launcher; stdout and stderr go to files
   * in the working directory, stdin comes from /dev/null unless the script redirects it.
   */
  Process start(String script) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.directory(workDir.toFile());
    pb.environment().put("RRDVIDEO", launcher().toString());
    pb.environment().put("RRDVIDEO_NO_BUILD", "1");
    pb.environment().put("RRDVIDEO_JAVA_OPTS", "-Djava.io.tmpdir=" + tmpDir);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectOutput(workDir.resolve(".stdout").toFile());
    pb.redirectError(workDir.resolve(".stderr").toFile());
    return pb.start();
  }

  /** Runs a bash script to completion (at most 120 s). */
  Result sh(String script) throws IOException, InterruptedException {
    Process p = start(script);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + script);
    }
    return new Result(
        p.exitValue(),
        Files.readAllBytes(workDir.resolve(".stdout")),
        Files.readString(workDir.resolve(".stderr")));
  }

  /** Runs {@code rrdvideo ARGS...} (arguments quoted for bash). */
  Result run(String... args) throws IOException, InterruptedException {
    List<String> quoted = new ArrayList<>();
    for (String a : args) {
      quoted.add("'" + a.replace("'", "'\\''") + "'");
    }
    return sh("exec \"$RRDVIDEO\" " + String.join(" ", quoted));
  }

  /** Returns the names of the files in a directory (sorted), excluding the run's own logs. */
  static List<String> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(".stdout") && !n.equals(".stderr"))
          .sorted()
          .toList();
    }
  }
}
