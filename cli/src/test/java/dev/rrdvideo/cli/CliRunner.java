package dev.rrdvideo.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process with captured stdout (text and bytes) and stderr. */
final class CliRunner {
  record Result(int exitCode, String out, String err, byte[] stdoutBytes) {}

  private CliRunner() {}

  /** Runs with {@code stdin} as standard input. */
  static Result runWithStdin(byte[] stdin, String... args) {
    Io.redirectStdin(new java.io.ByteArrayInputStream(stdin));
    try {
      return run(args);
    } finally {
      Io.redirectStdin(null);
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Io.redirectStdout(bytes);
    int code;
    try {
      code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    } finally {
      Io.redirectStdout(null);
    }
    return new Result(
        code, out + bytes.toString(StandardCharsets.UTF_8), err.toString(), bytes.toByteArray());
  }
}
