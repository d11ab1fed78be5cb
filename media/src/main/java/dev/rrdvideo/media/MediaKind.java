package dev.rrdvideo.media;

import dev.rrdvideo.format.video.VideoCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of file an input or output is: a Rerun recording, an MP4, or one of the raw
 * elementary-stream formats. The one place that tells kinds apart, from a file's first bytes
 * ({@link #fromMagic}), its name ({@link #fromFileName}) or both ({@link #detect}).
 *
 * <p>Recordings ({@code RRF2}), IVF files ({@code DKIF}) and MP4 files with an {@code ftyp} box say
 * what they are in their first bytes; raw Annex B and OBU streams do not, so only their name tells.
 */
public enum MediaKind {
  /** A Rerun recording ({@code .rrd}). */
  RECORDING(".rrd recording"),
  /** An MP4 (or MOV) file. */
  MP4("MP4"),
  /** An H.264 Annex B byte stream. */
  ANNEXB_H264("H.264 Annex B stream"),
  /** An H.265 Annex B byte stream. */
  ANNEXB_H265("H.265 Annex B stream"),
  /** An IVF file (VP8, VP9 or AV1). */
  IVF("IVF stream"),
  /** An AV1 low-overhead OBU stream. */
  OBU("AV1 OBU stream");

  /** How many first bytes {@link #fromMagic} and {@link #detect} look at, at most. */
  public static final int MAGIC_BYTES = 16;

  private final String label;

  MediaKind(String label) {
    this.label = label;
  }

  /** A short description for messages, such as {@code "H.264 Annex B stream"}. */
  public String label() {
    return label;
  }

  /**
   * The codec a raw stream of this kind carries (H.264, H.265 or AV1); empty for recordings, MP4
   * and IVF, whose codec is written in the file.
   */
  public Optional<VideoCodec> rawStreamCodec() {
    return switch (this) {
      case ANNEXB_H264 -> Optional.of(VideoCodec.H264);
      case ANNEXB_H265 -> Optional.of(VideoCodec.H265);
      case OBU -> Optional.of(VideoCodec.AV1);
      case RECORDING, MP4, IVF -> Optional.empty();
    };
  }

  /** Whether this is one of the elementary-stream kinds (Annex B, OBU or IVF). */
  public boolean isElementaryStream() {
    return this == ANNEXB_H264 || this == ANNEXB_H265 || this == IVF || this == OBU;
  }

  /**
   * The kind a file name's extension names (case-insensitive): {@code .rrd}; {@code .mp4}, {@code
   * .m4v}, {@code .mov}; {@code .h264}, {@code .264}, {@code .avc}; {@code .h265}, {@code .265},
   * {@code .hevc}; {@code .ivf}; {@code .obu}, {@code .av1}.
   *
   * @return the kind, or empty when the extension is none of these
   */
  public static Optional<MediaKind> fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".rrd")) {
      return Optional.of(RECORDING);
    }
    if (name.endsWith(".mp4") || name.endsWith(".m4v") || name.endsWith(".mov")) {
      return Optional.of(MP4);
    }
    if (name.endsWith(".h264") || name.endsWith(".264") || name.endsWith(".avc")) {
      return Optional.of(ANNEXB_H264);
    }
    if (name.endsWith(".h265") || name.endsWith(".265") || name.endsWith(".hevc")) {
      return Optional.of(ANNEXB_H265);
    }
    if (name.endsWith(".ivf")) {
      return Optional.of(IVF);
    }
    if (name.endsWith(".obu") || name.endsWith(".av1")) {
      return Optional.of(OBU);
    }
    return Optional.empty();
  }

  /**
   * The kind a file's first bytes announce: {@code RRF2} (recording), {@code ftyp} at offset 4
   * (MP4), {@code DKIF} (IVF).
   *
   * @param head the first bytes of the file
   * @param n how many of them are valid (fewer than 8 for a very short file)
   * @return the kind, or empty when the bytes announce none of these (raw streams never do)
   */
  public static Optional<MediaKind> fromMagic(byte[] head, int n) {
    if (n >= 4 && head[0] == 'R' && head[1] == 'R' && head[2] == 'F' && head[3] == '2') {
      return Optional.of(RECORDING);
    }
    if (n >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
      return Optional.of(MP4);
    }
    if (n >= 4 && head[0] == 'D' && head[1] == 'K' && head[2] == 'I' && head[3] == 'F') {
      return Optional.of(IVF);
    }
    return Optional.empty();
  }

  /**
   * Tells the kind of an input from its first bytes, then its name. The bytes decide for the kinds
   * that announce themselves; the name is used only for the kinds whose files may lack a magic
   * number: raw streams, and MP4 (a QuickTime file need not start with {@code ftyp}). A file named
   * {@code .rrd} or {@code .ivf} whose bytes do not say so is therefore of no known kind.
   *
   * @param head the first bytes of the file (up to {@link #MAGIC_BYTES} are looked at)
   * @param n how many of them are valid
   * @param fileName the file's name (for its extension)
   * @return the kind, or empty when neither the bytes nor the name tell
   */
  public static Optional<MediaKind> detect(byte[] head, int n, String fileName) {
    Optional<MediaKind> magic = fromMagic(head, n);
    if (magic.isPresent()) {
      return magic;
    }
    return fromFileName(fileName).filter(k -> k != RECORDING && k != IVF);
  }

  /**
   * As {@link #detect(byte[], int, String)}, reading the first bytes of {@code file}.
   *
   * @throws IOException if the file cannot be read
   */
  public static Optional<MediaKind> detect(Path file) throws IOException {
    byte[] head = new byte[MAGIC_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return detect(head, n, String.valueOf(file.getFileName()));
  }
}
