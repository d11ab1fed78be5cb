/**
 * Converts video between files and Rerun recordings without re-encoding. One entry point, {@link
 * dev.rrdvideo.convert.Converter#convert}, takes a {@link dev.rrdvideo.convert.ConvertInput} and a
 * {@link dev.rrdvideo.convert.ConvertOutput} (each a {@link dev.rrdvideo.media.MediaKind} and a
 * file or stream) and {@link dev.rrdvideo.convert.ConvertOptions}, and reports a {@link
 * dev.rrdvideo.convert.ConvertResult}: one {@link dev.rrdvideo.convert.ConvertedVideo} per video
 * converted, with typed {@link dev.rrdvideo.convert.ConvertWarning}s. The kinds decide the
 * conversion: MP4 (as a {@code VideoStream} or an {@code AssetVideo}) and elementary streams to a
 * recording; a recording's video to MP4 or an elementary stream; a recording's video entities
 * switched between {@code AssetVideo} and {@code VideoStream}.
 *
 * <p>This package does not parse containers or bitstreams itself (the {@code media} module does:
 * MP4 boxes, NAL units, OBUs, parameter sets), does not analyse or check streams (the {@code
 * inspect} module), never decodes or re-encodes pictures (the command-line tool's {@code
 * --transcode} runs ffmpeg; the library does not), and never prints or exits: warnings come back in
 * the result, bad input as a typed {@link dev.rrdvideo.format.error.RrdVideoException}.
 *
 * <p>The API takes and returns no null ({@link org.jspecify.annotations.NullMarked}): an option
 * that is not set is an empty {@link java.util.Optional}.
 */
@NullMarked
package dev.rrdvideo.convert;

import org.jspecify.annotations.NullMarked;
