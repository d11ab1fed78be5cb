/**
 * The LZ4 block seam: compression and safe decompression of chunk and manifest payloads.
 *
 * <p>Only the raw block format Rerun uses; no frame format, no streaming. Not API.
 */
package dev.rrdvideo.format.internal.lz4;
