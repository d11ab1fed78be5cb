package dev.rrdvideo.spark.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of one read, parsed and checked on the driver.
 *
 * @param paths the paths given to {@code load} (files, directories or globs)
 * @param table the table to produce
 * @param entity option {@code entity}: the entity path to scan in recordings, or {@code null}
 * @param timeline option {@code timeline}, or {@code null}
 * @param recursiveFileLookup whether directories are listed recursively
 * @param pathGlobFilter a glob file names must match, or {@code null}
 * @param ignoreCorruptFiles {@code true} / {@code false}, or {@code null} for the session's {@code
 *     spark.sql.files.ignoreCorruptFiles}
 * @param maxPartitionBytes option {@code maxPartitionBytes}, or 0 when not set: recordings larger
 *     than this (when not set, the session's {@code spark.sql.files.maxPartitionBytes}) are split
 *     into parts of about this many bytes; when set, small files are also packed into partitions of
 *     up to this many bytes
 * @param maxLocalCopyBytes the largest file copied from a non-local file system
 * @param hadoopOptions the other options, passed to the Hadoop configuration (e.g. {@code
 *     fs.s3a.endpoint})
 */
public record ReadOptions(
    List<String> paths,
    TableKind table,
    String entity,
    String timeline,
    boolean recursiveFileLookup,
    String pathGlobFilter,
    Boolean ignoreCorruptFiles,
    long maxPartitionBytes,
    long maxLocalCopyBytes,
    Map<String, String> hadoopOptions)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default of {@code maxLocalCopyBytes}: 64 GiB. */
  public static final long DEFAULT_MAX_LOCAL_COPY_BYTES = 64L << 30;

  private static final Set<String> OWN =
      Set.of(
          "path",
          "paths",
          "table",
          "entity",
          "timeline",
          "recursivefilelookup",
          "pathglobfilter",
          "ignorecorruptfiles",
          "maxpartitionbytes",
          "maxlocalcopybytes");

  /** Copies the collections. */
  public ReadOptions {
    paths = List.copyOf(paths);
    hadoopOptions = Map.copyOf(hadoopOptions);
  }

  /**
   * Parses the data source options.
   *
   * @throws IllegalArgumentException for an invalid value, naming the option
   */
  public static ReadOptions parse(CaseInsensitiveStringMap options) {
    List<String> paths = new ArrayList<>();
    if (options.containsKey("paths")) {
      paths.addAll(JsonStrings.parseArray(options.get("paths")));
    }
    if (options.containsKey("path")) {
      paths.add(options.get("path"));
    }
    String entity = options.get("entity");
    if (entity != null) {
      InspectAdapter.checkEntity(entity);
    }
    Map<String, String> hadoop = new TreeMap<>();
    for (Map.Entry<String, String> e : options.asCaseSensitiveMap().entrySet()) {
      if (!OWN.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        hadoop.put(e.getKey(), e.getValue());
      }
    }
    String corrupt = options.get("ignoreCorruptFiles");
    return new ReadOptions(
        paths,
        TableKind.parse(options.getOrDefault("table", "samples")),
        entity,
        options.get("timeline"),
        bool(options, "recursiveFileLookup", false),
        options.get("pathGlobFilter"),
        corrupt == null ? null : bool(options, "ignoreCorruptFiles", false),
        positive(options, "maxPartitionBytes", 0),
        positive(options, "maxLocalCopyBytes", DEFAULT_MAX_LOCAL_COPY_BYTES),
        hadoop);
  }

  private static boolean bool(CaseInsensitiveStringMap o, String key, boolean dflt) {
    String v = o.get(key);
    if (v == null) {
      return dflt;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "option " + key + ": expected true or false, found '" + v + "'");
    };
  }

  private static long positive(CaseInsensitiveStringMap o, String key, long dflt) {
    String v = o.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "option " + key + ": expected a positive number of bytes, found '" + v + "'");
  }
}
