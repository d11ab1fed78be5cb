/**
 * Pure codecs for the binary frames of an {@code .rrd} stream: {@link
 * dev.rrdvideo.format.internal.frame.StreamHeader} (12 bytes), {@link
 * dev.rrdvideo.format.internal.frame.MessageHeader} (16 bytes) and {@link
 * dev.rrdvideo.format.internal.frame.StreamFooter} (32 bytes).
 *
 * <p>This package does no I/O, no protobuf, no decompression and no Arrow: it turns bytes into
 * header values and back, and validates header fields in the order Rerun does. Not API.
 */
package dev.rrdvideo.format.internal.frame;
