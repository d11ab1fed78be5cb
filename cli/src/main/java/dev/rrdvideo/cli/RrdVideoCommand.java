package dev.rrdvideo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code rrdvideo} command; its subcommands do the work. */
@Command(
    name = "rrdvideo",
    mixinStandardHelpOptions = true,
    version = "rrdvideo 0.1.0",
    description = "Read, write, convert and inspect Rerun .rrd recordings that hold video.",
    subcommands = {
      DemoCommand.class,
      InspectCommand.class,
      CheckCommand.class,
      ConvertCommand.class,
      DiffCommand.class,
      PrintCommand.class,
      VerifyCommand.class,
      RewriteCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 malformed input, 4 unsupported input,"
          + " 5 I/O error, 6 checks failed.",
      "Example: rrdvideo demo -o demo.rrd && rrdvideo print demo.rrd"
    })
public final class RrdVideoCommand implements Runnable {
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

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
