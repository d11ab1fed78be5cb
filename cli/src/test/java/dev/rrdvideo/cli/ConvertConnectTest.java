package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.format.BlueprintActivation;
import dev.rrdvideo.format.ChunkMessage;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreInfo;
import dev.rrdvideo.live.LiveServer;
import dev.rrdvideo.live.LiveServerOptions;
import dev.rrdvideo.testdata.TestData;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert IN - --connect URL}: the recording is pushed to a running proxy (here our own
 * server, in-process, recording what it accepts), and what the proxy got equals the file that
 * {@code convert IN OUT.rrd} writes; bad URLs and options are usage errors, an unreachable or
 * refusing proxy an I/O error.
 */
class ConvertConnectTest {
  @TempDir Path dir;

  private final List<String> log = new ArrayList<>();
  private LiveServer server;
  private RrdWriter recorder;
  private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Starts a server on a free port whose recorder writes what it accepts to {@link #recorded}. */
  private String startRecordingServer(LiveServerOptions.Builder b) throws Exception {
    recorder = RrdWriter.open(recorded, RrdWriteOptions.defaults());
    server =
        LiveServer.start(
            b.port(0)
                .log(
                    l -> {
                      synchronized (log) {
                        log.add(l);
                      }
                    })
                .recorder(
                    m -> {
                      if (m instanceof StoreInfo i) {
                        recorder.writeStoreInfo(i);
                      } else if (m instanceof BlueprintActivation a) {
                        recorder.writeBlueprintActivation(a);
                      } else {
                        recorder.writeArrowMessage((ChunkMessage) m);
                      }
                    })
                .build());
    return server.url();
  }

  private byte[] recordedAfter(long messages) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.stats().messages() < messages && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(server.stats().messages()).isEqualTo(messages);
    recorder.close();
    return recorded.toByteArray();
  }

  private static long pushed(CliRunner.Result r) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("pushed (\\d+) messages to ").matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void anMp4PushedToAProxyEqualsTheFileConvertWrites() throws Exception {
    String url = startRecordingServer(LiveServerOptions.builder());
    String mp4 = TestData.path("mp4/h264_base.mp4").toString();
    CliRunner.Result r =
        CliRunner.run("convert", mp4, "-", "--connect", url, "--recording-id", "rec_connect");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.stdoutBytes()).isEmpty(); // '-' with --connect: the proxy, not stdout
    assertThat(r.err())
        .contains("streaming to the message proxy at " + url)
        .contains("converted 30 h264 samples (3 keyframes) to /h264_base.mp4");
    // a store info, the static codec chunk, a chunk per GOP (3), the keyframe flags
    assertThat(pushed(r)).isEqualTo(6);
    byte[] got = recordedAfter(6);

