package dev.rrdvideo.cli;

import dev.rrdvideo.format.error.RrdVideoException;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of the {@code rrdvideo} command: builds the picocli command line, maps exceptions to
 * the documented {@link ExitCode}s, prints diagnostics to stderr as one {@code error: ...} line
 * (stack traces only with {@code --verbose}) and is the only caller of {@link System#exit}.
 */
public final class Main {
  private Main() {}

  /**
   * The system property that turns a run into the launcher's class-data-sharing training run
   * ({@link CdsTraining}), so that the training starts the way users start the tool: {@code java
   * -jar}, whose manifest handling loads classes of its own.
   */
  static final String CDS_TRAINING_PROPERTY = "rrdvideo.cds-training";

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    StartupDefaults.install();
    if (System.getProperty(CDS_TRAINING_PROPERTY) != null) {
      System.exit(CdsTraining.train(args));
    }
    PrintWriter out = new PrintWriter(StdStreams.uncheckedWriter(StdStreams.stdout()), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err);
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command with the given output writers and returns its exit code (used by tests).
   * Whatever the command left in {@code out} is flushed here, so that a write error on stdout is
   * reported (exit 5) rather than lost.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    args = helpAlias(args);
    String unknown = unknownCommand(args);
    if (unknown != null) {
      err.println("error: " + unknown);
      err.println("Try 'rrdvideo --help'.");
      err.flush();
      return ExitCode.USAGE;
    }
    if (args.length == 0) {
      // no command: the usage goes to stderr (it is not the data a script asked for) and the run
      // is a usage error, so that a script that lost its arguments does not pass
      String usage = answerWithoutModel(new String[] {"--help"});
      if (usage == null) {
        StringWriter text = new StringWriter();
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        commandLine(args, sink, sink).usage(new PrintWriter(text));
        usage = text.toString();
      }
      err.print(usage);
      err.flush();
      return ExitCode.USAGE;
    }
    String answer = answerWithoutModel(args);
    if (answer != null) {
      try {
        out.print(answer);
        out.flush();
        return ExitCode.OK;
      } catch (UncheckedIOException e) {
        return report(e, false, err);
      }
    }
    CommandLine cl = commandLine(args, out, err);
    try {
      int code = cl.execute(args);
      out.flush();
      return code;
    } catch (UncheckedIOException e) {
      // a write error outside a command (help text, or the final flush)
      return report(e, false, err);
    }
  }

  /**
   * {@code rrdvideo help} is {@code rrdvideo --help}, and {@code rrdvideo help COMMAND} is {@code
   * rrdvideo COMMAND --help} (as git and cargo have it).
   */
  static String[] helpAlias(String[] args) {
    if (args.length == 1 && args[0].equals("help")) {
      return new String[] {"--help"};
    }
    if (args.length == 2
        && args[0].equals("help")
        && RrdVideoCommand.SUBCOMMANDS.containsKey(args[1])) {
      return new String[] {args[1], "--help"};
    }
    return args;
  }

  /**
   * Returns the message for a first argument that is neither an option nor a command ({@code
   * unknown command 'inspct' (did you mean 'inspect'?)}), or null. Needs no command model: the
   * top-level options take no values, so the first argument that does not start with {@code -} is
   * the command.
   */
  static String unknownCommand(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return null;
      }
      if (!a.startsWith("-")) {
        if (RrdVideoCommand.SUBCOMMANDS.containsKey(a)) {
          return null;
        }
        String closest = closestCommand(a);
        return "unknown command '"
            + a
            + "'"
            + (closest != null
                ? " (did you mean '" + closest + "'?)"
                : "; the commands are "
                    + String.join(", ", RrdVideoCommand.SUBCOMMANDS.keySet())
                    + ", help");
      }
    }
    return null;
  }

  /**
   * The command nearest to {@code word} by edit distance (a typo: at most 2 edits, or fewer than
   * half the letters), or one that starts with it; null when none is close.
   */
  static String closestCommand(String word) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    List<String> candidates = new ArrayList<>(RrdVideoCommand.SUBCOMMANDS.keySet());
    candidates.add("help");
    for (String c : candidates) {
      int d = c.startsWith(w) && w.length() >= 2 ? 0 : editDistance(w, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.min(2, Math.max(1, w.length() / 2)) ? best : null;
  }

  /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * Returns what picocli would print for {@code args} when that needs no command model: the version
   * for {@code --version}, and the top-level usage for {@code --help} (prerendered by the build,
   * see {@link UsageText}) when picocli would print it without colors; otherwise null. Building the
   * model is most of the time of such a run. Any {@code picocli.*} system property (tracing, usage
   * width, colors) leaves the answer to picocli.
   */
  static String answerWithoutModel(String[] args) {
    boolean version = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    boolean help = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
    if (!version && !help) {
      return null;
    }
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("picocli.")) {
        return null;
      }
    }
    if (version) {
      return RrdVideoCommand.VERSION + System.lineSeparator();
    }
    return CommandLine.Help.Ansi.AUTO.enabled() ? null : UsageText.load();
  }

  /**
   * Builds the configured command line for {@code args}: with only the subcommand they invoke
   * (building picocli's model of all eight costs a noticeable part of a short run's start-up), or
   * with all of them when none is named, for the top-level help and "did you mean" suggestions.
   */
  static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
    RrdVideoCommand root = new RrdVideoCommand();
    CommandLine cl = new CommandLine(root);
    String invoked = invokedSubcommand(args);
    for (var e : RrdVideoCommand.SUBCOMMANDS.entrySet()) {
      if (invoked == null || invoked.equals(e.getKey())) {
        cl.addSubcommand(e.getKey(), e.getValue().get());
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) ->
            report(ex, verboseRequested(parseResult), commandLine.getErr()));
    cl.setParameterExceptionHandler(
        (ex, unused) -> {
          PrintWriter e = ex.getCommandLine().getErr();
          e.println("error: " + ex.getMessage());
          e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          e.flush();
          return ExitCode.USAGE;
        });
    return cl;
  }

  /**
   * Reports a failure as one {@code error: ...} line and returns its exit code. A closed output
   * pipe is not a failure: the reader has all it wanted, so the command stops quietly with 0.
   */
  private static int report(Throwable ex, boolean verbose, PrintWriter e) {
    if (StdStreams.isClosedOutput(ex)) {
      return ExitCode.OK;
    }
    int code = exitCodeOf(ex);
    String msg = message(ex);
    if (code == ExitCode.INTERNAL) {
      e.println("error: internal error: " + msg);
      if (!verbose) {
        e.println("(this is a bug in rrdvideo; run again with --verbose for details)");
      }
    } else {
      e.println("error: " + msg);
    }
    if (verbose) {
      ex.printStackTrace(e);
    }
    e.flush();
    return code;
  }

  /** The subcommand named by the first argument that is not an option, if it is one. */
  private static String invokedSubcommand(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return RrdVideoCommand.SUBCOMMANDS.containsKey(a) ? a : null;
      }
    }
    return null;
  }

  private static boolean verboseRequested(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  static int exitCodeOf(Throwable ex) {
    Throwable t = ex instanceof UncheckedIOException ? ex.getCause() : ex;
    if (t instanceof CliException) {
      return ((CliException) t).exitCode();
    }
    if (t instanceof UnsupportedFeatureException) {
      return ExitCode.UNSUPPORTED;
    }
    if (t instanceof RrdVideoException) {
      return ExitCode.MALFORMED;
    }
    if (t instanceof IOException) {
      return ExitCode.IO;
    }
    return ExitCode.INTERNAL;
  }

  static String message(Throwable ex) {
    Throwable t = ex instanceof UncheckedIOException ? ex.getCause() : ex;
    if (t instanceof NoSuchFileException) {
      return "no such file: " + t.getMessage();
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied: " + t.getMessage();
    }
    String m = t.getMessage();
    if (m == null) {
      return t.getClass().getSimpleName();
    }
    if (t instanceof RrdVideoException r) {
      return namedOnce(m, r.getOriginalMessage(), r.source());
    }
    return m;
  }

  /**
   * The message without the location's {@code in FILE} when the message itself already names the
   * file ({@code no track 4 in x.mp4 (in x.mp4)} becomes {@code no track 4 in x.mp4}).
   */
  static String namedOnce(String message, String original, String source) {
    if (source == null || original == null || !original.contains(source)) {
      return message;
    }
    String alone = " (in " + source + ")";
    if (message.endsWith(alone)) {
      return message.substring(0, message.length() - alone.length());
    }
    String tail = " in " + source + ")";
    if (message.endsWith(tail)) {
      return message.substring(0, message.length() - tail.length()) + ")";
    }
    return message;
  }
}
