package dev.rrdvideo.spark.internal;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.types.StructType;

/**
 * What every task of a scan needs besides its files.
 *
 * @param schema the columns to produce (the pruned schema)
 * @param request what to scan and where each table column goes
 * @param pathPosition position of {@code path} in {@code schema}, or -1
 * @param ignoreCorruptFiles whether malformed files are skipped
 * @param maxLocalCopyBytes the largest file copied from a non-local file system
 * @param hadoopConf the Hadoop configuration, broadcast
 */
record ReaderConfig(
    StructType schema,
    InspectAdapter.Request request,
    int pathPosition,
    boolean ignoreCorruptFiles,
    long maxLocalCopyBytes,
    Broadcast<SerializableConf> hadoopConf)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
