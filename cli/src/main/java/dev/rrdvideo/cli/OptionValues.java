package dev.rrdvideo.cli;

import dev.rrdvideo.format.chunk.EntityPath;

/** Turns option text into typed values; text that does not parse is a usage error (exit 2). */
final class OptionValues {
  private OptionValues() {}

  /**
   * Parses the value of an entity-path option such as {@code --entity}.
   *
   * @param option the option's name, for the message
   * @param text the value the user gave
   * @throws CliException with {@link ExitCode#USAGE} when the text is not an entity path
   */
  static EntityPath entityPath(String option, String text) {
    try {
      return EntityPath.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, option + ": " + e.getMessage());
    }
  }
}
