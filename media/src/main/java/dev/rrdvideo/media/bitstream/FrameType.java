package dev.rrdvideo.media.bitstream;

/**
 * The coding type of a frame, read from its first slice header (H.264, H.265) or frame header (AV1,
 * VP8, VP9). Tables write its {@link #name()}.
 */
public enum FrameType {
  /** Intra coded: an H.264/H.265 I slice, an AV1 key or intra-only frame, a VP8/VP9 key frame. */
  I,
  /** Predicted: an H.264/H.265 P slice, an AV1 inter or switch frame, a VP8/VP9 inter frame. */
  P,
  /** Bi-predicted: an H.264/H.265 B slice. */
  B
}
