package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./rrdvideo} launcher script itself: found through a symbolic link, a bare name or a
 * relative path with {@code CDPATH} set, and rebuilding the tool exactly when a file it is built
 * from changed (a module's {@code src/main}, a pom), not for tests, benchmarks or the Spark module.
 */
class LauncherScriptIT {
  @TempDir Path dir;
  @TempDir Path tmp;

  @Test
  void worksThroughASymbolicLinkAndAsABareName() throws Exception {
    Launcher rrdvideo = new Launcher(dir, tmp);
    String version = rrdvideo.run("--version").out();
    assertThat(version).startsWith("rrdvideo ");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("rrdvideo"), Launcher.launcher());
    Files.createSymbolicLink(bin.resolve("rv"), bin.resolve("rrdvideo")); // a link to a link
    Launcher.Result linked = rrdvideo.sh("bin/rrdvideo --version");
    assertThat(linked.exitCode()).isZero();
    assertThat(linked.out()).isEqualTo(version);
    Launcher.Result twice = rrdvideo.sh("PATH=\"$PWD/bin:$PATH\" rv --version");
    assertThat(twice.exitCode()).isZero();
    assertThat(twice.out()).isEqualTo(version);
    Launcher.Result bare =
        rrdvideo.sh("cd \"$(dirname \"$RRDVIDEO\")\" && bash rrdvideo --version");
    assertThat(bare.exitCode()).isZero();
    assertThat(bare.out()).isEqualTo(version);
    // reached by a relative path (CHECKOUT/rrdvideo) while CDPATH holds a decoy CHECKOUT directory:
    // the launcher's cd must not go there
    String checkout = Launcher.launcher().getParent().getFileName().toString();
    Files.createDirectories(dir.resolve("decoys").resolve(checkout));
    Launcher.Result cdpath =
        rrdvideo.sh(
            "decoys=\"$PWD/decoys\"; cd \"$(dirname \"$(dirname \"$RRDVIDEO\")\")\""
                + " && CDPATH=\"$decoys\" bash '"
                + checkout
                + "/rrdvideo' --version");
    assertThat(cdpath.exitCode()).as(cdpath.stderr()).isZero();
    assertThat(cdpath.out()).isEqualTo(version);
  }

  @Test
  void rebuildsOnlyWhenASourceOfTheToolIsNewerThanItsJar() throws Exception {
    // a copy of the launcher in a tree of its own, with a jar that is not one and a fake mvn that
    // records that it was asked to build
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("cli/target"));
    Files.copy(Launcher.launcher(), tree.resolve("rrdvideo"));
    Path jar = Files.writeString(tree.resolve("cli/target/rrdvideo.jar"), "not a jar");
    Path main = source(tree, "format/src/main/java/A.java");
    Path test = source(tree, "format/src/test/java/ATest.java");
    Path spark = source(tree, "spark/src/main/java/S.java");
    Path bench = source(tree, "bench/src/main/java/B.java");
    Path benchPom = source(tree, "bench/pom.xml");
    Path sparkPom = source(tree, "spark/pom.xml");
    Path pom = source(tree, "format/pom.xml");
    source(tree, "pom.xml");
    Path bin = Files.createDirectories(dir.resolve("fakebin"));
    Path mvn =
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$@\" > \"$MVN_LOG\"\nexit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path log = dir.resolve("mvn.log");

    Instant now = Instant.now();
    for (Path p :
        new Path[] {main, test, spark, bench, benchPom, sparkPom, pom, tree.resolve("pom.xml")}) {
      Files.setLastModifiedTime(p, FileTime.from(now.minusSeconds(60)));
    }
    Files.setLastModifiedTime(jar, FileTime.from(now.minusSeconds(30)));
    assertThat(runLauncher(tree, bin, log)).doesNotContain("building");
    assertThat(log).doesNotExist();

    for (Path p : new Path[] {test, spark, bench, benchPom, sparkPom}) {
      Files.setLastModifiedTime(p, FileTime.from(now));
    }
    assertThat(runLauncher(tree, bin, log)).doesNotContain("building");
    assertThat(log).doesNotExist();

    for (Path changed : new Path[] {main, pom}) {
      Files.setLastModifiedTime(changed, FileTime.from(now));
      assertThat(runLauncher(tree, bin, log))
          .contains("rrdvideo: building the command-line tool")
          .contains("rrdvideo: build failed");
      assertThat(Files.readString(log)).contains("package -pl cli -am");
      Files.delete(log);
      Files.setLastModifiedTime(changed, FileTime.from(now.minusSeconds(60)));
    }
  }

  private static Path source(Path tree, String relative) throws IOException {
    Path p = tree.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "x");
  }

  /** Runs the copied launcher without class-data sharing; returns its stderr. */
  private String runLauncher(Path tree, Path bin, Path log) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", tree.resolve("rrdvideo").toString(), "--version");
    pb.directory(dir.toFile());
    pb.environment().remove("RRDVIDEO_NO_BUILD");
    pb.environment().put("RRDVIDEO_NO_CDS", "1");
    pb.environment().put("MVN_LOG", log.toString());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(dir.resolve("launcher.err").toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("launcher timed out");
    }
    return Files.readString(dir.resolve("launcher.err"));
  }
}
