package dev.rrdvideo.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code rrdvideo} command; its subcommands ({@link #SUBCOMMANDS}) do the work. They
 * are registered by {@link Main}: only the one a run invokes, so that start-up does not pay for
 * building the models of the others, or all of them when none is named (top-level help).
 */
@Command(
    name = "rrdvideo",
    mixinStandardHelpOptions = true,
    version = RrdVideoCommand.VERSION,
    description = "Read, write, convert and inspect Rerun .rrd recordings that hold video.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 malformed input, 4 unsupported input,"
          + " 5 I/O error, 6 checks failed.",
      "Example: rrdvideo demo -o demo.rrd && rrdvideo print demo.rrd"
    })
public final class RrdVideoCommand implements java.util.concurrent.Callable<Integer> {
  /** The {@code --version} text. */
  static final String VERSION = "rrdvideo 0.1.0";

  /** The subcommands by name, in the order the top-level help lists them. */
  static final Map<String, Supplier<Object>> SUBCOMMANDS;

  static {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("demo", DemoCommand::new);
    m.put("inspect", InspectCommand::new);
    m.put("check", CheckCommand::new);
    m.put("report", ReportCommand::new);
    m.put("convert", ConvertCommand::new);
    m.put("diff", DiffCommand::new);
    m.put("print", PrintCommand::new);
    m.put("verify", VerifyCommand::new);
    m.put("rewrite", RewriteCommand::new);
    m.put("serve", ServeCommand::new);
    SUBCOMMANDS = Collections.unmodifiableMap(m);
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  private boolean verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Returns whether {@code --verbose} was given. */
  public boolean verbose() {
    return verbose;
  }

  /** No command (only top-level options such as {@code --verbose}): the usage, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
