package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdReadOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns an input into sample rows: every {@code VideoStream} entity of a recording (in file order),
 * or the video track of an MP4, or an elementary stream.
 *
 * <p>Recordings are opened with {@link RrdFile}, so only the chunks of video entities are decoded
 * and memory stays bounded by one chunk.
 */
public final class SampleScanner {
  private SampleScanner() {}

  /**
   * Scans a recording.
   *
   * @return the number of video streams found
   * @throws dev.rrdvideo.format.RrdVideoException for malformed input
   */
  public static int scanRecording(
      Path rrd, RrdReadOptions readOptions, ScanOptions options, SampleListener listener)
      throws IOException {
    try (RrdFile file = RrdFile.open(rrd, readOptions)) {
      return new RecordingScanner(file, options, listener).scan();
    }
  }
}
