package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.error.UnsupportedFeatureException;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.media.MediaKind;
import dev.rrdvideo.media.mp4.Mp4Demuxer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
   * Scans an input file: a recording, an MP4, an IVF file or a raw stream, of the options' {@link
   * ScanOptions#kind() kind}, else the kind {@link MediaKind#detect} tells.
   *
   * @return the number of video streams found
   * @throws UnsupportedFeatureException for an unknown file type
   * @throws dev.rrdvideo.format.error.RrdVideoException for malformed input
   */
  public static int scan(Path file, ScanOptions options, SampleListener rows) throws IOException {
    SampleListener listener = RangeFilter.of(options, rows);
    String name = String.valueOf(file.getFileName());
    MediaKind kind = options.kind().orElse(null);
    if (kind == null) {
      kind = MediaKind.detect(file).orElse(null);
    }
    if (kind == null) {
      throw new UnsupportedFeatureException(
          "cannot tell what "
              + name
              + " is: expected an .rrd recording, an MP4, an IVF file, or"
              + " a raw stream named .h264, .h265 or .obu",
          name,
          0);
    }
    if (kind == MediaKind.RECORDING) {
      try (RrdFile rrd = RrdFile.open(file, options.readOptions())) {
        return new RecordingScanner(rrd, options, listener).scan();
      }
    }
    MediaScanner m = new MediaScanner(options, listener);
    if (kind == MediaKind.MP4) {
      try (Mp4Demuxer d = Mp4Demuxer.open(file)) {
        m.scanMp4(d, name);
      }
      return 1;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      switch (kind) {
        case IVF -> m.scanIvf(in, name);
        case ANNEXB_H264 -> m.scanRaw(in, name, VideoCodec.H264);
        case ANNEXB_H265 -> m.scanRaw(in, name, VideoCodec.H265);
        default -> m.scanRaw(in, name, VideoCodec.AV1);
      }
    }
    return 1;
  }
}
