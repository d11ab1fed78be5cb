package dev.rrdvideo.media.mp4;

import java.nio.ByteBuffer;

/**
 * Test helper, independent of the code under test: finds a box in an MP4 byte array by path ({@code
 * moov/trak[1]/mdia/mdhd}, indices count boxes of the same type from 0) and patches big-endian
 * fields, for building malformed inputs from real files one field at a time.
 */
final class BoxLocator {
  private BoxLocator() {}

  /** Returns the offset of the box header at {@code path}. */
  static int find(byte[] file, String path) {
    int start = 0;
    int end = file.length;
    int found = -1;
    String parentType = "";
    for (String part : path.split("/")) {
      String type = part;
      int want = 0;
      int bracket = part.indexOf('[');
      if (bracket >= 0) {
        type = part.substring(0, bracket);
        want = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
      }
      int p = start + childrenOffset(parentType);
      found = -1;
      int seen = 0;
      while (p + 8 <= end) {
        ByteBuffer b = ByteBuffer.wrap(file);
        long size = b.getInt(p) & 0xFFFFFFFFL;
        String t = new String(file, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        int header = 8;
        if (size == 1) {
          size = b.getLong(p + 8);
          header = 16;
        } else if (size == 0) {
          size = end - p;
        }
        if (t.equals(type) && seen++ == want) {
          found = p;
          start = p + header;
          end = (int) (p + size);
          break;
        }
        p += (int) size;
      }
      if (found < 0) {
        throw new IllegalArgumentException("no box " + part + " in " + path);
      }
      parentType = type;
    }
    return found;
  }

  /** Returns the offset of the payload of the box at {@code path} (8-byte headers assumed). */
  static int payload(byte[] file, String path) {
    return find(file, path) + 8;
  }

  private static int childrenOffset(String parentType) {
    switch (parentType) {
      case "stsd":
        return 8; // version/flags + entry_count
      case "avc1":
      case "avc3":
      case "hvc1":
      case "hev1":
      case "av01":
      case "vp08":
      case "vp09":
        return 78; // VisualSampleEntry fields
      default:
        return 0;
    }
  }

  static void putInt(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, v >>> 32);
    putInt(b, at + 4, v);
  }

  static long getInt(byte[] b, int at) {
    return ByteBuffer.wrap(b).getInt(at) & 0xFFFFFFFFL;
  }
}
