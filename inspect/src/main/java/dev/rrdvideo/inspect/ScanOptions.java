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
 * @param trackId the MP4 track to scan ({@code track_ID}), or {@code null} for the first video
 *     track; applies to MP4 input only
 */
public record ScanOptions(
    String entity,
    String timeline,
    boolean hash,
    Supplier<? extends SampleAnalyzer> analyzers,
    PayloadSink payloads,
    Long trackId) {

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

  /** Creates options without a payload sink, for the first video track of an MP4. */
  public ScanOptions(
      String entity, String timeline, boolean hash, Supplier<? extends SampleAnalyzer> analyzers) {
    this(entity, timeline, hash, analyzers, null, null);
  }

  /** Creates options for the first video track of an MP4. */
  public ScanOptions(
      String entity,
      String timeline,
      boolean hash,
      Supplier<? extends SampleAnalyzer> analyzers,
      PayloadSink payloads) {
    this(entity, timeline, hash, analyzers, payloads, null);
  }

  /**
   * Returns options that scan everything, without hashing, with analyzers from {@code analyzers}.
   */
  public static ScanOptions defaults(Supplier<? extends SampleAnalyzer> analyzers) {
    return new ScanOptions(null, null, false, analyzers, null, null);
  }

  /** Returns these options for MP4 track {@code trackId} ({@code null}: the first video track). */
  public ScanOptions withTrackId(Long trackId) {
    return new ScanOptions(entity, timeline, hash, analyzers, payloads, trackId);
  }

  /**
   * Returns these options with another analyzer factory ({@code () -> SampleAnalyzer.NONE}: no
   * bitstream columns).
   */
  public ScanOptions withAnalyzers(Supplier<? extends SampleAnalyzer> analyzers) {
    return new ScanOptions(entity, timeline, hash, analyzers, payloads, trackId);
  }

  /** Returns a new analyzer for the next stream (the scanners call this once per stream). */
  SampleAnalyzer newAnalyzer() {
    return Objects.requireNonNull(analyzers.get(), "the analyzer factory returned null");
  }
}
