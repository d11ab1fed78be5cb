package dev.rrdvideo.cli;

/**
 * The {@code java.util.logging} configuration of a command-line run: none. Named by the system
 * property {@code java.util.logging.config.class}, which {@link StartupDefaults} sets when the user
 * has not configured logging: the log manager then instantiates this class instead of reading the
 * JDK's {@code logging.properties}, and no handler is installed. Libraries' log records (protobuf's
 * runtime starts a logger even when it never logs) reach nobody; the tool reports what went wrong
 * itself, as one {@code error:} line. Saves a run that reads or writes a recording ~4 ms of
 * start-up. A user who sets {@code java.util.logging.config.file} or {@code
 * java.util.logging.config.class} (in {@code RRDVIDEO_JAVA_OPTS}) gets that configuration instead.
 */
public final class QuietLogging {
  static final String CONFIG_CLASS = "java.util.logging.config.class";
  static final String CONFIG_FILE = "java.util.logging.config.file";

  /** Called by the log manager; configures nothing. */
  public QuietLogging() {}

  /** Makes this class the logging configuration unless the user chose one. */
  static void install() {
    if (System.getProperty(CONFIG_CLASS) == null && System.getProperty(CONFIG_FILE) == null) {
      System.setProperty(CONFIG_CLASS, QuietLogging.class.getName());
    }
  }
}
