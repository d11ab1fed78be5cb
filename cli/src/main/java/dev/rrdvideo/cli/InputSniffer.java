package dev.rrdvideo.cli;

import dev.rrdvideo.format.error.RrdFormatException;
import dev.rrdvideo.media.Mp4FormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Says what a file is when it is not what its name (or {@code --from}) says, so that a wrong input
 * gets a message that says what to do ("not an MP4 ...: it is an .rrd recording; say so with --from
 * rrd") instead of the first thing the reader tripped over. Reads at most a few box headers.
 */
final class InputSniffer {
  /** How many first bytes are looked at (an MPEG-TS packet and the sync byte of the next). */
  static final int HEAD_BYTES = 189;

  /** Top-level box types an MP4 (or a fragment of one) starts with. */
  private static final Set<String> MP4_FIRST_BOXES =
      Set.of(
          "ftyp", "styp", "moov", "mdat", "free", "skip", "wide", "pdin", "sidx", "moof", "uuid");

  private InputSniffer() {}

  /** What the first bytes say a file is. */
  enum Content {
    EMPTY("empty (0 bytes)"),
    RECORDING("an .rrd recording (it starts with RRF2)"),
    MP4("an MP4"),
    IVF("an IVF file (it starts with DKIF)"),
    ANNEXB("a raw H.264 or H.265 stream (it starts with a start code)"),
    MATROSKA("a Matroska/WebM file, which rrdvideo does not read"),
    MPEG_TS("an MPEG transport stream, which rrdvideo does not read"),
    IMAGE("an image, not a video"),
    ARCHIVE("a compressed archive"),
    TEXT("text"),
    UNKNOWN("in no format rrdvideo knows");

    final String description;

    Content(String description) {
      this.description = description;
    }
  }

  /**
   * Says what the first {@code n} bytes of {@code head} are, with what they start with where that
   * helps: {@code text ("hello world")}, {@code in no format rrdvideo knows (it starts with 8f 2a
   * 11 09)}.
   */
  static String describe(byte[] head, int n) {
    Content c = sniff(head, n);
    if (c == Content.TEXT) {
      String line = new String(head, 0, n, StandardCharsets.UTF_8).strip().split("[\\r\\n]")[0];
      return "text (\"" + (line.length() > 40 ? line.substring(0, 40) + "..." : line) + "\")";
    }
    if (c == Content.UNKNOWN) {
      StringBuilder b = new StringBuilder(c.description).append(" (it starts with");
      for (int i = 0; i < Math.min(n, 4); i++) {
        b.append(' ').append(String.format("%02x", head[i] & 0xff));
      }
      return b.append(')').toString();
    }
    return c.description;
  }

  /** Looks at the first {@code n} bytes of {@code head}. */
  static Content sniff(byte[] head, int n) {
    if (n == 0) {
      return Content.EMPTY;
    }
    if (starts(head, n, 'R', 'R', 'F', '2')) {
      return Content.RECORDING;
    }
    if (n >= 8 && MP4_FIRST_BOXES.contains(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
      return Content.MP4;
    }
    if (starts(head, n, 'D', 'K', 'I', 'F')) {
      return Content.IVF;
    }
    if (starts(head, n, 0, 0, 0, 1) || starts(head, n, 0, 0, 1)) {
      return Content.ANNEXB;
    }
    if (starts(head, n, 0x1a, 0x45, 0xdf, 0xa3)) {
      return Content.MATROSKA;
    }
    if (n > 188 && head[0] == 0x47 && head[188] == 0x47) {
      return Content.MPEG_TS;
    }
    if (starts(head, n, 0xff, 0xd8, 0xff)
        || starts(head, n, 0x89, 'P', 'N', 'G')
        || starts(head, n, 'G', 'I', 'F', '8')) {
      return Content.IMAGE;
    }
    if (starts(head, n, 'P', 'K', 3, 4)
        || starts(head, n, 0x1f, 0x8b)
        || starts(head, n, 0x28, 0xb5, 0x2f, 0xfd)
        || starts(head, n, 0xfd, '7', 'z', 'X')) {
      return Content.ARCHIVE;
    }
    boolean text = true;
    for (int i = 0; i < n; i++) {
      int c = head[i] & 0xff;
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        text = false;
        break;
      }
    }
    return text ? Content.TEXT : Content.UNKNOWN;
  }

  private static boolean starts(byte[] head, int n, int... bytes) {
    if (n < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[i] & 0xff) != (bytes[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses (malformed input, exit 3) a file that is to be read as an MP4 but is none: its start is
   * no MP4 box, or its top-level boxes hold no {@code moov} (an unfinished recording). A file whose
   * boxes cannot be walked is left to the MP4 reader, which says where they break.
   *
   * @param fromOption whether the command has {@code --from}, to name it in the advice
   */
  static void requireMp4(Path file, String name, boolean fromOption) throws IOException {
    try (FileChannel ch = FileChannel.open(file)) {
      requireMp4(ch, name, fromOption);
    }
  }

  /** {@link #requireMp4(Path, String, boolean)} on an open channel. */
  static void requireMp4(SeekableByteChannel ch, String name, boolean fromOption)
      throws IOException {
    byte[] head = new byte[HEAD_BYTES];
    int n = read(ch, 0, head);
    Content c = sniff(head, n);
    if (c != Content.MP4) {
      throw new Mp4FormatException(
          "not an MP4 (no ftyp or moov box at the start): it is "
              + describe(head, n)
              + advice(c, name, fromOption),
          name,
          0,
          null);
    }
    List<String> boxes = topLevelBoxes(ch);
    if (boxes != null && !boxes.contains("moov")) {
      throw new Mp4FormatException(
          "not a complete MP4: no moov box (the index of the samples) among its top-level boxes "
              + String.join(", ", boxes)
              + "; a recording that was stopped before its index was written (players cannot"
              + " open it either), or a fragment without its initialization segment",
          name,
          0,
          null);
    }
  }

  /**
   * Refuses (malformed input, exit 3) a file that is to be read as a recording but does not start
   * like one, saying what it is instead.
   *
   * @param fromOption whether the command has {@code --from}, to name it in the advice
   */
  static void requireRecording(Path file, String name, boolean fromOption) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    byte[] head = new byte[HEAD_BYTES];
    int n;
    try (FileChannel ch = FileChannel.open(file)) {
      n = read(ch, 0, head);
    }
    Content c = sniff(head, n);
    if (c != Content.RECORDING) {
      throw new RrdFormatException(
          "not an .rrd recording (it does not start with RRF2): it is "
              + describe(head, n)
              + advice(c, name, fromOption),
          name,
          0);
    }
  }

  /** What to do with the file {@code name} of content {@code c}. */
  private static String advice(Content c, String name, boolean fromOption) {
    String from = fromOption ? "say so with --from " : "";
    return switch (c) {
      case RECORDING -> fromOption ? "; " + from + "rrd" : "";
      case MP4 ->
          fromOption ? "; " + from + "mp4" : "; try rrdvideo inspect " + name + " --summary";
      case IVF -> fromOption ? "; " + from + "ivf" : "";
      case ANNEXB -> fromOption ? "; " + from + "h264 or --from h265" : "";
      case MATROSKA, MPEG_TS -> "; remux it to MP4 first: ffmpeg -i IN -c copy OUT.mp4";
      default -> "";
    };
  }

  /**
   * The types of the top-level boxes (at most 64), or {@code null} when a box header is broken (the
   * MP4 reader reports that with its offset). A last box cut short still counts.
   */
  static List<String> topLevelBoxes(SeekableByteChannel ch) throws IOException {
    List<String> types = new ArrayList<>();
    long size = ch.size();
    long pos = 0;
    byte[] h = new byte[16];
    while (pos < size && types.size() < 64) {
      int n = read(ch, pos, h);
      if (n < 8) {
        return null;
      }
      long boxSize = ByteBuffer.wrap(h).getInt(0) & 0xffffffffL;
      String type = new String(h, 4, 4, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < 4; i++) {
        if (h[4 + i] < 0x20 || h[4 + i] > 0x7e) {
          return null;
        }
      }
      if (boxSize == 1) {
        if (n < 16) {
          return null;
        }
        boxSize = ByteBuffer.wrap(h).getLong(8);
      } else if (boxSize == 0) {
        boxSize = size - pos;
      }
      if (boxSize < 8) {
        return null;
      }
      types.add(type);
      if (boxSize > size - pos) {
        break;
      }
      pos += boxSize;
    }
    return types.size() >= 64 ? null : types;
  }

  private static int read(SeekableByteChannel ch, long pos, byte[] into) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(into);
    ch.position(pos);
    while (b.hasRemaining()) {
      int r = ch.read(b);
      if (r <= 0) {
        break;
      }
    }
    return b.position();
  }
}
