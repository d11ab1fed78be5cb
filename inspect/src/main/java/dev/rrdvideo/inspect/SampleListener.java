package dev.rrdvideo.inspect;

import java.io.IOException;

/**
 * Receives the rows of a sample table, one stream after another, each in decode order; for an
 * {@code AssetVideo} stream also the {@code VideoFrameReference} rows that point at it.
 */
@FunctionalInterface
public interface SampleListener {
  /** Called once per sample; {@code row} is reused for the next call. */
  void sample(SampleRow row) throws IOException;

  /** Called after the last sample of each stream (entity / track). */
  default void endOfStream(String entity, String timeline) throws IOException {}

  /**
   * Called for each {@code VideoFrameReference} row that points at the {@code AssetVideo} stream
   * being scanned, after its last sample and before {@link #endOfStream}; after all streams, also
   * for each row that points at no {@code AssetVideo} ({@link FrameReference.Status#NO_ASSET}).
   * {@code ref} is reused for the next call.
   */
  default void frameReference(FrameReference ref) throws IOException {}

  /**
   * Called once per {@code AssetVideo} stream after its frame references (also when there are
   * none), before {@link #endOfStream}; and once after all streams with {@code video} {@code null}
   * when {@code references} rows pointed at no {@code AssetVideo} (not called when there were
   * none).
   *
   * @param video the entity path of the {@code AssetVideo}, or {@code null} for the references that
   *     point at none
   * @param references the number of references reported
   */
  default void endOfFrameReferences(String video, long references) throws IOException {}
}
