package dev.rrdvideo.cli;

/**
 * System properties a command-line run sets before any library starts, each only when the user has
 * not set it (in {@code RRDVIDEO_JAVA_OPTS}), naming what a library would otherwise look up at
 * start-up, with the same outcome in this tool's jar (bench/README.md).
 *
 * <ul>
 *   <li>java.util.logging: {@link QuietLogging};
 *   <li>{@code slf4j.provider}: slf4j-nop's provider, the one slf4j binding in the jar, which slf4j
 *       otherwise finds with a {@link java.util.ServiceLoader} over the class path (~5 ms of a run
 *       that reads or writes a recording: Arrow starts slf4j); with {@code
 *       slf4j.internal.verbosity=WARN}, because slf4j 2 reports a provider given this way on stderr
 *       at its INFO level;
 *   <li>{@code arrow.allocation.manager.type=Unsafe}: the one Arrow allocation manager in the jar
 *       (arrow-memory-unsafe), which Arrow otherwise finds by scanning the class path.
 * </ul>
 */
final class StartupDefaults {
  static final String ARROW_ALLOCATION_MANAGER = "arrow.allocation.manager.type";
  static final String SLF4J_PROVIDER = "slf4j.provider";
  static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  private StartupDefaults() {}

  /** Sets the properties the user has not set. */
  static void install() {
    QuietLogging.install();
    setIfAbsent(ARROW_ALLOCATION_MANAGER, "Unsafe");
    if (System.getProperty(SLF4J_PROVIDER) == null) {
      System.setProperty(SLF4J_PROVIDER, "org.slf4j.nop.NOPServiceProvider");
      setIfAbsent(SLF4J_VERBOSITY, "WARN");
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
