/**
 * Inside video samples: Annex B NAL units, H.264/H.265 parameter sets, AV1 OBUs and sequence
 * headers, VP8/VP9 frame headers, and {@link dev.rrdvideo.convert.bitstream.SampleInspector}, which
 * applies the Rerun viewer's keyframe rules.
 *
 * <p>This package reads headers only: it never decodes pictures, and knows no containers (MP4 is
 * {@code convert.mp4}, recordings are the format module).
 */
package dev.rrdvideo.convert.bitstream;
