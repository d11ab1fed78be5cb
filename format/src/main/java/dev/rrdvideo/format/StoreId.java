package dev.rrdvideo.format;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a store: its kind, recording id and application id.
 *
 * @param kind recording or blueprint
 * @param recordingId any string; Rerun generates {@code rec_} + 32 hex digits
 * @param applicationId the application id, or {@code null} when absent (files from Rerun 0.24 and
 *     older)
 */
public record StoreId(StoreKind kind, String recordingId, String applicationId) {
  private static final Pattern SAFE_APPLICATION_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,180}");

  /** Validates the fields. */
  public StoreId {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(recordingId, "recordingId is null");
  }

  // equals and hashCode written out: a record's generated ones are bootstrapped through
  // java.lang.runtime.ObjectMethods on first use, ~4 ms of a short command's start-up (the writer
  // hashes a StoreId for every chunk's index entry)

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreId s
        && kind == s.kind
        && recordingId.equals(s.recordingId)
        && Objects.equals(applicationId, s.applicationId);
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + recordingId.hashCode()) * 31 + Objects.hashCode(applicationId);
  }

  /** Returns a recording store id. */
  public static StoreId recording(String applicationId, String recordingId) {
    return new StoreId(StoreKind.RECORDING, recordingId, applicationId);
  }

  /**
   * Returns whether an application id is accepted unchanged by every Rerun version we target: 1-180
   * characters of letters, digits, {@code _} and {@code -} (Rerun 0.36 rewrites ids with dots or
   * other characters and rejects empty ones).
   */
  public static boolean isSafeApplicationId(String id) {
    return id != null && SAFE_APPLICATION_ID.matcher(id).matches();
  }
}
