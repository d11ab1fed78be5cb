package dev.rrdvideo.spark.internal;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The table of one {@code load}: its schema depends on option {@code table}. */
public final class RrdVideoTable implements SupportsRead {
  private final ReadOptions options;

  /** Creates the table for parsed options. */
  public RrdVideoTable(ReadOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "rrdvideo " + options.table().name().toLowerCase(java.util.Locale.ROOT);
  }

  // abstract in Spark 4.0 but deprecated in favor of columns(), whose default derives from it
  @SuppressWarnings("deprecation")
  @Override
  public StructType schema() {
    return options.table().schema();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    return new RrdVideoScanBuilder(options);
  }
}
