package dev.rrdvideo.format;

import dev.rrdvideo.format.video.VideoCodec;

/**
 * The Rerun release a recording is written for: {@link RrdWriter} writes what that release's own
 * encoder writes and its viewer reads without a warning (docs/rerun-versions.md has the table and
 * the evidence behind each row).
 *
 * <ul>
 *   <li>stream header and {@code StoreInfo.store_version}: {@link #stamp()}, never newer than the
 *       target, so its viewer prints no "newer version" warning;
 *   <li>{@code StoreInfo.application_id} (deprecated field 1): written for 0.24 only, whose reader
 *       requires it; 0.25 and later read {@code StoreId.application_id} (field 3), which is always
 *       written;
 *   <li>end of stream: 0.28 and later get the End message with the footer manifest and the 32-byte
 *       stream footer; 0.24 to 0.27 get an End message with an empty payload and nothing after it,
 *       as their own encoders wrote it (their decoders take the 32 footer bytes for a new stream
 *       header and log an error);
 *   <li>chunk schema metadata {@code sorbet:version}: 0.1.1 (0.24 to 0.27), 0.1.2 (0.28, 0.29),
 *       0.1.3 (0.30 and later);
 *   <li>footer manifest table: uncompressed for 0.28 and 0.29 (0.28 has no compression field), LZ4
 *       from 0.30;
 *   <li>video: a {@code VideoStream} codec the target lacks is refused ({@link
 *       #supportsStreamCodec}); {@code VideoStream:is_keyframe} markers are written from 0.32,
 *       {@code opacity} exists from 0.25. {@code AssetVideo} and {@code VideoFrameReference} exist
 *       with the same components in every target.
 * </ul>
 *
 * <p>Targets are the release lines 0.24 ({@link #OLDEST}) to 0.36 ({@link #NEWEST}); the default is
 * {@link #DEFAULT} (0.33). A target may name a patch release ({@code 0.26.2}), which is then the
 * stamp; otherwise the stamp is {@code X.Y.0}, which every {@code X.Y.*} viewer reads silently.
 *
 * @param minor the minor version (24..36; the major version is 0)
 * @param patch the patch version (0..255)
 */
public record RerunTarget(int minor, int patch) implements Comparable<RerunTarget> {
  /** The oldest target: Rerun 0.24 (the first with {@code VideoStream}). */
  public static final RerunTarget OLDEST = new RerunTarget(24, 0);

  /** The newest target: Rerun 0.36. */
  public static final RerunTarget NEWEST = new RerunTarget(36, 0);

  /** The default target: Rerun 0.33. */
  public static final RerunTarget DEFAULT = new RerunTarget(33, 0);

  /** Validates the range. */
  public RerunTarget {
    if (minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
      throw new IllegalArgumentException("Rerun 0." + minor + " is not a target: " + RANGE_TEXT);
    }
    if (patch < 0 || patch > 255) {
      throw new IllegalArgumentException("patch version must be 0..255, was " + patch);
    }
  }

  private static final int OLDEST_MINOR = 24;
  private static final int NEWEST_MINOR = 36;
  private static final String RANGE_TEXT =
      "expected 0.24 to 0.36 (X.Y, or X.Y.Z for a patch release)";

  /** Returns the target {@code 0.minor} (stamp {@code 0.minor.0}). */
  public static RerunTarget of(int minor) {
    return new RerunTarget(minor, 0);
  }

  /**
   * Parses {@code 0.Y} or {@code 0.Y.Z} with Y in 24..36.
   *
   * @throws IllegalArgumentException if the text is not such a version; the message names the
   *     accepted range
   */
  public static RerunTarget parse(String text) {
    String t = text.strip();
    String[] p = t.split("\\.", -1);
    if ((p.length != 2 && p.length != 3) || !"0".equals(p[0])) {
      throw new IllegalArgumentException("not a Rerun version: '" + text + "'; " + RANGE_TEXT);
    }
    int minor = number(p[1], text);
    int patch = p.length == 3 ? number(p[2], text) : 0;
    if (minor < OLDEST_MINOR || minor > NEWEST_MINOR || patch > 255) {
      throw new IllegalArgumentException(
          "Rerun " + t + " is not a version rrdvideo writes for; " + RANGE_TEXT);
    }
    return new RerunTarget(minor, patch);
  }

  private static int number(String s, String text) {
    if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a Rerun version: '" + text + "'; " + RANGE_TEXT);
    }
    return Integer.parseInt(s);
  }

  /** Returns the version written into the stream header and every {@code StoreInfo}. */
  public RrdVersion stamp() {
    return new RrdVersion(0, minor, patch, 0);
  }

  /** Returns the {@code sorbet:version} the target's encoder writes into chunk schemas. */
  public String sorbetVersion() {
    if (minor >= 30) {
      return "0.1.3";
    }
    return minor >= 28 ? "0.1.2" : "0.1.1";
  }

  /** Returns whether the target requires the deprecated {@code StoreInfo.application_id}. */
  public boolean needsLegacyApplicationId() {
    return minor <= 24;
  }

  /**
   * Returns whether the target reads the stream footer (0.28+); older targets end with an empty End
   * message.
   */
  public boolean readsStreamFooter() {
    return minor >= 28;
  }

  /** Returns whether the target's footer manifest table is LZ4-compressed (0.30+). */
  public boolean compressesManifest() {
    return minor >= 30;
  }

  /**
   * Returns whether the target's {@code DataframePart} has the {@code compression} and {@code
   * uncompressed_size} fields (0.29+).
   */
  public boolean hasDataframeCompressionField() {
    return minor >= 29;
  }

  /** Returns whether the target's {@code VideoCodec} component has a value for {@code codec}. */
  public boolean supportsStreamCodec(VideoCodec codec) {
    return minor >= firstMinorWith(codec);
  }

  /** Returns the first Rerun minor version whose {@code VideoStream} knows {@code codec}. */
  public static int firstMinorWith(VideoCodec codec) {
    switch (codec) {
      case H264:
        return 24;
      case H265:
        return 25;
      case AV1:
        return 28;
      default:
        return 32; // VP8, VP9
    }
  }

  /** Returns whether {@code VideoStream:is_keyframe} exists in the target (0.32+). */
  public boolean hasStreamKeyframeComponent() {
    return minor >= 32;
  }

  /** Returns whether {@code VideoStream:opacity} exists in the target (0.25+). */
  public boolean hasStreamOpacity() {
    return minor >= 25;
  }

  @Override
  public int compareTo(RerunTarget o) {
    int c = Integer.compare(minor, o.minor);
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  /** Returns {@code 0.Y}, or {@code 0.Y.Z} when a patch release was named. */
  @Override
  public String toString() {
    return patch == 0 ? "0." + minor : "0." + minor + "." + patch;
  }
}
