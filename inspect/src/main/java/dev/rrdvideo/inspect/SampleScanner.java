package dev.rrdvideo.inspect;

import dev.rrdvideo.format.RrdFile;
import dev.rrdvideo.format.RrdReadOptions;
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

  /** The kinds of input the scanner reads. */
  public enum InputKind {
    /** A Rerun recording. */
    RECORDING,
    /** An MP4 (or MOV) file. */
    MP4,
    /** An H.264 Annex B stream. */
    H264,
    /** An H.265 Annex B stream. */
    H265,
    /** An AV1 low-overhead OBU stream. */
    OBU,
    /** An IVF file. */
    IVF;

    /**
     * Guesses the kind from the first bytes and the file name ({@code null} if unknown).
     *
     * @param head up to 16 first bytes
     */
    public static InputKind detect(byte[] head, int n, String fileName) {
      String name = fileName.toLowerCase(java.util.Locale.ROOT);
      if (n >= 4 && head[0] == 'R' && head[1] == 'R' && head[2] == 'F' && head[3] == '2') {
        return RECORDING;
      }
      if (n >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
        return MP4;
      }
      if (n >= 4 && head[0] == 'D' && head[1] == 'K' && head[2] == 'I' && head[3] == 'F') {
        return IVF;
      }
      if (name.endsWith(".h265") || name.endsWith(".265") || name.endsWith(".hevc")) {
        return H265;
      }
      if (name.endsWith(".h264") || name.endsWith(".264") || name.endsWith(".avc")) {
        return H264;
      }
      if (name.endsWith(".obu") || name.endsWith(".av1")) {
        return OBU;
      }
      if (name.endsWith(".mp4") || name.endsWith(".mov") || name.endsWith(".m4v")) {
        return MP4;
      }
      return null;
    }
  }

  /**
   * Returns the kind of an input file from its first bytes and its name ({@link InputKind#detect}),
   * or {@code null} when neither tells.
   */
  public static InputKind detect(Path file) throws IOException {
    byte[] head = new byte[16];
    int n;
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return InputKind.detect(head, n, String.valueOf(file.getFileName()));
  }

  /**
   * Scans any supported input file (the kind from {@link InputKind#detect}).
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
   * @param kind the kind of input, or {@code null} to detect it ({@link InputKind#detect})
   * @return the number of video streams found
   * @throws dev.rrdvideo.format.UnsupportedFeatureException for an unknown file type
   */
  public static int scan(
      Path file,
      InputKind kind,
      RrdReadOptions readOptions,
      ScanOptions options,
      SampleListener listener)
      throws IOException {
    String name = String.valueOf(file.getFileName());
    if (kind == null) {
      kind = detect(file);
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
    if (kind == InputKind.RECORDING) {
      return scanRecording(file, readOptions, options, listener);
    }
    MediaScanner m = new MediaScanner(options, listener);
    if (kind == InputKind.MP4) {
      try (dev.rrdvideo.convert.mp4.Mp4Demuxer d = dev.rrdvideo.convert.mp4.Mp4Demuxer.open(file)) {
        m.scanMp4(d, name);
      }
      return 1;
    }
    try (java.io.InputStream in =
        new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
      switch (kind) {
        case IVF -> m.scanIvf(in, name);
        case H264 -> m.scanRaw(in, name, dev.rrdvideo.format.video.VideoCodec.H264);
        case H265 -> m.scanRaw(in, name, dev.rrdvideo.format.video.VideoCodec.H265);
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
