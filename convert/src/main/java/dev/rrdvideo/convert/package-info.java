/**
 * Converts video between files and Rerun recordings without re-encoding: {@link
 * dev.rrdvideo.convert.Mp4ToRecording} (an MP4's video track to a {@code VideoStream}, or the whole
 * file as an {@code AssetVideo}), {@link dev.rrdvideo.convert.RecordingToMp4} (a video entity to a
 * progressive MP4), {@link dev.rrdvideo.convert.ElementaryStreams} (Annex B, OBU and IVF streams to
 * and from {@code VideoStream}s) and {@link dev.rrdvideo.convert.RecordingVideoConverter} (switches
 * a recording's video entities between {@code AssetVideo} and {@code VideoStream}), configured by
 * {@link dev.rrdvideo.convert.ConvertOptions} and reporting a {@link
 * dev.rrdvideo.convert.ConvertResult}.
 *
 * <p>This package does not parse containers or bitstreams itself (the {@code media} module does:
 * MP4 boxes, NAL units, OBUs, parameter sets), does not analyse or check streams (the {@code
 * inspect} module), never decodes or re-encodes pictures (the command-line tool's {@code
 * --transcode} runs ffmpeg; the library does not), and never prints or exits: warnings come back in
 * the result, bad input as a typed {@link dev.rrdvideo.format.RrdVideoException}.
 */
package dev.rrdvideo.convert;
