package dev.rrdvideo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of a run (partial outputs, stdin spools, transcoder outputs), deleted by a
 * shutdown hook if the run ends before it deletes or renames them itself: on Ctrl-C (SIGINT),
 * SIGTERM, SIGHUP or an exit on any path. SIGKILL cannot be caught; a partial output left by it is
 * named {@code NAME.<hex>.partial} next to the output.
 */
final class TempFiles {
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
  private static boolean hookInstalled;

  private TempFiles() {}

  /** Registers a temporary file for deletion when the process ends. */
  static void register(Path p) {
    installHook();
    PENDING.add(p);
  }

  /** Forgets a temporary file (it was deleted or renamed). */
  static void release(Path p) {
    PENDING.remove(p);
  }

  /** Deletes a registered temporary file now, if it still exists. */
  static void delete(Path p) throws IOException {
    try {
      Files.deleteIfExists(p);
    } finally {
      PENDING.remove(p);
    }
  }

  /** Creates a registered temporary file in the JVM's temporary directory. */
  static Path create(String prefix, String suffix) throws IOException {
    Path p = Files.createTempFile(prefix, suffix);
    register(p);
    return p;
  }

  private static synchronized void installHook() {
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(TempFiles::deleteAll, "rrdvideo-temp-cleanup"));
      hookInstalled = true;
    }
  }

  private static void deleteAll() {
    // children before their directories
    java.util.List<Path> all = new java.util.ArrayList<>(PENDING);
    all.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path p : all) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException | RuntimeException e) {
        // best effort while the process ends; nothing else can be done here
      }
    }
  }
}
