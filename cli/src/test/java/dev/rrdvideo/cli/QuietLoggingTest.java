package dev.rrdvideo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** QuietLogging becomes the logging configuration only when the user has not chosen one. */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class QuietLoggingTest {
  private String savedClass;
  private String savedFile;

  @BeforeEach
  void save() {
    savedClass = System.clearProperty(QuietLogging.CONFIG_CLASS);
    savedFile = System.clearProperty(QuietLogging.CONFIG_FILE);
  }

  @AfterEach
  void restore() {
    restore(QuietLogging.CONFIG_CLASS, savedClass);
    restore(QuietLogging.CONFIG_FILE, savedFile);
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
}
