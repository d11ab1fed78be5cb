package dev.rrdvideo.spark.internal;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * What one task reads: whole files, one after another, or one part of a large recording.
 *
 * @param index position of the partition
 * @param files the whole files, sorted by path (empty when {@code slice} is set)
 * @param slice the part of a recording to read, or null
 */
record FilePartition(int index, List<FileRef> files, FileSlice slice) implements InputPartition {
  private static final long serialVersionUID = 1L;

  FilePartition {
    files = List.copyOf(files);
  }

  /** A partition of whole files. */
  FilePartition(int index, List<FileRef> files) {
    this(index, files, null);
  }
}
