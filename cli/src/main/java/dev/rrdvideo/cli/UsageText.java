package dev.rrdvideo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The top-level usage text, rendered by picocli from the full command model at build time ({@link
 * #main}, run by Maven after compiling) and stored as a resource, so that {@code rrdvideo --help}
 * can print it without building the model of all eight subcommands (most of such a run's time).
 * Lines end with {@code \n} in the resource and with the platform's line separator when printed, as
 * picocli prints them.
 */
public final class UsageText {
  /** The resource, next to this class. */
  static final String RESOURCE = "usage.txt";

  private UsageText() {}

  /** Renders the usage text with picocli (no colors), lines ending with {@code \n}. */
  static String render() {
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
    CommandLine cl = Main.commandLine(new String[0], sink, sink);
    StringWriter text = new StringWriter();
    cl.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  /** Returns the stored text with the platform's line separators, or null when it is missing. */
  static String load() {
    try (InputStream in = UsageText.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("\n", System.lineSeparator());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Writes the rendered text to the file named by the argument (the build's class output).
   *
   * @param args {@code FILE}
   */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    Files.createDirectories(file.getParent());
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }
}
