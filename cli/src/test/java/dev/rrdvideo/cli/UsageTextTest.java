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
    String[][] cases = {{"--help"}, {"-h"}, {"--version"}, {"-V"}};
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
      {}, {"--help", "--verbose"}, {"inspect", "--help"}, {"--versions"}, {"help"}, {"-hV"}
    };
    for (String[] args : cases) {
      assertThat(Main.answerWithoutModel(args)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void noArgumentsPrintTheUsageToStderrAsAUsageError() {
    CliRunner.Result r = CliRunner.run();
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(CliRunner.run("--help").out());
    // only top-level options, no command: the same
    CliRunner.Result verbose = CliRunner.run("--verbose");
    assertThat(verbose.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(verbose.out()).isEmpty();
    assertThat(verbose.err()).startsWith("Usage: rrdvideo");
  }

  @Test
  void anUnknownCommandIsNamedWithTheClosestOne() {
    CliRunner.Result r = CliRunner.run("inspct", "clip.mp4");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: unknown command 'inspct' (did you mean 'inspect'?)\nTry 'rrdvideo --help'.\n");
    assertThat(CliRunner.run("--verbose", "conver", "a", "b").err())
        .startsWith("error: unknown command 'conver' (did you mean 'convert'?)");
    assertThat(CliRunner.run("chekc").err()).contains("(did you mean 'check'?)");
    assertThat(CliRunner.run("ver").err()).contains("(did you mean 'verify'?)");
    // nothing close: the list of commands instead
    assertThat(CliRunner.run("transmogrify").err())
        .startsWith(
            "error: unknown command 'transmogrify'; the commands are demo, inspect, check,"
                + " report, convert, diff, print, verify, rewrite, serve, help\n");
  }

  @Test
  void helpIsACommandToo() {
    assertThat(CliRunner.run("help").out()).isEqualTo(CliRunner.run("--help").out());
    CliRunner.Result inspect = CliRunner.run("help", "inspect");
    assertThat(inspect.exitCode()).isZero();
    assertThat(inspect.out()).isEqualTo(CliRunner.run("inspect", "--help").out());
  }

  @Test
  void theTopLevelHelpListsEachCommandInOneCompleteLine() {
    String usage = UsageText.render();
    String list = usage.substring(usage.indexOf("Commands:\n") + 10, usage.indexOf("\n\n"));
    String[] lines = list.split("\n");
    assertThat(lines).hasSize(RrdVideoCommand.SUBCOMMANDS.size());
    for (String line : lines) {
      assertThat(line).as("one line per command, a whole sentence").matches("  [a-z]+ +\\S.*\\.");
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
  }
}
