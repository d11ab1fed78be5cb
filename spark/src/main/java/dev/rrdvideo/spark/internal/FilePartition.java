package dev.rrdvideo.spark.internal;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * The files one task reads, one after another.
 *
 * @param index position of the partition
 * @param files the files, sorted by path
 */
record FilePartition(int index, List<FileRef> files) implements InputPartition {
  private static final long serialVersionUID = 1L;

  FilePartition {
    files = List.copyOf(files);
  }
}
