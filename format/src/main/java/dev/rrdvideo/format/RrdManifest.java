package dev.rrdvideo.format;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The footer manifest of one store: an index of all its chunks, as written by Rerun 0.28+ and by
 * {@link RrdWriter}.
 *
 * @param storeId the store indexed
 * @param chunks one entry per chunk, in file order
 * @param manifestFields the columns of the manifest table (names and types)
 * @param sorbetFields the columns of the whole store seen as one dataframe
 * @param sorbetSchemaSha256 the stored 32-byte schema hash
 */
public record RrdManifest(
    StoreId storeId,
    List<ChunkIndexEntry> chunks,
    List<Field> manifestFields,
    List<Field> sorbetFields,
    byte[] sorbetSchemaSha256) {
  /** Copies the lists. */
  public RrdManifest {
    chunks = List.copyOf(chunks);
    manifestFields = List.copyOf(manifestFields);
    sorbetFields = List.copyOf(sorbetFields);
    sorbetSchemaSha256 = sorbetSchemaSha256.clone();
  }

  @Override
  public byte[] sorbetSchemaSha256() {
    return sorbetSchemaSha256.clone();
  }

  /**
   * Returns the manifest table's columns as an Arrow schema (without the table's schema metadata).
   * Prefer {@link #manifestFields()}: the first use of Arrow's {@code Schema} class initializes a
   * JSON library (tens of milliseconds).
   */
  public Schema manifestSchema() {
    return new Schema(manifestFields);
  }

  /** Returns the store's dataframe columns as an Arrow schema; see {@link #manifestSchema()}. */
  public Schema sorbetSchema() {
    return new Schema(sorbetFields);
  }
}
