package dev.rrdvideo.inspect;

import java.util.Objects;

/**
 * What to scan and what to compute: the entity and timeline to use in a recording, whether to hash
 * samples, and the bitstream analyzer.
 *
 * @param entity the entity path to scan, or {@code null} for every video entity
 * @param timeline the timeline to read times from, or {@code null} to pick one per entity (the
 *     timeline of the samples; {@code message_log_time} first when there are several, as the viewer
 *     does)
 * @param hash whether to compute the SHA-256 of each sample
 * @param analyzer the bitstream analyzer
 */
public record ScanOptions(String entity, String timeline, boolean hash, SampleAnalyzer analyzer) {
  /** Checks the analyzer. */
  public ScanOptions {
    Objects.requireNonNull(analyzer, "analyzer is null");
  }

  /** Returns options that scan everything, without hashing, with the given analyzer. */
  public static ScanOptions defaults(SampleAnalyzer analyzer) {
    return new ScanOptions(null, null, false, analyzer);
  }
}
