package dev.rrdvideo.format;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The footer manifest of one store: an index of all its chunks, as written by Rerun 0.28+ and by
 * {@link RrdWriter}.
 *
 * @param storeId the store indexed
 * @param chunks one entry per chunk, in file order
 * @param manifestSchema the Arrow schema of the manifest table (its column names and types)
 * @param sorbetSchema the Arrow schema of the whole store seen as one dataframe
 * @param sorbetSchemaSha256 the stored 32-byte schema hash
 */
public record RrdManifest(
    StoreId storeId,
    List<ChunkIndexEntry> chunks,
    Schema manifestSchema,
    Schema sorbetSchema,
    byte[] sorbetSchemaSha256) {
  /** Copies the list. */
  public RrdManifest {
    chunks = List.copyOf(chunks);
    sorbetSchemaSha256 = sorbetSchemaSha256.clone();
  }

  @Override
  public byte[] sorbetSchemaSha256() {
    return sorbetSchemaSha256.clone();
  }
}
