/**
 * Video containers and bitstreams, apart from Rerun: the types every media package shares. {@link
 * dev.rrdvideo.media.MediaKind} tells what kind of file an input is (recording, MP4, Annex B, IVF,
 * OBU); {@link dev.rrdvideo.media.SampleTable} is the columnar per-sample table (times, sizes,
 * offsets, keyframes) of a track or stream, with its {@link dev.rrdvideo.media.Timescale}; {@link
 * dev.rrdvideo.media.Mp4FormatException} and {@link dev.rrdvideo.media.BitstreamException} are the
 * malformed-input errors of containers and bitstreams (both {@link
 * dev.rrdvideo.format.error.RrdFormatException}s, with a byte offset); {@link
 * dev.rrdvideo.media.MediaLimits} holds the limits checked before anything a file declares is
 * allocated.
 *
 * <p>Subpackages: {@code mp4} (ISO-BMFF demuxer and muxer, decoder configuration records), {@code
 * bitstream} (NAL/OBU framing, SPS and sequence-header parsers, IVF, keyframe rules), {@code
 * framing} (MP4 sample framing to and from Annex B with in-band configuration).
 *
 * <p>This module knows nothing of Rerun's data model: it does not read or write recordings (that is
 * {@code format}) and does not convert between files or analyse streams (that is {@code convert}
 * and {@code inspect}, which both stand on this module and not on each other).
 */
@NullMarked
package dev.rrdvideo.media;

import org.jspecify.annotations.NullMarked;
