package dev.rrdvideo.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rrdvideo.format.testing.FuzzContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing of the {@code @LIST} files of a batch ({@code BatchInputs.listEntries}):
 * any bytes either give entries that are paths (no blank line, no comment, each one a valid path of
 * this file system) or a usage-level {@code CliException} of malformed input (exit 3) that says
 * where; anything else is a finding, and so is a slow input ({@link FuzzContract}). {@code mvn
 * test} replays the committed inputs under {@code BatchInputsFuzzTestInputs/list/}.
 */
class BatchInputsFuzzTest {
  private static final Method LIST_ENTRIES;
  private static final Method EXIT_CODE;

  static {
    try {
      Class<?> c = Class.forName("dev.rrdvideo.cli.BatchInputs");
      LIST_ENTRIES = c.getDeclaredMethod("listEntries", byte[].class, String.class);
      LIST_ENTRIES.setAccessible(true);
      Class<?> e = Class.forName("dev.rrdvideo.cli.CliException");
      EXIT_CODE = e.getDeclaredMethod("exitCode");
      EXIT_CODE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "2m")
  void list(byte[] data) throws Throwable {
    FuzzContract.check(
        () -> {
          List<?> entries;
          try {
            entries = (List<?>) LIST_ENTRIES.invoke(null, data, "list.txt");
          } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t.getClass().getSimpleName().equals("CliException")
                && (int) EXIT_CODE.invoke(t) == 3
                && t.getMessage().startsWith("list list.txt ")) {
              return; // malformed, and said so
            }
            if (t instanceof Error error) {
              throw error;
            }
            throw new AssertionError("not a malformed-list failure", t);
          }
          for (Object o : entries) {
            String entry = (String) o;
            if (entry.isBlank() || entry.startsWith("#")) {
              throw new AssertionError("entry " + entry + " should have been skipped");
            }
            Path.of(entry); // an InvalidPathException is a finding
          }
        });
  }
}
