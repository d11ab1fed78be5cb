package dev.rrdvideo.spark.internal;

import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns and filters Spark pushes down. Every filter is also returned for evaluation
 * after the scan: pushed filters only skip work (files, entities), see {@link PushedFilters}.
 */
final class RrdVideoScanBuilder
    implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {
  private final ReadOptions options;
  private StructType schema;
  private PushedFilters filters = new PushedFilters(new Filter[0]);

  RrdVideoScanBuilder(ReadOptions options) {
    this.options = options;
    this.schema = options.table().schema();
  }

  @Override
  public Filter[] pushFilters(Filter[] offered) {
    filters = new PushedFilters(offered);
    return offered;
  }

  @Override
  public Filter[] pushedFilters() {
    return filters.pushed();
  }

  @Override
  public void pruneColumns(StructType required) {
    schema = RrdVideoScan.prune(options.table().schema(), required);
  }

  @Override
  public Scan build() {
    return new RrdVideoScan(options, schema, filters);
  }
}
