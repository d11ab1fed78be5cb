/**
 * Reading and writing ISO base media files (MP4) that carry one video stream: {@link
 * dev.rrdvideo.media.mp4.Mp4Demuxer} (random access, {@code moov} anywhere, fragmented files,
 * 64-bit sizes), {@link dev.rrdvideo.media.mp4.Mp4Track} (identity, codec, timescale, edit list,
 * sample table, sample reads), {@link dev.rrdvideo.media.mp4.Mp4Muxer} (progressive MP4 with {@code
 * moov} first) and the codec configuration records {@link dev.rrdvideo.media.mp4.DecoderConfig}
 * ({@code avcC}, {@code hvcC}, {@code av1C}, {@code vpcC}).
 *
 * <p>This package does not parse or rewrite the coded bitstream (NAL units, OBUs, frame headers):
 * samples are carried as stored. It does not apply edit lists to the sample times (it reports
 * them), does not decode audio or other tracks (it lists them and builds their tables), does not
 * decrypt ({@code encv} entries are reported as unsupported), and does not write fragmented files.
 * Malformed input raises {@link dev.rrdvideo.media.Mp4FormatException} with offset and box path.
 */
package dev.rrdvideo.media.mp4;
