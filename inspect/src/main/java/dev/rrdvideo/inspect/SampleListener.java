package dev.rrdvideo.inspect;

import java.io.IOException;

/** Receives the rows of a sample table, one stream after another, each in decode order. */
@FunctionalInterface
public interface SampleListener {
  /** Called once per sample; {@code row} is reused for the next call. */
  void sample(SampleRow row) throws IOException;

  /** Called after the last sample of each stream (entity / track). */
  default void endOfStream(String entity, String timeline) throws IOException {}
}
