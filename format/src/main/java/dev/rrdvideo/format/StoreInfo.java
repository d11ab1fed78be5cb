package dev.rrdvideo.format;

import dev.rrdvideo.format.chunk.Tuid;
import java.util.Objects;

/**
 * A {@code SetStoreInfo} message: announces a store and its metadata.
 *
 * @param offset absolute offset of the message header ({@code -1} for messages built to be written)
 * @param rowId the message's row id
 * @param storeId the store this announces
 * @param source the producing program
 * @param storeVersion the version in {@code store_version}, or {@code null} when absent (when read
 *     from a stream, Rerun replaces it with the stream header's version; this field keeps the
 *     stored value)
 */
public record StoreInfo(
    long offset, Tuid rowId, StoreId storeId, StoreSource source, RrdVersion storeVersion)
    implements RrdMessage {
  /** Validates the required fields. */
  public StoreInfo {
    Objects.requireNonNull(rowId, "rowId is null");
    Objects.requireNonNull(storeId, "storeId is null");
    Objects.requireNonNull(source, "source is null");
  }

  /** Returns a store info for writing, with offset {@code -1}. */
  public static StoreInfo of(Tuid rowId, StoreId storeId, StoreSource source, RrdVersion version) {
    return new StoreInfo(-1, rowId, storeId, source, version);
  }
}
