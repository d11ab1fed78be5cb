package dev.rrdvideo.inspect;

import java.io.IOException;

/** Passes on the rows in the options' time ranges only ({@link ScanOptions#ptsRange()}). */
final class RangeFilter implements SampleListener {
  private final ScanOptions options;
  private final SampleListener listener;

  private RangeFilter(ScanOptions options, SampleListener listener) {
    this.options = options;
    this.listener = listener;
  }

  /** Returns {@code listener}, behind a filter when the options have a time range. */
  static SampleListener of(ScanOptions options, SampleListener listener) {
    return options.windowed() ? new RangeFilter(options, listener) : listener;
  }

  @Override
  public void sample(SampleRow row) throws IOException {
    if (options.inRange(row)) {
      listener.sample(row);
    }
  }

  @Override
  public void endOfStream(String entity, String timeline) throws IOException {
    listener.endOfStream(entity, timeline);
  }

  @Override
  public void frameReference(FrameReference ref) throws IOException {
    listener.frameReference(ref);
  }

  @Override
  public void endOfFrameReferences(String video, long references) throws IOException {
    listener.endOfFrameReferences(video, references);
  }
}
