package dev.rrdvideo.spark.internal;

import java.util.Locale;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The tables the data source gives (option {@code table}). */
public enum TableKind {
  /** One row per sample (frame): schema {@code rrdvideo.samples/2}, with {@code sha256}. */
  SAMPLES,
  /** One row per GOP: schema {@code rrdvideo.gops/2}. */
  GOPS,
  /** One row per stream: the fields of {@code rrdvideo inspect --summary --format json}. */
  SUMMARY;

  /** Name of the column holding the file's path; the first column of every table. */
  public static final String PATH = "path";

  /** Parses the option value, case-insensitively. */
  static TableKind parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option table: expected samples, gops or summary, found '" + name + "'", e);
    }
  }

  /** Returns the table's columns without {@code path}. */
  StructType columns() {
    return switch (this) {
      case SAMPLES -> InspectAdapter.sampleColumns();
      case GOPS -> InspectAdapter.gopColumns();
      case SUMMARY -> InspectAdapter.summaryColumns();
    };
  }

  /** Returns the schema: {@code path}, then {@link #columns()}. */
  public StructType schema() {
    StructType s =
        new StructType().add(DataTypes.createStructField(PATH, DataTypes.StringType, false));
    for (StructField f : columns().fields()) {
      s = s.add(f);
    }
    return s;
  }

  /** Returns the schema name and version ({@code rrdvideo.samples/2}, ...). */
  public String schemaName() {
    return switch (this) {
      case SAMPLES -> InspectAdapter.SAMPLES_SCHEMA;
      case GOPS -> InspectAdapter.GOPS_SCHEMA;
      case SUMMARY -> "rrdvideo.summary/1";
    };
  }
}
