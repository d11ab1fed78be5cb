package dev.rrdvideo.format;

/**
 * The version of the Rerun crate that wrote a stream, as stored in the stream header and in {@code
 * StoreVersion.crate_version_bits}.
 *
 * <p>The four bytes are {@code major, minor, patch, meta}; {@code meta} packs a pre-release tag in
 * its top two bits ({@code 01} = rc, {@code 10} = alpha, {@code 11} = alpha+dev) and a number in
 * the low six bits. Comparisons use (major, minor, patch) only, as Rerun's readers do.
 *
 * @param major major version (0..255)
 * @param minor minor version (0..255)
 * @param patch patch version (0..255)
 * @param meta pre-release byte (0 for a final release)
 */
public record RrdVersion(int major, int minor, int patch, int meta)
    implements Comparable<RrdVersion> {

  /** Rerun 0.33.0: the default stamp, read by the 0.33 viewer without a warning and by 0.36. */
  public static final RrdVersion V0_33_0 = new RrdVersion(0, 33, 0, 0);

  /** The oldest version whose files current Rerun still reads (protobuf serializer). */
  public static final RrdVersion OLDEST_READABLE = new RrdVersion(0, 23, 0, 0);

  /** The newest version this library was checked against; newer files are read with a warning. */
  public static final RrdVersion NEWEST_KNOWN = new RrdVersion(0, 36, 2, 0);

  /** Validates the byte ranges. */
  public RrdVersion {
    checkByte("major", major);
    checkByte("minor", minor);
    checkByte("patch", patch);
    checkByte("meta", meta);
  }

  private static void checkByte(String name, int v) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException(name + " must be in 0..255, was " + v);
    }
  }

  /** Returns the version of the four header bytes {@code b[off..off+3]}. */
  public static RrdVersion fromBytes(byte[] b, int off) {
    return new RrdVersion(b[off] & 0xFF, b[off + 1] & 0xFF, b[off + 2] & 0xFF, b[off + 3] & 0xFF);
  }

  /** Returns the version encoded in {@code StoreVersion.crate_version_bits}. */
  public static RrdVersion fromCrateVersionBits(int bits) {
    return new RrdVersion(bits & 0xFF, (bits >>> 8) & 0xFF, (bits >>> 16) & 0xFF, bits >>> 24);
  }

  /**
   * Parses {@code MAJOR.MINOR.PATCH} with an optional {@code -rc.N}, {@code -alpha.N} or {@code
   * -alpha.N+dev} suffix.
   *
   * @throws IllegalArgumentException if the text is not such a version
   */
  public static RrdVersion parse(String text) {
    String t = text.trim();
    int meta = 0;
    int dash = t.indexOf('-');
    String core = dash < 0 ? t : t.substring(0, dash);
    if (dash >= 0) {
      String pre = t.substring(dash + 1);
      boolean dev = pre.endsWith("+dev");
      if (dev) {
        pre = pre.substring(0, pre.length() - 4);
      }
      int n;
      if (pre.startsWith("rc.") && !dev) {
        n = parseSmall(pre.substring(3), text);
        meta = 0x40 | n;
      } else if (pre.startsWith("alpha.")) {
        n = parseSmall(pre.substring(6), text);
        meta = (dev ? 0xC0 : 0x80) | n;
      } else {
        throw new IllegalArgumentException("not a Rerun version: '" + text + "'");
      }
    }
    String[] parts = core.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "not a Rerun version: '" + text + "' (expected MAJOR.MINOR.PATCH)");
    }
    try {
      return new RrdVersion(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), meta);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Rerun version: '" + text + "'", e);
    }
  }

  private static int parseSmall(String s, String text) {
    try {
      int n = Integer.parseInt(s);
      if (n < 0 || n > 63) {
        throw new IllegalArgumentException("pre-release number must be 0..63 in '" + text + "'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Rerun version: '" + text + "'", e);
    }
  }

  /** Returns the four header bytes. */
  public byte[] toBytes() {
    return new byte[] {(byte) major, (byte) minor, (byte) patch, (byte) meta};
  }

  /**
   * Returns the value of {@code StoreVersion.crate_version_bits} (little-endian int of the bytes).
   */
  public int crateVersionBits() {
    return major | (minor << 8) | (patch << 16) | (meta << 24);
  }

  /** Returns whether files of this version are readable (0.23.0 or newer). */
  public boolean isReadable() {
    return compareTo(OLDEST_READABLE) >= 0;
  }

  @Override
  public int compareTo(RrdVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Integer.compare(patch, o.patch);
    }
    return c;
  }

  @Override
  public String toString() {
    String base = major + "." + minor + "." + patch;
    int kind = meta >>> 6;
    int n = meta & 0x3F;
    switch (kind) {
      case 1:
        return base + "-rc." + n;
      case 2:
        return base + "-alpha." + n;
      case 3:
        return base + "-alpha." + n + "+dev";
      default:
        return base;
    }
  }
}
