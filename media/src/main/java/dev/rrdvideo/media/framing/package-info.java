/**
 * Between the two ways a sample can be framed: {@link dev.rrdvideo.media.framing.NalFraming}
 * rewrites MP4 samples (length-prefixed NAL units, parameter sets out of band in {@code
 * avcC}/{@code hvcC}) to Annex B with the parameter sets in band, as a {@code VideoStream} carries
 * them; {@link dev.rrdvideo.media.framing.InBandConfig} goes the other way, building an MP4 decoder
 * configuration from a keyframe's in-band parameter sets, sequence header or frame header.
 *
 * <p>Used by both the converters and inspect. It does not read files or write recordings, keeps no
 * state between streams, and parses only the headers it needs (through {@code media.bitstream}).
 */
package dev.rrdvideo.media.framing;
