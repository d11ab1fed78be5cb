package dev.rrdvideo.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The shell completion script and the man pages, generated from picocli's model of every command by
 * the build ({@link #main}, run by Maven after compiling, like {@link UsageText}): {@code
 * completion/rrdvideo.bash} (bash, and zsh after {@code bashcompinit}; a static script, so a TAB
 * starts no JVM) and {@code man/man1/rrdvideo.1}, {@code man/man1/rrdvideo-COMMAND.1} (roff).
 */
public final class ShellFiles {
  private ShellFiles() {}

  /** The full command line, every subcommand registered. */
  static CommandLine model() {
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
    return Main.commandLine(new String[0], sink, sink);
  }

  /** The bash completion script. */
  static String bashCompletion(CommandLine cl) {
    return AutoComplete.bash("rrdvideo", cl);
  }

  /** The man page of {@code cl}'s command ({@code rrdvideo} or one of its subcommands), in roff. */
  static String manPage(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    String name = spec.qualifiedName("-");
    StringBuilder b = new StringBuilder();
    b.append(".TH ")
        .append(name.toUpperCase(Locale.ROOT))
        .append(" 1 \"\" \"")
        .append(RrdVideoCommand.VERSION)
        .append("\" \"rrdvideo manual\"\n");
    b.append(".SH NAME\n")
        .append(roff(name))
        .append(" \\- ")
        .append(roff(String.join(" ", spec.usageMessage().header())))
        .append('\n');
    b.append(".SH SYNOPSIS\n.nf\n");
    String synopsis =
        cl.getHelp().synopsis(0).replace(System.lineSeparator(), "\n").stripTrailing();
    for (String line : synopsis.split("\n")) {
      b.append(roff(line)).append('\n');
    }
    b.append(".fi\n");
    b.append(".SH DESCRIPTION\n");
    for (String para : spec.usageMessage().description()) {
      b.append(".PP\n").append(roff(para.strip())).append('\n');
    }
    if (!spec.positionalParameters().isEmpty()) {
      b.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (p.hidden()) {
          continue;
        }
        b.append(".TP\n\\fI").append(roff(p.paramLabel())).append("\\fR\n");
        b.append(roff(String.join(" ", p.description()))).append('\n');
      }
    }
    b.append(".SH OPTIONS\n");
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      b.append(".TP\n");
      List<String> names = new ArrayList<>();
      for (String n : o.names()) {
        String label = o.typeInfo().isBoolean() ? "" : "=\\fI" + roff(o.paramLabel()) + "\\fR";
        names.add("\\fB" + roff(n) + "\\fR" + label);
      }
      b.append(String.join(", ", names)).append('\n');
      b.append(roff(String.join(" ", rendered(cl, o)))).append('\n');
    }
    if (!spec.subcommands().isEmpty()) {
      b.append(".SH COMMANDS\n");
      for (CommandLine sub : spec.subcommands().values()) {
        CommandSpec s = sub.getCommandSpec();
        b.append(".TP\n\\fB").append(roff(s.name())).append("\\fR\n");
        b.append(roff(String.join(" ", s.usageMessage().header())))
            .append(" See \\fB")
            .append(roff(s.qualifiedName("-")))
            .append("\\fR(1).\n");
      }
    }
    List<String> footer = new ArrayList<>();
    for (String f : spec.usageMessage().footer()) {
      if (!f.isBlank()) {
        footer.add(f.strip());
      }
    }
    if (!footer.isEmpty()) {
      b.append(".SH NOTES\n");
      for (String f : footer) {
        b.append(".PP\n").append(roff(f)).append('\n');
      }
    }
    b.append(".SH SEE ALSO\n");
    b.append(
        spec.parent() == null
            ? "docs/cli.md and docs/inspect.md in the rrdvideo sources.\n"
            : "\\fBrrdvideo\\fR(1), docs/cli.md and docs/inspect.md in the rrdvideo sources.\n");
    return b.toString();
  }

  /** An option's description with picocli's variables (default value, candidates) filled in. */
  private static String[] rendered(CommandLine cl, OptionSpec o) {
    String[] d = o.description();
    String[] out = new String[d.length];
    String def = o.defaultValueString();
    StringBuilder candidates = new StringBuilder();
    if (o.completionCandidates() != null) {
      for (String c : o.completionCandidates()) {
        candidates.append(candidates.length() == 0 ? "" : ", ").append(c);
      }
    }
    for (int i = 0; i < d.length; i++) {
      out[i] =
          d[i].replace("${DEFAULT-VALUE}", String.valueOf(def))
              .replace("${COMPLETION-CANDIDATES}", candidates.toString());
    }
    return out;
  }

  /** Text made safe for roff: backslashes, hyphens and a leading dot or quote. */
  static String roff(String text) {
    String t = text.replace("\\", "\\e").replace("-", "\\-");
    if (t.startsWith(".") || t.startsWith("'")) {
      t = "\\&" + t;
    }
    return t.replace("\n.", "\n\\&.").replace("\n'", "\n\\&'");
  }

  /** Every command's command line: the top level first, then each subcommand. */
  static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> out = new ArrayList<>();
    out.add(root);
    out.addAll(root.getSubcommands().values());
    return out;
  }

  /**
   * Writes {@code completion/rrdvideo.bash} and {@code man/man1/*.1} under the directory named by
   * the argument.
   *
   * @param args {@code DIR}
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    CommandLine root = model();
    Path completion = dir.resolve("completion");
    Files.createDirectories(completion);
    Files.writeString(
        completion.resolve("rrdvideo.bash"), bashCompletion(root), StandardCharsets.UTF_8);
    Path man = dir.resolve("man/man1");
    Files.createDirectories(man);
    for (CommandLine cl : commands(root)) {
      String name = cl.getCommandSpec().qualifiedName("-");
      Files.writeString(man.resolve(name + ".1"), manPage(cl), StandardCharsets.UTF_8);
    }
  }
}
