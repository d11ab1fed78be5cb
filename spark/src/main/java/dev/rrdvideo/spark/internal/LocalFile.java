package dev.rrdvideo.spark.internal;

import dev.rrdvideo.format.error.LimitExceededException;
import dev.rrdvideo.format.error.RrdFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A file of any Hadoop file system as a local file the scanners can seek in: {@code file:} paths
 * (Hadoop's local file systems) are read in place; others are copied to a temporary file (at most
 * {@code maxLocalCopyBytes}, checked before copying) that {@link #close()} deletes. One file per
 * reader at a time, so the disk used is bounded by the largest file being read by each running
 * task.
 */
final class LocalFile implements AutoCloseable {
  private final Path path;
  private final Path tempDir;

  private LocalFile(Path path, Path tempDir) {
    this.path = path;
    this.tempDir = tempDir;
  }

  /** Returns the local path; its file name is the original file's name. */
  Path path() {
    return path;
  }

  /**
   * Opens {@code file}.
   *
   * @param file a fully qualified, escaped URI, as listed on the driver
   * @param sizeBytes the size the listing saw
   */
  static LocalFile open(
      String file, long sizeBytes, Configuration conf, long maxCopyBytes, ScanCounters counters)
      throws IOException {
    // a whole copy is the one range [0, size) of the file as listed
    return ranges(file, sizeBytes, new long[] {0, sizeBytes}, conf, maxCopyBytes, counters);
  }

  /** Returns the local file itself for Hadoop's local file systems, else null. */
  private static LocalFile inPlace(FileSystem fs, org.apache.hadoop.fs.Path p) {
    if (fs instanceof LocalFileSystem local) {
      // the file Hadoop itself would open (its path decoding, not java.net.URI's)
      return new LocalFile(local.pathToFile(p).toPath(), null);
    }
    if (fs instanceof RawLocalFileSystem raw && "file".equals(raw.getScheme())) {
      return new LocalFile(raw.pathToFile(p).toPath(), null);
    }
    return null;
  }

  /** Returns whether {@code file} (an escaped URI) is read in place (a local file system). */
  static boolean isLocal(String file, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(file));
    return inPlace(p.getFileSystem(conf), p) != null;
  }

  /**
   * Opens {@code file} for reading some byte ranges only: a local file in place; else a sparse
   * temporary file of the same size that holds those ranges (the rest reads as zeros), which {@link
   * #close()} deletes.
   *
   * @param ranges pairs of start and end offsets, sorted and disjoint, within {@code sizeBytes}
   */
  static LocalFile ranges(
      String file,
      long sizeBytes,
      long[] ranges,
      Configuration conf,
      long maxCopyBytes,
      ScanCounters counters)
      throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(file));
    FileSystem fs = p.getFileSystem(conf);
    LocalFile inPlace = inPlace(fs, p);
    if (inPlace != null) {
      return inPlace;
    }
    long total = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      total += ranges[i + 1] - ranges[i];
    }
    if (total > maxCopyBytes) {
      throw new LimitExceededException(
          "bytes copied to local disk for reading (option maxLocalCopyBytes)",
          total,
          maxCopyBytes,
          file,
          0,
          -1);
    }
    Path dir = Files.createTempDirectory("rrdvideo-spark-");
    Path local = dir.resolve(p.getName());
    boolean ok = false;
    try (org.apache.hadoop.fs.FSDataInputStream in = fs.open(p);
        java.nio.channels.FileChannel out =
            java.nio.channels.FileChannel.open(
                local,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
      byte[] buf = new byte[1 << 16];
      for (int i = 0; i < ranges.length; i += 2) {
        long at = ranges[i];
        // one seek per range, then a sequential read (positional reads of 64 KiB each can be a
        // request each on an object store)
        in.seek(at);
        while (at < ranges[i + 1]) {
          int n = (int) Math.min(buf.length, ranges[i + 1] - at);
          try {
            in.readFully(buf, 0, n);
          } catch (java.io.EOFException e) {
            throw new RrdFormatException(
                "file ended before byte "
                    + (at + n)
                    + " while copying it (it was listed with "
                    + sizeBytes
                    + " bytes)",
                file,
                at);
          }
          java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf, 0, n);
          while (bb.hasRemaining()) {
            out.write(bb, at + bb.position());
          }
          at += n;
          counters.bytesCopied += n;
        }
      }
      if (out.size() < sizeBytes) {
        out.write(java.nio.ByteBuffer.allocate(1), sizeBytes - 1);
      }
      ok = true;
    } finally {
      if (!ok) {
        Files.deleteIfExists(local);
        Files.deleteIfExists(dir);
      }
    }
    return new LocalFile(local, dir);
  }

  /**
   * Opens the recording of a part: the byte ranges it reads for a file of a non-local file system
   * ({@link FileSlice#copyRanges()}), else the file in place.
   */
  static LocalFile forSlice(
      FileSlice slice, Configuration conf, long maxCopyBytes, ScanCounters counters)
      throws IOException {
    FileRef f = slice.file();
    return slice.copyRanges() == null
        ? open(f.uri(), f.sizeBytes(), conf, maxCopyBytes, counters)
        : ranges(f.uri(), f.sizeBytes(), slice.copyRanges(), conf, maxCopyBytes, counters);
  }

  /** Reads {@code buf.length} bytes of {@code file} (an escaped URI) at {@code position}. */
  static void readAt(String file, Configuration conf, long position, byte[] buf)
      throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(file));
    try (org.apache.hadoop.fs.FSDataInputStream in = p.getFileSystem(conf).open(p)) {
      in.readFully(position, buf, 0, buf.length);
    }
  }

  /**
   * Reads up to {@code buf.length} first bytes of {@code file} (an escaped URI); returns how many.
   */
  static int head(String file, Configuration conf, byte[] buf) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(file));
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return in.readNBytes(buf, 0, buf.length);
    }
  }

  /** Deletes the temporary copy, if any. */
  @Override
  public void close() throws IOException {
    if (tempDir != null) {
      try {
        Files.deleteIfExists(path);
      } finally {
        Files.deleteIfExists(tempDir);
      }
    }
  }
}
