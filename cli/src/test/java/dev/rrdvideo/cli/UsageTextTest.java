package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code --version} and the top-level help are answered without building picocli's command model
 * (most of such a run's start-up); the answers must be exactly what picocli prints.
 */
class UsageTextTest {
  /** Runs {@code args} through picocli itself, bypassing the answers without model. */
  private static CliRunner.Result picocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int code = Main.commandLine(args, o, e).execute(args);
    o.flush();
    return new CliRunner.Result(code, out.toString(), err.toString(), new byte[0]);
  }

  @Test
  void theBuildStoredPicocliRenderingOfTheCurrentModel() {
    assertThat(UsageText.load())
        .as("usage.txt (rendered by the build) against picocli's rendering of the current model")
        .isEqualTo(UsageText.render().replace("\n", System.lineSeparator()));
  }

  @Test
  void helpAndVersionAreAnsweredWithoutTheModelAndEqualPicocliOutput() {
    String[][] cases = {{}, {"--help"}, {"-h"}, {"--version"}, {"-V"}};
    for (String[] args : cases) {
      assertThat(Main.answerWithoutModel(args)).as(String.join(" ", args)).isNotNull();
      CliRunner.Result fast = CliRunner.run(args);
      CliRunner.Result slow = picocli(args);
      assertThat(fast.exitCode()).isEqualTo(slow.exitCode()).isZero();
      assertThat(fast.out()).as(String.join(" ", args)).isEqualTo(slow.out()).isNotBlank();
      assertThat(fast.err()).isEqualTo(slow.err()).isEmpty();
    }
    assertThat(CliRunner.run("--help").out()).contains("Commands:", "inspect", "convert");
    assertThat(CliRunner.run("--version").out().strip()).isEqualTo("rrdvideo 0.1.0");
  }

  @Test
  void everythingElseGoesThroughPicocli() {
    String[][] cases = {
      {"--help", "--verbose"}, {"inspect", "--help"}, {"--versions"}, {"help"}, {"-hV"}
    };
    for (String[] args : cases) {
      assertThat(Main.answerWithoutModel(args)).as(String.join(" ", args)).isNull();
    }
  }
}
