/**
 * Arrow IPC encoding and decoding, allocator ownership, and the Sorbet (chunk schema) field
 * constructors.
 *
 * <p>Does not interpret chunk contents beyond building fields; see {@code
 * dev.rrdvideo.format.chunk}. Not API.
 */
package dev.rrdvideo.format.chunk.internal.arrow;
