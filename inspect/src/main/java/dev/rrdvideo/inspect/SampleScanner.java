package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.media.MediaKind;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns an input into sample rows: every {@code VideoStream} entity of a recording (in file order),
 * then every {@code AssetVideo} entity (its MP4 blob demuxed in place, followed by the {@code
 * VideoFrameReference} rows that point at it, see {@link SampleListener#frameReference}), or the
 * video track of an MP4, or an elementary stream.
 *
 * <p>Recordings are opened with {@link RrdFile}, so only the chunks of video entities are decoded
 * and memory stays bounded by one chunk.
 */
public final class SampleScanner {
  private SampleScanner() {}

  /**
   * Scans any supported input file (the kind from {@link MediaKind#detect}).
   *
   * @return the number of video streams found
   * @throws dev.rrdvideo.format.UnsupportedFeatureException for an unknown file type
   */
  public static int scan(
      Path file, RrdReadOptions readOptions, ScanOptions options, SampleListener listener)
      throws IOException {
    return scan(file, null, readOptions, options, listener);
  }

  /**
   * Scans an input file of a known kind (for inputs whose name does not tell, such as stdin).
   *
   * @param kind the kind of input, or {@code null} to detect it ({@link MediaKind#detect})
   * @return the number of video streams found
   * @throws dev.rrdvideo.format.UnsupportedFeatureException for an unknown file type
   */
  public static int scan(
      Path file,
      MediaKind kind,
      RrdReadOptions readOptions,
      ScanOptions options,
      SampleListener listener)
      throws IOException {
    String name = String.valueOf(file.getFileName());
    if (kind == null) {
      kind = MediaKind.detect(file).orElse(null);
    }
    if (kind == null) {
      throw new dev.rrdvideo.format.UnsupportedFeatureException(
          "cannot tell what "
              + name
              + " is: expected an .rrd recording, an MP4, an IVF file, or"
              + " a raw stream named .h264, .h265 or .obu",
          name,
          0);
    }
    if (kind == MediaKind.RECORDING) {
      return scanRecording(file, readOptions, options, listener);
    }
    MediaScanner m = new MediaScanner(options, listener);
    if (kind == MediaKind.MP4) {
      try (dev.rrdvideo.media.mp4.Mp4Demuxer d = dev.rrdvideo.media.mp4.Mp4Demuxer.open(file)) {
        m.scanMp4(d, name);
      }
      return 1;
    }
    try (java.io.InputStream in =
        new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
      switch (kind) {
        case IVF -> m.scanIvf(in, name);
        case ANNEXB_H264 -> m.scanRaw(in, name, dev.rrdvideo.format.video.VideoCodec.H264);
        case ANNEXB_H265 -> m.scanRaw(in, name, dev.rrdvideo.format.video.VideoCodec.H265);
        default -> m.scanRaw(in, name, dev.rrdvideo.format.video.VideoCodec.AV1);
      }
    }
    return 1;
  }

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
