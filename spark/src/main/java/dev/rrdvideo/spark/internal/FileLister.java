package dev.rrdvideo.spark.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files of the paths given to {@code load}, as Spark's file sources do: each path may be
 * a file, a directory or a glob; a directory gives its files (and, with {@code
 * recursiveFileLookup}, those of its subdirectories); names starting with {@code _} or {@code .}
 * are skipped in directories; {@code pathGlobFilter} applies to every file name. Sorted by path,
 * without duplicates.
 */
final class FileLister {
  private FileLister() {}

  static List<FileRef> list(
      List<String> paths, Configuration conf, boolean recursive, String globFilter)
      throws IOException {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(
          "no path given: use spark.read.format(\"rrdvideo\").load(path)");
    }
    GlobFilter glob = globFilter == null ? null : new GlobFilter(globFilter);
    TreeMap<String, FileRef> out = new TreeMap<>();
    for (String p : paths) {
      Path path = new Path(p);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new FileNotFoundException("Path does not exist: " + fs.makeQualified(path));
      }
      for (FileStatus s : matches) {
        if (s.isDirectory()) {
          listDirectory(fs, s.getPath(), recursive, glob, out);
        } else {
          add(s, glob, out);
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private static void listDirectory(
      FileSystem fs, Path dir, boolean recursive, GlobFilter glob, TreeMap<String, FileRef> out)
      throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (s.isDirectory()) {
        if (recursive) {
          listDirectory(fs, s.getPath(), true, glob, out);
        }
      } else {
        add(s, glob, out);
      }
    }
  }

  private static void add(FileStatus s, GlobFilter glob, TreeMap<String, FileRef> out) {
    if (glob != null && !glob.accept(s.getPath())) {
      return;
    }
    String path = s.getPath().toString();
    out.put(
        path,
        new FileRef(path, s.getPath().toUri().toString(), s.getLen(), s.getModificationTime()));
  }
}
