package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The completion script and man pages the build generates from the command model. */
class ShellFilesTest {
  @TempDir Path dir;

  private static String run(Path cwd, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theBuildWroteTheFilesOfTheCurrentModel() throws Exception {
    Path target = Path.of("target");
    CommandLine root = ShellFiles.model();
    assertThat(target.resolve("completion/rrdvideo.bash"))
        .hasContent(ShellFiles.bashCompletion(root));
    for (CommandLine cl : ShellFiles.commands(root)) {
      String name = cl.getCommandSpec().qualifiedName("-");
      assertThat(target.resolve("man/man1/" + name + ".1")).hasContent(ShellFiles.manPage(cl));
    }
    assertThat(ShellFiles.commands(root)).hasSize(RrdVideoCommand.SUBCOMMANDS.size() + 1);
  }

  @Test
  void bashCompletesCommandsOptionsAndValues() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
    Path script = dir.resolve("rrdvideo.bash");
    Files.writeString(script, ShellFiles.bashCompletion(ShellFiles.model()));
    run(dir, "bash", "-n", script.toString());
    String complete =
        "source rrdvideo.bash 2>/dev/null; c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));"
            + " COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; _complete_rrdvideo rrdvideo"
            + " \"${@: -1}\" \"${@: -2:1}\" 2>/dev/null; echo \"${COMPREPLY[*]}\"; };"
            + " c rrdvideo insp; c rrdvideo inspect --col; c rrdvideo convert x --compression ''";
    String out = run(dir, "bash", "-c", complete);
    assertThat(out.lines()).containsExactly("inspect", "--columns", "NONE LZ4 AUTO");
  }

  @Test
  void everyManPageIsValidRoffWithTheCommandsOptions() throws Exception {
    CommandLine root = ShellFiles.model();
    String inspect = ShellFiles.manPage(root.getSubcommands().get("inspect"));
    assertThat(inspect)
        .startsWith(".TH RRDVIDEO-INSPECT 1 ")
        .contains(".SH NAME\nrrdvideo\\-inspect \\- List a video's samples")
        .contains("\\fB\\-\\-columns\\fR=\\fILIST\\fR")
        .contains("\\fB\\-q\\fR, \\fB\\-\\-quiet\\fR\n");
    String top = ShellFiles.manPage(root);
    assertThat(top).contains(".SH COMMANDS").contains("See \\fBrrdvideo\\-convert\\fR(1).");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")));
    for (CommandLine cl : ShellFiles.commands(root)) {
      Path page = dir.resolve(cl.getCommandSpec().qualifiedName("-") + ".1");
      Files.writeString(page, ShellFiles.manPage(cl));
      // -ww: every warning; -z: no output; a clean page prints nothing
      assertThat(run(dir, "groff", "-ww", "-man", "-z", page.toString()))
          .as(page.toString())
          .isEmpty();
      String text = run(dir, "groff", "-man", "-Tutf8", "-P", "-bcou", page.toString());
      assertThat(text).contains("NAME").contains("OPTIONS").doesNotContain("${");
    }
  }

  @Test
  void roffEscapesWhatWouldBeMarkup() {
    assertThat(ShellFiles.roff(".rrd files")).isEqualTo("\\&.rrd files");
    assertThat(ShellFiles.roff("a\\b --x")).isEqualTo("a\\eb \\-\\-x");
  }
}
