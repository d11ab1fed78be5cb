/**
 * Helpers of the chunk and writer code: a reusable byte sink, and random bits for ids that must not
 * repeat across processes.
 *
 * <p>No chunk semantics (see {@code dev.rrdvideo.format.chunk}); Arrow handling is in the {@code
 * arrow} subpackage. Not API.
 */
package dev.rrdvideo.format.chunk.internal;
