package dev.rrdvideo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The inputs of a command run on many files: several paths, directories (walked recursively) and
 * {@code @LIST} files, expanded into one list of files, each with the path it is shown as.
 *
 * <ul>
 *   <li>A file argument is shown as written. A directory is walked recursively (symbolic links
 *       followed, a directory reached again through a link loop not walked twice); hidden files and
 *       directories (a name starting with {@code .}) are skipped; a file is taken when {@code
 *       --glob} matches its name, or without {@code --glob} when the command reads files of that
 *       name ({@link #MEDIA}, {@link #RECORDINGS}). When the only argument is a directory, its
 *       files are shown relative to it ({@code a/b.rrd}); among several arguments, prefixed with
 *       the directory as written ({@code runs/a/b.rrd}), so that names from two arguments never
 *       clash.
 *   <li>{@code @LIST} is a text file with one path per line (exactly the line, without its line
 *       terminator); blank lines and lines starting with {@code #} are skipped. Relative paths are
 *       relative to the working directory (as in {@code javac @argfiles} and {@code find ... >
 *       LIST}), each is shown as written, and a directory in a list is walked like a directory
 *       argument among several.
 *   <li>A file reached twice (named twice, or through a link) is taken once, under the first of its
 *       paths in order. The list is sorted by shown path (character order), whatever the order of
 *       the arguments or of the directory listing.
 *   <li>A path that does not exist, a list that cannot be read or a directory that cannot be listed
 *       is not an error of the whole run: it becomes a failed item, reported with its path while
 *       the other files are processed.
 * </ul>
 *
 * <p>{@code -} (stdin) is one input only: with other inputs it is a usage error.
 */
final class BatchInputs {
  private BatchInputs() {}

  /** The file names {@code inspect}, {@code check} and {@code convert} read. */
  static final Predicate<String> MEDIA =
      name -> dev.rrdvideo.media.MediaKind.fromFileName(name).isPresent();

  /** The file names {@code verify} reads. */
  static final Predicate<String> RECORDINGS =
      name -> name.toLowerCase(java.util.Locale.ROOT).endsWith(".rrd");

  /**
   * One input of a batch: a file to process, or a path that failed before it could be opened
   * ({@link #failure()} set, {@link #file()} null).
   *
   * @param path the path shown in tables, reports and messages
   * @param file the file to open, or null for a failed item
   * @param failure why the item could not be read (a missing path, an unreadable list), or null
   */
  record Item(String path, Path file, Exception failure) {
    /** Returns whether the item failed before being opened. */
    boolean failed() {
      return failure != null;
    }
  }

  /**
   * Returns whether these arguments ask for a batch: more than one, or a directory, or a
   * {@code @LIST}. A single file (or {@code -}) runs as before.
   */
  static boolean isBatch(List<String> args) {
    if (args.size() != 1) {
      return true;
    }
    String a = args.get(0);
    return a.startsWith("@") || (!Io.isDash(a) && Files.isDirectory(Path.of(a)));
  }

  /**
   * Expands the arguments into the files of the batch, sorted by shown path.
   *
   * @param args the arguments as given
   * @param glob a glob for the names of files found in directories ({@code *.rrd}), or null
   * @param readable the names a directory yields without a glob
   * @throws CliException (usage) for {@code -} among several inputs or a glob that does not parse
   */
  static List<Item> expand(List<String> args, String glob, Predicate<String> readable) {
    if (args.size() > 1 && args.stream().anyMatch(Io::isDash)) {
      throw new CliException(
          ExitCode.USAGE, "- (stdin) is one input on its own, not one of several inputs");
    }
    Predicate<String> names = readable;
    if (glob != null) {
      PathMatcher m;
      try {
        m = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--glob '" + glob + "': " + e.getMessage());
      }
      names = name -> m.matches(Path.of(name));
    }
    List<Item> found = new ArrayList<>();
    boolean alone = args.size() == 1;
    for (String arg : args) {
      if (arg.startsWith("@")) {
        list(arg, names, found);
      } else {
        one(arg, alone, names, found);
      }
    }
    return unique(found);
  }

  /** Adds a file or directory argument (or list entry). */
  private static void one(String arg, boolean alone, Predicate<String> names, List<Item> found) {
    Path p;
    try {
      p = Path.of(arg);
    } catch (java.nio.file.InvalidPathException e) { // a name this system cannot have
      found.add(
          new Item(
              arg,
              null,
              new CliException(
                  ExitCode.MALFORMED,
                  "not a path: " + e.getReason() + " at index " + e.getIndex())));
      return;
    }
    if (Files.isDirectory(p)) {
      String prefix = alone ? "" : arg.endsWith("/") ? arg : arg + "/";
      walk(p, prefix, names, found);
    } else if (Files.exists(p)) {
      found.add(new Item(arg, p, null));
    } else {
      found.add(new Item(arg, null, new NoSuchFileException(arg)));
    }
  }

  /** Adds the entries of {@code @LIST}. */
  private static void list(String arg, Predicate<String> names, List<Item> found) {
    String listName = arg.substring(1);
    List<String> entries;
    try {
      entries = listEntries(Files.readAllBytes(Path.of(listName)), listName);
    } catch (IOException | RuntimeException e) {
      found.add(new Item(arg, null, e));
      return;
    }
    for (String entry : entries) {
      one(entry, false, names, found);
    }
  }

  /**
   * The paths a list file names: its lines (ended by LF, CRLF or CR), without blank lines and lines
   * starting with {@code #}.
   *
   * @throws CliException (malformed input) when the list is not UTF-8 text (with the offset of the
   *     first byte that is not) or a line holds a NUL character (with its line number)
   */
  static List<String> listEntries(byte[] content, String listName) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] == 0) { // UTF-8 encodes nothing else with a zero byte
        throw new CliException(
            ExitCode.MALFORMED,
            "list "
                + listName
                + " holds a NUL character at offset "
                + i
                + ": a path cannot hold one");
      }
    }
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(content);
    java.nio.CharBuffer text = java.nio.CharBuffer.allocate(content.length);
    java.nio.charset.CoderResult r =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(in, text, true);
    if (r.isError()) {
      throw new CliException(
          ExitCode.MALFORMED,
          "list "
              + listName
              + " is not a text file: expected UTF-8, found byte 0x"
              + Integer.toHexString(content[in.position()] & 0xff)
              + " at offset "
              + in.position());
    }
    text.flip();
    List<String> out = new ArrayList<>();
    for (String l : (Iterable<String>) text.toString().lines()::iterator) {
      if (!l.isBlank() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  /** Adds the files under {@code dir}, shown as {@code prefix} + their path inside it. */
  private static void walk(Path dir, String prefix, Predicate<String> names, List<Item> found) {
    try {
      Files.walkFileTree(
          dir,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              return !d.equals(dir) && hidden(d)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              String name = String.valueOf(f.getFileName());
              if (hidden(f) || !names.test(name)) {
                return FileVisitResult.CONTINUE;
              }
              String shown = prefix + relative(dir, f);
              if (attrs.isRegularFile()) {
                found.add(new Item(shown, f, null));
              } else if (attrs.isSymbolicLink()) { // a link to nothing
                found.add(new Item(shown, null, new NoSuchFileException(shown)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              if (!(e instanceof FileSystemLoopException)) {
                found.add(new Item(prefix + relative(dir, f), null, e));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      found.add(new Item(prefix.isEmpty() ? dir.toString() : prefix, null, e));
    }
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  /** The path of {@code f} inside {@code dir}, with {@code /} between names. */
  private static String relative(Path dir, Path f) {
    Path r = dir.relativize(f);
    StringBuilder b = new StringBuilder();
    for (Path part : r) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part);
    }
    return b.toString();
  }

  /**
   * Sorts by shown path and keeps each file once (under the first of its paths): files are the same
   * when their real paths are.
   */
  private static List<Item> unique(List<Item> found) {
    found.sort(Comparator.comparing(Item::path));
    Map<Path, Boolean> seen = new HashMap<>();
    List<Item> out = new ArrayList<>(found.size());
    String previous = null;
    for (Item i : found) {
      if (i.file() != null) {
        Path real;
        try {
          real = i.file().toRealPath();
        } catch (IOException e) {
          real = i.file().toAbsolutePath().normalize();
        }
        if (seen.putIfAbsent(real, Boolean.TRUE) != null) {
          continue;
        }
      } else if (i.path().equals(previous)) {
        continue;
      }
      previous = i.path();
      out.add(i);
    }
    return out;
  }
}
