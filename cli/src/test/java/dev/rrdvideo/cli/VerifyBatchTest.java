package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rrdvideo.testdata.Fixtures;
import dev.rrdvideo.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} on a directory: every recording's own report, each line marked with its path, in
 * path order; a line per unreadable file on stderr and a total; the worst exit code; the same bytes
 * with {@code -j 1} and {@code -j 2}.
 */
class VerifyBatchTest {
  @TempDir Path dir;

  @Test
  void aDirectoryOfRecordingsGivesEveryFilesReportMarkedWithItsPath() throws Exception {
    // one flat directory, so that each file's shown path is the name its own run uses
    List<String> names = new ArrayList<>();
    for (String f : Fixtures.all()) {
      if (f.endsWith(".rrd")) {
        String name = f.replace('/', '_');
        Files.copy(TestData.path(f), dir.resolve(name));
        names.add(name);
      }
    }
    Files.write(
        dir.resolve("m_truncated.rrd"),
        Arrays.copyOf(TestData.bytes("rerun/stream_h264.rrd"), 20_000));
    names.add("m_truncated.rrd");
    Files.copy(TestData.path("mp4/h264_base.mp4"), dir.resolve("n_misnamed.rrd"));
    names.add("n_misnamed.rrd");
    Files.copy(TestData.path("mp4/av1.mp4"), dir.resolve("not_a_recording.mp4")); // not taken
    names.sort(null);
    StringBuilder expected = new StringBuilder();
    List<String> errors = new ArrayList<>();
    int worst = 0;
    long[] tally = new long[3];
    for (String name : names) {
      CliRunner.Result s = CliRunner.run("verify", dir.resolve(name).toString());
      worst = BatchRunner.worse(worst, s.exitCode());
      if (s.exitCode() == ExitCode.OK || s.exitCode() == ExitCode.CHECKS_FAILED) {
        List<String> lines = s.out().lines().toList();
        for (String l : lines.subList(0, lines.size() - 1)) {
          expected.append(name).append(": ").append(l).append('\n');
        }
        assertThat(lines.get(lines.size() - 1)).startsWith(name + ": ");
        expected.append(lines.get(lines.size() - 1)).append('\n');
        tally[s.exitCode() == 0 ? 0 : 1]++;
      } else {
        errors.add(
            s.err()
                .replace("error: ", "error: " + name + ": ")
                .replace(" (at offset 0 (0x0) in " + name + ")", ""));
        tally[2]++;
      }
    }
    assertThat(tally[0]).isGreaterThanOrEqualTo(7);
    assertThat(tally[1]).isEqualTo(1); // the truncated recording: a finding with its offset
    assertThat(tally[2]).isEqualTo(1); // the MP4 named .rrd
    CliRunner.Result batch = CliRunner.run("verify", dir.toString(), "-j", "2");
    assertThat(batch.out()).isEqualTo(expected.toString());
    assertThat(batch.out())
        .contains(
            "m_truncated.rrd: error [stream] truncated ARROW_MSG message: expected 30368 payload"
                + " bytes, found 13799 (at offset 6185)\n");
    assertThat(batch.exitCode()).isEqualTo(worst).isEqualTo(ExitCode.MALFORMED);
    assertThat(batch.err())
        .isEqualTo(
            String.join("", errors)
                + "verified "
                + names.size()
                + " files: "
                + tally[0]
                + " ok, "
                + tally[1]
                + " failed, "
                + tally[2]
                + " unreadable\n");
    assertThat(batch.err()).startsWith("error: n_misnamed.rrd: not an .rrd recording");
    assertThat(CliRunner.run("verify", dir.toString(), "-j", "1").stdoutBytes())
        .isEqualTo(batch.stdoutBytes());
  }

  @Test
  void aMissingFileIsReportedAndTheOthersAreVerified() throws Exception {
    Files.copy(TestData.path("rerun/stream_h264.rrd"), dir.resolve("a.rrd"));
    Path list = dir.resolve("list.txt");
    Files.writeString(list, dir.resolve("a.rrd") + "\n" + dir.resolve("b.rrd") + "\n");
    CliRunner.Result r = CliRunner.run("verify", "@" + list, "--quiet");
    assertThat(r.exitCode()).isEqualTo(ExitCode.IO);
    assertThat(r.out())
        .isEqualTo(
            dir.resolve("a.rrd")
                + ": info [application-id] application id 'stream_h264.mcap' has characters Rerun"
                + " 0.36 rewrites (allowed: letters, digits, _ and -) (at offset 12)\n");
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + dir.resolve("b.rrd")
                + ": no such file: "
                + dir.resolve("b.rrd")
                + "\nverified 2 files: 1 ok, 0 failed, 1 unreadable\n");
  }
}
