/**
 * Inside video samples: Annex B NAL units, H.264/H.265 parameter sets, AV1 OBUs and sequence
 * headers, VP8/VP9 frame headers, and {@link dev.rrdvideo.media.bitstream.SampleInspector}, which
 * applies the Rerun viewer's keyframe rules.
 *
 * <p>IVF files ({@link dev.rrdvideo.media.bitstream.IvfReader}, {@link
 * dev.rrdvideo.media.bitstream.IvfWriter}) and the access-unit splitter of raw streams ({@link
 * dev.rrdvideo.media.bitstream.AccessUnitReader}) are here too, since they frame the bitstream.
 *
 * <p>This package reads headers only: it never decodes pictures, and knows no other container (MP4
 * is {@code media.mp4}, recordings are the format module). Malformed input raises {@link
 * dev.rrdvideo.media.BitstreamException} with the byte offset.
 */
package dev.rrdvideo.media.bitstream;
