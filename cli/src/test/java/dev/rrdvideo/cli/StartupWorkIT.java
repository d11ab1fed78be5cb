package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up work that a short run must not do, checked through the real launcher with the JVM's
 * class-loading log (deterministic, unlike a timing): no record's generated {@code equals}/{@code
 * hashCode}/{@code toString} bootstrapped ({@code java.lang.runtime.ObjectMethods}, a few ms each
 * record class), no {@code SecureRandom} (the security providers' set-up), and java.util.logging
 * configured by {@link QuietLogging} rather than by reading the JDK's logging.properties, no
 * class-path scan by Arrow for its allocation manager ({@link StartupDefaults}), no locale number
 * symbols for a {@code printf("%d")} of a summary line. The numbers behind each are in
 * bench/README.md.
 */
class StartupWorkIT {
  @TempDir Path dir;
  @TempDir Path tmp;

  @Test
  void commonCommandsSkipTheExpensiveStartUpPaths() throws Exception {
    Launcher rrdvideo = new Launcher(dir, tmp);
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("clip.mp4"));
    assertThat(rrdvideo.run("convert", "clip.mp4", "clip.rrd").exitCode()).isZero();
    List<List<String>> runs =
        List.of(
            List.of("--version"),
            List.of("inspect", "clip.mp4", "--format", "csv"),
            List.of("inspect", "clip.rrd", "--format", "csv"),
            List.of("inspect", "clip.rrd", "--summary"),
            List.of("check", "clip.rrd"),
            List.of("verify", "clip.rrd"),
            List.of("convert", "clip.mp4", "again.rrd"),
            List.of("convert", "clip.rrd", "again.mp4"));
    for (List<String> args : runs) {
      Path log = dir.resolve("classes.log");
      Files.deleteIfExists(log);
      StringBuilder script =
          new StringBuilder(
              "RRDVIDEO_JAVA_OPTS=\"$RRDVIDEO_JAVA_OPTS -Xlog:class+load:file=classes.log\""
                  + " exec \"$RRDVIDEO\"");
      for (String a : args) {
        script.append(' ').append(a);
      }
      Launcher.Result r = rrdvideo.sh(script.toString());
      assertThat(r.exitCode()).as("%s: %s", args, r.stderr()).isZero();
      // nothing of a library's own start-up reporting reaches the user
      assertThat(r.stderr()).as("%s", args).doesNotContain("SLF4J").doesNotContain("WARNING");
      String loaded = Files.readString(log);
      assertThat(loaded).as("%s loads classes", args).contains(" dev.rrdvideo.cli.Main ");
      assertThat(loaded)
          .as("%s", args)
          .doesNotContain(" java.lang.runtime.ObjectMethods ")
          .doesNotContain(" java.security.SecureRandom ")
          .doesNotContain(" org.apache.arrow.memory.CheckAllocator ");
      if (!args.contains("--summary")) {
        // the summary prints decimals (Locale.ROOT); the others print integers without Formatter's
        // locale lookup of number symbols
        assertThat(loaded).as("%s", args).doesNotContain(" java.text.DecimalFormatSymbols ");
      }
      if (loaded.contains(" java.util.logging.LogManager ")) {
        assertThat(loaded).as("%s", args).contains(" dev.rrdvideo.cli.QuietLogging ");
      }
      Files.deleteIfExists(dir.resolve("again.rrd"));
      Files.deleteIfExists(dir.resolve("again.mp4"));
    }
  }
}
