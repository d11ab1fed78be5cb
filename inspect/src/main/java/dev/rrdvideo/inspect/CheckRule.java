package dev.rrdvideo.inspect;

/**
 * The video-semantic rules of {@code rrdvideo check}, with stable ids. Rules marked "needs the
 * bitstream" are skipped when the samples could not be analyzed; expectation rules only run when
 * their option is given.
 */
public enum CheckRule {
  /** The first sample of a stream is a keyframe (else the first GOP cannot be decoded). */
  FIRST_SAMPLE_KEYFRAME("first-sample-keyframe"),
  /** The declared keyframe flag equals what the bitstream says (needs the bitstream). */
  KEYFRAME_LABEL_MATCHES_BITSTREAM("keyframe-label-matches-bitstream"),
  /** Keyframes carry SPS+PPS (H.264), VPS+SPS+PPS (H.265) or a sequence header (AV1). */
  PARAMETER_SETS_ON_KEYFRAMES("parameter-sets-on-keyframes"),
  /** Every sample holds exactly one frame (needs the bitstream). */
  ONE_FRAME_PER_SAMPLE("one-frame-per-sample"),
  /** Decode times (presentation times where there is no DTS) strictly increase. */
  TIMESTAMPS_MONOTONIC("timestamps-monotonic"),
  /** No two samples share a presentation time. */
  TIMESTAMPS_UNIQUE("timestamps-unique"),
  /** The codec does not change within a stream. */
  CODEC_CONSTANT("codec-constant"),
  /** The coded resolution does not change within a stream (needs the bitstream). */
  RESOLUTION_CONSTANT("resolution-constant"),
  /** H.264/H.265 samples are Annex B framed, not length-prefixed (needs the bitstream). */
  ANNEXB_FRAMING("annexb-framing"),
  /**
   * {@code AssetVideo} only: every {@code VideoFrameReference} that points at it names exactly the
   * presentation time of one of its frames (after the viewer's conversion to track ticks); a
   * reference before the first frame, between two frames or after the last one, or pointing at an
   * entity without {@code AssetVideo}, fails. See {@link FrameReference}.
   */
  FRAME_REFERENCES_RESOLVE("frame-references-resolve"),
  /** Expectation: the codec is the given one ({@code --expect-codec}). */
  EXPECT_CODEC("expect-codec"),
  /** Expectation: no GOP is longer than N samples ({@code --max-gop}). */
  MAX_GOP("max-gop"),
  /** Expectation: the mean frame rate is at least N ({@code --min-fps}). */
  MIN_FPS("min-fps"),
  /** Expectation: the mean frame rate is at most N ({@code --max-fps}). */
  MAX_FPS("max-fps"),
  /** Expectation: no B-frames or reordering ({@code --no-bframes}). */
  NO_BFRAMES("no-bframes"),
  /** Expectation: no gap between consecutive samples exceeds a duration ({@code --max-gap}). */
  MAX_GAP("max-gap"),
  /** Expectation: the stream has exactly N samples ({@code --frames}). */
  FRAMES("frames");

  private final String id;

  CheckRule(String id) {
    this.id = id;
  }

  /** Returns the stable rule id. */
  public String id() {
    return id;
  }

  /** Returns the rule with this id. */
  public static CheckRule byId(String id) {
    for (CheckRule r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown rule '" + id + "'");
  }
}
