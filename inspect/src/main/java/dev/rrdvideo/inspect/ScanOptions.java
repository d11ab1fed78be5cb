package dev.rrdvideo.inspect;

import dev.rrdvideo.format.video.VideoCodec;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What to scan and what to compute: the entity and timeline to use in a recording, whether to hash
 * samples, where the bitstream analyzers come from, and an optional sink that sees every sample's
 * payload.
 *
 * @param entity the entity path to scan, or {@code null} for every video entity
 * @param timeline the timeline to read times from, or {@code null} to pick one per entity (the
 *     timeline of the samples; {@code message_log_time} first when there are several, as the viewer
 *     does)
 * @param hash whether to compute the SHA-256 of each sample
 * @param analyzers makes the bitstream analyzer of each stream (entity, track or file): a new
 *     analyzer per stream, so that what an analyzer remembers between samples (parameter sets, a
 *     sequence header) is never applied to another stream; e.g. {@code BitstreamAnalyzer::new}
 * @param payloads receives each sample's payload before its row is emitted, or {@code null}
 */
public record ScanOptions(
    String entity,
    String timeline,
    boolean hash,
    Supplier<? extends SampleAnalyzer> analyzers,
    PayloadSink payloads) {

  /**
   * Receives sample payloads: Annex B for H.264/H.265 (MP4 samples are converted, without adding
   * parameter sets), OBUs for AV1, frames for VP8/VP9. The buffer is valid during the call only.
   */
  @FunctionalInterface
  public interface PayloadSink {
    /** Called once per sample, in decode order. */
    void payload(VideoCodec codec, ByteBuffer sample);
  }

  /** Checks the analyzer factory. */
  public ScanOptions {
    Objects.requireNonNull(analyzers, "analyzers is null");
  }

  /** Creates options without a payload sink. */
  public ScanOptions(
      String entity, String timeline, boolean hash, Supplier<? extends SampleAnalyzer> analyzers) {
    this(entity, timeline, hash, analyzers, null);
  }

  /**
   * Returns options that scan everything, without hashing, with analyzers from {@code analyzers}.
   */
  public static ScanOptions defaults(Supplier<? extends SampleAnalyzer> analyzers) {
    return new ScanOptions(null, null, false, analyzers, null);
  }

  /** Returns a new analyzer for the next stream (the scanners call this once per stream). */
  SampleAnalyzer newAnalyzer() {
    return Objects.requireNonNull(analyzers.get(), "the analyzer factory returned null");
  }
}