    Path direct = dir.resolve("direct.rrd");
    CliRunner.Result d =
        CliRunner.run("convert", mp4, direct.toString(), "--recording-id", "rec_connect");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(SameRecording.assertSame(got, Files.readAllBytes(direct))).isEqualTo(5);
    assertThat(log).anyMatch(l -> l.contains("finished after 6 messages"));
  }

  @Test
  void eachMessageReachesTheProxyWithoutWaitingForTheNextWrite() throws Exception {
    // a producer that writes one message and then nothing for a while: the message must arrive
    // now, not with the next write or at close
    String url = startRecordingServer(LiveServerOptions.builder());
    LivePush push = LivePush.open(url, RrdWriteOptions.defaults(), null);
    AtomicOutput out = push.output();
    RrdWriter w = RrdWriter.open(out.stream(), RrdWriteOptions.defaults());
    w.beginRecording("rrdvideo_test", "rec_slow");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.stats().messages() < 1 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(server.stats().messages()).isEqualTo(1);
    w.close();
    out.commit();
  }

  @Test
  void aRawStreamFromStdinIsPushedAsItIsConverted() throws Exception {
    String url = startRecordingServer(LiveServerOptions.builder());
    byte[] h264 = TestData.bytes("annexb/h264.h264");
    CliRunner.Result r =
        CliRunner.runWithStdin(
            h264,
            "convert",
            "-",
            "-",
            "--from",
            "h264",
            "--connect",
            url,
            "--recording-id",
            "rec_stdin",
            "--fps",
            "25");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.stdoutBytes()).isEmpty();
    long n = pushed(r);
    byte[] got = recordedAfter(n);
    CliRunner.Result d =
        CliRunner.runWithStdin(
            h264,
            "convert",
            "-",
            "-",
            "--from",
            "h264",
            "--to",
            "rrd",
            "--recording-id",
            "rec_stdin",
            "--fps",
            "25");
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(SameRecording.assertSame(got, d.stdoutBytes())).isEqualTo(n - 1);
  }

  @Test
  void theComparisonSeesWhatDiffers() throws Exception {
    byte[] h264 = TestData.bytes("annexb/h264.h264");
    byte[][] runs = new byte[3][];
    String[][] args = {
      {"--fps", "25"}, {"--fps", "24"}, {"--fps", "25", "--entity", "/other"},
    };
    for (int i = 0; i < runs.length; i++) {
      List<String> a = new ArrayList<>(List.of("convert", "-", "-", "--from", "h264"));
      a.addAll(List.of("--to", "rrd", "--recording-id", "rec_x"));
      a.addAll(List.of(args[i]));
      CliRunner.Result r = CliRunner.runWithStdin(h264, a.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.err()).isZero();
      runs[i] = r.stdoutBytes();
    }
    assertThat(SameRecording.assertSame(runs[0], runs[0])).isPositive();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SameRecording.assertSame(runs[0], runs[1]))
        .hasMessageContaining("column video"); // the sample times
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SameRecording.assertSame(runs[0], runs[2]))
        .hasMessageContaining("/other");
  }

  @Test
  void badUrlsAndOptionsThatDoNotFitAreUsageErrors() throws Exception {
    String mp4 = TestData.path("mp4/h264_base.mp4").toString();
    String url = "rerun+http://127.0.0.1:9/proxy";
    for (String bad :
        new String[] {"ftp://127.0.0.1/proxy", "rerun+https://127.0.0.1:9876/proxy", "::"}) {
      CliRunner.Result r = CliRunner.run("convert", mp4, "-", "--connect", bad);
      assertThat(r.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--connect: ");
    }
    Path out = dir.resolve("out.rrd");
    CliRunner.Result file = CliRunner.run("convert", mp4, out.toString(), "--connect", url);
    assertThat(file.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(file.err()).contains("give - as OUT");
    assertThat(out).doesNotExist();
    CliRunner.Result mp4Out = CliRunner.run("convert", mp4, "-", "--to", "mp4", "--connect", url);
    assertThat(mp4Out.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(mp4Out.err()).contains("--to must be rrd");
    CliRunner.Result noFooter = CliRunner.run("convert", mp4, "-", "--no-footer", "--connect", url);
    assertThat(noFooter.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noFooter.err()).contains("--no-footer does not apply");
  }

  @Test
  void anUnreachableProxyIsAnIoErrorThatSaysSo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "rerun+http://127.0.0.1:" + port + "/proxy";
    CliRunner.Result r =
        CliRunner.run(
            "convert", TestData.path("mp4/h264_base.mp4").toString(), "-", "--connect", url);
    assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(r.err()).contains("cannot reach the message proxy at " + url).contains("refused");
    assertThat(r.stdoutBytes()).isEmpty();
  }

  @Test
  void aProxyThatRefusesAMessageFailsTheConversionWithItsStatus() throws Exception {
    // the GOP chunks (about 7 kB) exceed this server's message limit
    String url = startRecordingServer(LiveServerOptions.builder().maxMessageBytes(4096));
    CliRunner.Result r =
        CliRunner.run(
            "convert", TestData.path("mp4/h264_base.mp4").toString(), "-", "--connect", url);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.IO);
    assertThat(r.err()).contains("RESOURCE_EXHAUSTED").doesNotContain("pushed ");
    assertThat(log).anyMatch(l -> l.contains("refused"));
  }
}
