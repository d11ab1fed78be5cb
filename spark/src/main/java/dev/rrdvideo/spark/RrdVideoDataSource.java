package dev.rrdvideo.spark;

import dev.rrdvideo.spark.internal.ReadOptions;
import dev.rrdvideo.spark.internal.RrdVideoTable;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code rrdvideo} data source (DataSource V2): {@code
 * spark.read.format("rrdvideo").load("s3a://bucket/recordings/")} reads recordings ({@code .rrd}),
 * MP4, IVF and raw H.264 / H.265 / AV1 streams from any Hadoop file system and gives the tables of
 * {@code rrdvideo inspect} with a leading {@code path} column.
 *
 * <p>Options (all optional):
 *
 * <ul>
 *   <li>{@code table}: {@code samples} (default; schema {@code rrdvideo.samples/2}), {@code gops}
 *       ({@code rrdvideo.gops/2}) or {@code summary} (one row per stream);
 *   <li>{@code entity}, {@code timeline}: as {@code rrdvideo inspect --entity / --timeline};
 *   <li>{@code recursiveFileLookup} ({@code false}), {@code pathGlobFilter}, {@code
 *       ignoreCorruptFiles} (default: {@code spark.sql.files.ignoreCorruptFiles}), as for Spark's
 *       own file sources;
 *   <li>{@code maxPartitionBytes}: pack several small files into one partition up to this many
 *       bytes (default: one partition per file);
 *   <li>{@code maxLocalCopyBytes}: files on a non-local file system are copied to a local temporary
 *       file while they are read; larger files fail (default 64 GiB).
 * </ul>
 *
 * <p>Columns not selected are not computed (no bitstream parsing without the bitstream columns or
 * {@code gop_index}, no hashing without {@code sha256}); filters on {@code path} skip files and an
 * equality filter on {@code entity} skips other entities. See {@code docs/spark.md}.
 */
public final class RrdVideoDataSource implements TableProvider, DataSourceRegister {
  /** The short name for {@code spark.read.format(...)}. */
  public static final String SHORT_NAME = "rrdvideo";

  /** Creates the data source (Spark instantiates it by reflection). */
  public RrdVideoDataSource() {}

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return ReadOptions.parse(options).table().schema();
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new RrdVideoTable(ReadOptions.parse(new CaseInsensitiveStringMap(properties)));
  }
}
