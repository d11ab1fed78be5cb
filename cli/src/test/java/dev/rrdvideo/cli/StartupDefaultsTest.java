package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * QuietLogging becomes the logging configuration, and the library defaults are set, only when the
 * user has not chosen otherwise.
 */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class StartupDefaultsTest {
  private static final String[] KEYS = {
    QuietLogging.CONFIG_CLASS, QuietLogging.CONFIG_FILE, StartupDefaults.ARROW_ALLOCATION_MANAGER
  };
  private final String[] saved = new String[KEYS.length];

  @BeforeEach
  void save() {
    for (int i = 0; i < KEYS.length; i++) {
      saved[i] = System.clearProperty(KEYS[i]);
    }
  }

  @AfterEach
  void restore() {
    for (int i = 0; i < KEYS.length; i++) {
      restore(KEYS[i], saved[i]);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void installsItselfWhenNothingIsConfigured() {
    QuietLogging.install();
    assertThat(System.getProperty(QuietLogging.CONFIG_CLASS))
        .isEqualTo("dev.rrdvideo.cli.QuietLogging");
  }

  @Test
  void leavesAUsersConfigurationAlone() {
    System.setProperty(QuietLogging.CONFIG_FILE, "/etc/my-logging.properties");
    QuietLogging.install();
    assertThat(System.getProperty(QuietLogging.CONFIG_CLASS)).isNull();
    System.clearProperty(QuietLogging.CONFIG_FILE);
    System.setProperty(QuietLogging.CONFIG_CLASS, "com.example.Logging");
    QuietLogging.install();
    assertThat(System.getProperty(QuietLogging.CONFIG_CLASS)).isEqualTo("com.example.Logging");
  }

  @Test
  void arrowsAllocationManagerIsNamedUnlessSet() throws Exception {
    StartupDefaults.install();
    assertThat(System.getProperty(StartupDefaults.ARROW_ALLOCATION_MANAGER)).isEqualTo("Unsafe");
    assertThat(System.getProperty(QuietLogging.CONFIG_CLASS))
        .isEqualTo("dev.rrdvideo.cli.QuietLogging");
    // the class named exists on the tool's class path (looked up, not initialized: Arrow's
    // allocation manager must initialize after its allocator)
    Class.forName(
        "org.apache.arrow.memory.unsafe.UnsafeAllocationManager",
        false,
        getClass().getClassLoader());
    System.clearProperty(StartupDefaults.ARROW_ALLOCATION_MANAGER);
    System.setProperty(StartupDefaults.ARROW_ALLOCATION_MANAGER, "Netty");
    StartupDefaults.install();
    assertThat(System.getProperty(StartupDefaults.ARROW_ALLOCATION_MANAGER)).isEqualTo("Netty");
  }

  @Test
  void slf4jsProviderIsNamedQuietlyUnlessSet() throws Exception {
    StartupDefaults.install();
    assertThat(System.getProperty(StartupDefaults.SLF4J_PROVIDER))
        .isEqualTo("org.slf4j.nop.NOPServiceProvider");
    assertThat(System.getProperty(StartupDefaults.SLF4J_VERBOSITY)).isEqualTo("WARN");
    Class.forName("org.slf4j.nop.NOPServiceProvider", false, getClass().getClassLoader());
    System.clearProperty(StartupDefaults.SLF4J_VERBOSITY);
    System.setProperty(StartupDefaults.SLF4J_PROVIDER, "com.example.Provider");
    StartupDefaults.install();
    assertThat(System.getProperty(StartupDefaults.SLF4J_PROVIDER))
        .isEqualTo("com.example.Provider");
    assertThat(System.getProperty(StartupDefaults.SLF4J_VERBOSITY)).isNull();
  }
}
