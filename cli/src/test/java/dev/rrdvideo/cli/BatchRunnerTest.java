package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ordered, bounded parallel runner of batches and the buffers that hold each file's output. */
class BatchRunnerTest {
  private static List<BatchInputs.Item> items(int n) {
    List<BatchInputs.Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new BatchInputs.Item(String.format("f%03d", i), Path.of("f" + i), null));
    }
    return out;
  }

  @Test
  void resultsComeInFileOrderWhateverOrderTheyFinishInAndAtMostTwoPerWorkerAreInFlight()
      throws Exception {
    int jobs = 3;
    AtomicInteger started = new AtomicInteger();
    AtomicInteger handedOver = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    List<String> order = new ArrayList<>();
    BatchRunner.run(
        items(60),
        jobs,
        item -> {
          int inFlight = started.incrementAndGet() - handedOver.get();
          mostInFlight.accumulateAndGet(inFlight, Math::max);
          try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          BatchRunner.Result r = new BatchRunner.Result();
          try {
            r.data.write(item.path().getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            r.fail(e);
          }
          return r;
        },
        (item, r) -> {
          try (InputStream in = r.data.open()) {
            order.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          handedOver.incrementAndGet();
        });
    assertThat(order).isEqualTo(items(60).stream().map(BatchInputs.Item::path).toList());
    assertThat(mostInFlight.get()).isLessThanOrEqualTo(jobs * BatchRunner.WINDOW_PER_JOB);
  }

  @Test
  void aFailedFileIsReportedWithItsPathAndDoesNotStopTheOthers() throws Exception {
    List<String> seen = new ArrayList<>();
    java.io.StringWriter err = new java.io.StringWriter();
    java.io.PrintWriter pw = new java.io.PrintWriter(err);
    int[] worst = {0};
    BatchRunner.run(
        items(5),
        2,
        item -> {
          BatchRunner.Result r = new BatchRunner.Result();
          r.messages().println("warning: about " + item.path());
          if (item.path().equals("f002")) {
            r.fail(
                new dev.rrdvideo.format.error.RrdFormatException(
                    "expected a message header, found the end of the file", item.path(), 16));
          }
          return r;
        },
        (item, r) -> {
          r.printMessages(item.path(), pw);
          seen.add(item.path());
          worst[0] = BatchRunner.worse(worst[0], r.exitCode());
        });
    assertThat(seen).containsExactly("f000", "f001", "f002", "f003", "f004");
    assertThat(worst[0]).isEqualTo(ExitCode.MALFORMED);
    assertThat(err.toString())
        .contains(
            "warning: about f002\n"
                + "error: f002: expected a message header, found the end of the file (at offset"
                + " 16 (0x10))\nwarning: about f003\n");
  }

  @Test
  void theWorstExitCodeWins() {
    assertThat(BatchRunner.worse(ExitCode.OK, ExitCode.CHECKS_FAILED))
        .isEqualTo(ExitCode.CHECKS_FAILED);
    assertThat(BatchRunner.worse(ExitCode.MALFORMED, ExitCode.CHECKS_FAILED))
        .isEqualTo(ExitCode.MALFORMED);
    assertThat(BatchRunner.worse(ExitCode.UNSUPPORTED, ExitCode.MALFORMED))
        .isEqualTo(ExitCode.MALFORMED);
    assertThat(BatchRunner.worse(ExitCode.UNSUPPORTED, ExitCode.CHECKS_FAILED))
        .isEqualTo(ExitCode.UNSUPPORTED);
    assertThat(BatchRunner.worse(ExitCode.IO, ExitCode.MALFORMED)).isEqualTo(ExitCode.IO);
    assertThat(BatchRunner.worse(ExitCode.IO, ExitCode.USAGE)).isEqualTo(ExitCode.USAGE);
    assertThat(BatchRunner.worse(ExitCode.INTERNAL, ExitCode.USAGE)).isEqualTo(ExitCode.INTERNAL);
  }

  @Test
  void aSpillBufferMovesToATemporaryFileBeyondItsMemoryAndDeletesIt() throws Exception {
    SpillBuffer small = new SpillBuffer(1000);
    byte[] chunk = new byte[300];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) i;
    }
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      small.write(chunk);
      expected.write(chunk);
    }
    assertThat(small.spilled()).isFalse();
    small.write(chunk);
    small.write(7);
    expected.write(chunk);
    expected.write(7);
    assertThat(small.spilled()).isTrue();
    small.close();
    assertThat(small.size()).isEqualTo(expected.size());
    try (InputStream in = small.open()) {
      assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
    }
    java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
    small.copyTo(copy);
    assertThat(copy.toByteArray()).isEqualTo(expected.toByteArray());
    Path file = small.file();
    assertThat(file).exists();
    small.delete();
    assertThat(Files.exists(file)).isFalse();
  }
}
