package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/live.md's {@code rrdvideo convert IN - --connect URL}, through the real launcher in real
 * processes: pushed to {@code rrdvideo serve --record}, the recording it writes equals what {@code
 * rrdvideo convert IN OUT.rrd} writes (same chunks, same samples); an unreachable proxy is exit 5.
 */
class ConvertConnectIT {
  @TempDir Path serveDir;
  @TempDir Path dir;
  @TempDir Path tmp;

  @Test
  void convertPushedToServeRecordEqualsConvertToAFile() throws Exception {
    Path clip = dir.resolve("clip.mp4");
    Files.copy(TestData.path("mp4/h264_base.mp4"), clip);
    Launcher serving = new Launcher(serveDir, tmp);
    Process serve = serving.start("exec \"$RRDVIDEO\" serve --port 0 --record rec.rrd");
    try {
      String url = awaitUrl(serve, serveDir.resolve(".stderr"));
      Launcher rrdvideo = new Launcher(dir, tmp);
      Launcher.Result pushed =
          rrdvideo.run("convert", clip.toString(), "-", "--connect", url, "--recording-id", "r1");
      assertThat(pushed.exitCode()).as(pushed.stderr()).isZero();
      assertThat(pushed.stdout()).isEmpty();
      assertThat(pushed.stderr()).contains("pushed 6 messages to " + url);
      Launcher.Result direct =
          rrdvideo.run("convert", clip.toString(), "direct.rrd", "--recording-id", "r1");
      assertThat(direct.exitCode()).as(direct.stderr()).isZero();

      serve.destroy(); // SIGTERM: the recording gets its footer and its name
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(serveDir.resolve(".stderr"))).contains("recorded 6 messages");
      byte[] rec = Files.readAllBytes(serveDir.resolve("rec.rrd"));
      assertThat(SameRecording.assertSame(rec, Files.readAllBytes(dir.resolve("direct.rrd"))))
          .isEqualTo(5);
      // and the recorded file is a complete one
      Launcher.Result verify = rrdvideo.run("verify", serveDir.resolve("rec.rrd").toString());
      assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();
    } finally {
      serve.destroyForcibly();
    }
  }

  @Test
  void anUnreachableProxyIsExit5() throws Exception {
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("clip.mp4"));
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Launcher.Result r =
        new Launcher(dir, tmp)
            .run(
                "convert",
                "clip.mp4",
                "-",
                "--connect",
                "rerun+http://127.0.0.1:" + port + "/proxy");
    assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(r.stderr()).contains("cannot reach the message proxy at rerun+http://127.0.0.1:");
    assertThat(r.stdout()).isEmpty();
  }

  /** The URL a starting server prints, once it listens. */
  static String awaitUrl(Process p, Path stderr) throws Exception {
    Pattern url = Pattern.compile("rerun --connect (rerun\\+http://\\S+/proxy)");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      String err = Files.exists(stderr) ? Files.readString(stderr) : "";
      Matcher m = url.matcher(err);
      if (m.find() && err.contains("Ctrl-C")) {
        return m.group(1);
      }
      if (!p.isAlive()) {
        throw new AssertionError("serve exited " + p.exitValue() + ": " + err);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve printed no URL");
  }
}
