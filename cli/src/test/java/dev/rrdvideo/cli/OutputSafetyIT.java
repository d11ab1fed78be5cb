package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promises about outputs, tested through the real launcher in real processes: no
 * partial output after a signal or a failure, special files (devices, FIFOs, process substitution,
 * symlinks) written as what they are, write errors on stdout reported, a closed pipe ending the
 * work quietly.
 */
class OutputSafetyIT {
  @TempDir Path dir;
  @TempDir Path tmp;
  private Launcher rrdvideo;

  @BeforeEach
  void setUp() throws Exception {
    rrdvideo = new Launcher(dir, tmp);
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("clip.mp4"));
    Files.copy(TestData.path("annexb/h264.h264"), dir.resolve("clip.h264"));
    Files.copy(TestData.path("rerun/stream_h264.rrd"), dir.resolve("rec.rrd"));
  }

  /** The pid of the JVM a script started ({@code exec}), once it has created {@code file}. */
  private void awaitFile(Process p, String suffix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Launcher.list(dir).stream().anyMatch(n -> n.endsWith(suffix))) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError(
            "exited " + p.exitValue() + " before creating *" + suffix + ": " + stderr());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no *" + suffix + " appeared");
  }

  private String stderr() throws Exception {
    return Files.readString(dir.resolve(".stderr"));
  }

  private static boolean ignores(long pid, int signal) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
        return (mask & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }

  private static void kill(long pid, String signal) throws Exception {
    Process k = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start();
    assertThat(k.waitFor()).isZero();
  }

  /**
   * Converts a raw stream from a stdin that never ends (the pipe stays open), so the run is caught
   * in the middle with its temporary output open, then sends the signal.
   */
  private void interruptedConvertLeavesNothing(String signal, int signalNumber) throws Exception {
    Process p =
        rrdvideo.start(
            "exec \"$RRDVIDEO\" convert - out.rrd --from h264 < <(cat clip.h264; sleep 60)");
    awaitFile(p, ".partial");
    assumeThat(ignores(p.pid(), signalNumber))
        .as(
            "SIG%s is ignored in this environment (a background job), so it cannot stop a run",
            signal)
        .isFalse();
    kill(p.pid(), signal);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(128 + signalNumber);
    assertThat(Launcher.list(dir)).containsExactly("clip.h264", "clip.mp4", "rec.rrd");
    assertThat(Launcher.list(tmp)).isEmpty();
  }

  @Test
  void sigtermDuringConvertLeavesNoPartialFile() throws Exception {
    interruptedConvertLeavesNothing("TERM", 15);
  }

  @Test
  void sigintDuringConvertLeavesNoPartialFile() throws Exception {
    interruptedConvertLeavesNothing("INT", 2);
  }

  @Test
  void sighupDuringConvertLeavesNoPartialFile() throws Exception {
    interruptedConvertLeavesNothing("HUP", 1);
  }

  @Test
  void sigtermWhileSpoolingStdinLeavesNoTemporaryFile() throws Exception {
    // an MP4 on stdin is spooled to a temporary file first (its index may come last)
    Process p =
        rrdvideo.start(
            "exec \"$RRDVIDEO\" convert - out.rrd --from mp4 < <(cat clip.mp4; sleep 60)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Launcher.list(tmp).stream().noneMatch(n -> n.startsWith("rrdvideo-stdin-"))) {
      assertThat(System.nanoTime()).as("spool directory never appeared").isLessThan(deadline);
      assertThat(p.isAlive()).as("exited early").isTrue();
      Thread.sleep(20);
    }
    kill(p.pid(), "TERM");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(143);
    assertThat(Launcher.list(tmp)).isEmpty();
    assertThat(Launcher.list(dir)).containsExactly("clip.h264", "clip.mp4", "rec.rrd");
  }

  @Test
  void sigtermDuringDemoLeavesNoPartialFile() throws Exception {
    Process p = rrdvideo.start("exec \"$RRDVIDEO\" demo -o demo.rrd --seconds 60");
    awaitFile(p, ".partial");
    kill(p.pid(), "TERM");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(143);
    assertThat(Launcher.list(dir)).containsExactly("clip.h264", "clip.mp4", "rec.rrd");
  }

  @Test
  void aDeviceIsWrittenNeverReplaced() throws Exception {
    Launcher.Result full = rrdvideo.run("convert", "clip.mp4", "/dev/full", "--to", "rrd");
    assertThat(full.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(full.stderr()).isEqualTo("error: cannot write /dev/full: No space left on device\n");
    assertThat(rrdvideo.sh("test -c /dev/full && test -c /dev/null").exitCode()).isZero();
    Launcher.Result nul = rrdvideo.run("convert", "clip.mp4", "/dev/null", "--to", "rrd");
    assertThat(nul.exitCode()).as(nul.stderr()).isZero();
    assertThat(rrdvideo.sh("test -c /dev/null").exitCode()).isZero();
    assertThat(Launcher.list(dir)).containsExactly("clip.h264", "clip.mp4", "rec.rrd");
  }

  @Test
  void aFifoIsStreamedInto() throws Exception {
    Launcher.Result r =
        rrdvideo.sh(
            "mkfifo pipe.rrd && { cat pipe.rrd > got.rrd & } && \"$RRDVIDEO\" convert clip.mp4"
                + " pipe.rrd && wait && test -p pipe.rrd");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Launcher.Result d = rrdvideo.run("diff", "clip.mp4", "got.rrd");
    assertThat(d.exitCode()).as(d.out()).isZero();
    assertThat(Launcher.list(dir))
        .doesNotContain("pipe.rrd.partial")
        .noneMatch(n -> n.endsWith(".partial"));
  }

  @Test
  void processSubstitutionIsStreamedInto() throws Exception {
    Launcher.Result r =
        rrdvideo.sh(
            "\"$RRDVIDEO\" convert clip.mp4 >(cat > got.rrd) --to rrd; s=$?; wait; exit $s");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).doesNotContain("no such file");
    Launcher.Result d = rrdvideo.run("diff", "clip.mp4", "got.rrd");
    assertThat(d.exitCode()).as(d.out()).isZero();
  }

  @Test
  void aSymlinkKeepsPointingAtTheWrittenFile() throws Exception {
    Files.createDirectory(dir.resolve("real"));
    Files.writeString(dir.resolve("real/target.rrd"), "old contents");
    Files.createSymbolicLink(dir.resolve("link.rrd"), Path.of("real/target.rrd"));
    Launcher.Result r = rrdvideo.run("convert", "clip.mp4", "link.rrd");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(Files.isSymbolicLink(dir.resolve("link.rrd"))).isTrue();
    assertThat(Files.readSymbolicLink(dir.resolve("link.rrd")))
        .isEqualTo(Path.of("real/target.rrd"));
    assertThat(rrdvideo.run("diff", "clip.mp4", "real/target.rrd").exitCode()).isZero();
    assertThat(Launcher.list(dir.resolve("real"))).containsExactly("target.rrd");
    // a dangling link: its target is created
    Files.createSymbolicLink(dir.resolve("dangling.rrd"), Path.of("real/new.rrd"));
    assertThat(rrdvideo.run("convert", "clip.mp4", "dangling.rrd").exitCode()).isZero();
    assertThat(Files.isSymbolicLink(dir.resolve("dangling.rrd"))).isTrue();
    assertThat(rrdvideo.run("verify", "real/new.rrd").exitCode()).isZero();
  }

  @Test
  void stdoutWriteErrorsAreExitFive() throws Exception {
    String[][] commands = {
      {"convert", "clip.mp4", "-", "--to", "rrd"},
      {"inspect", "clip.mp4", "--format", "csv"},
      {"print", "rec.rrd"},
      {"check", "clip.mp4"},
    };
    for (String[] c : commands) {
      StringBuilder s = new StringBuilder("exec \"$RRDVIDEO\"");
      for (String a : c) {
        s.append(' ').append(a);
      }
      Launcher.Result r = rrdvideo.sh(s + " > /dev/full");
      assertThat(r.exitCode()).as(String.join(" ", c) + ": " + r.stderr()).isEqualTo(ExitCode.IO);
      assertThat(r.stderr())
          .as(String.join(" ", c))
          .isEqualTo("error: cannot write standard output: No space left on device\n");
    }
  }

  @Test
  void aClosedPipeEndsTheWorkQuietly() throws Exception {
    // 200 copies of a 30-frame stream: 6000 rows, far more than a pipe buffer holds
    rrdvideo.sh("for i in $(seq 200); do cat clip.h264; done > long.h264");
    Launcher.Result r =
        rrdvideo.sh(
            "\"$RRDVIDEO\" inspect long.h264 --format csv | head -n 2; exit ${PIPESTATUS[0]}");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(r.out().split("\n")).hasSize(2);
    Launcher.Result bytes =
        rrdvideo.sh(
            "\"$RRDVIDEO\" convert long.h264 - --to rrd | head -c 100 > /dev/null;"
                + " exit ${PIPESTATUS[0]}");
    assertThat(bytes.exitCode()).as(bytes.stderr()).isZero();
    assertThat(bytes.stderr()).isEmpty();
  }

  @Test
  void permissionErrorsNameThePathTheUserGave() throws Exception {
    // root may write anywhere: run as nobody then (the files must be reachable for nobody)
    boolean root = "0".equals(rrdvideo.sh("id -u").out().strip());
    String asUser = root ? "setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp " : "";
    assumeThat(!root || rrdvideo.sh("command -v setpriv").exitCode() == 0)
        .as("setpriv is needed to drop root")
        .isTrue();
    Path open = Files.createTempDirectory(Path.of("/tmp"), "rrdvideo-perm");
    try {
      Files.setPosixFilePermissions(
          open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.copy(dir.resolve("clip.mp4"), open.resolve("clip.mp4"));
      Path ro = Files.createDirectory(open.resolve("ro"));
      Files.setPosixFilePermissions(
          ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
      Files.writeString(open.resolve("old.rrd"), "keep me");
      Files.setPosixFilePermissions(
          open.resolve("old.rrd"),
          java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
      Launcher.Result r =
          rrdvideo.sh("cd " + open + " && " + asUser + "\"$RRDVIDEO\" convert clip.mp4 ro/out.rrd");
      assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCode.IO);
      assertThat(r.stderr())
          .isEqualTo(
              "error: permission denied: ro/out.rrd (no permission to create files in "
                  + ro.toRealPath()
                  + ")\n");
      Launcher.Result old =
          rrdvideo.sh("cd " + open + " && " + asUser + "\"$RRDVIDEO\" convert clip.mp4 old.rrd");
      assertThat(old.exitCode()).isEqualTo(ExitCode.IO);
      assertThat(old.stderr())
          .isEqualTo("error: permission denied: old.rrd (the file is not writable)\n");
      assertThat(Files.readString(open.resolve("old.rrd"))).isEqualTo("keep me");
      assertThat(Launcher.list(ro)).isEmpty();
    } finally {
      rrdvideo.sh("chmod -R u+w " + open + " && rm -rf " + open);
    }
  }

  @Test
  void aMissingOutputDirectoryIsAnErrorNotCreated() throws Exception {
    Launcher.Result r = rrdvideo.run("convert", "clip.mp4", "typo/out.rrd");
    assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(r.stderr()).startsWith("error: output directory does not exist: ");
    assertThat(Launcher.list(dir)).containsExactly("clip.h264", "clip.mp4", "rec.rrd");
  }
}
