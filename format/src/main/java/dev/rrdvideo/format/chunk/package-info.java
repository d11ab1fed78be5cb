/**
 * Chunks: rows of one entity with a row id, timeline columns and component columns, held in one
 * Arrow record batch per chunk (Rerun's "Sorbet" chunk schema, version 0.1.3).
 *
 * <p>{@link dev.rrdvideo.format.chunk.Chunk} is the decoded, read side (views valid until it is
 * closed); {@link dev.rrdvideo.format.chunk.ChunkBuilder} builds chunks of a fixed layout for
 * writing; {@link dev.rrdvideo.format.chunk.Tuid}, {@link dev.rrdvideo.format.chunk.EntityPath} and
 * {@link dev.rrdvideo.format.chunk.ComponentDescriptor} are the identifiers.
 *
 * <p>This package knows no archetype semantics (that is {@code format.video}) and does no I/O,
 * compression or framing.
 */
package dev.rrdvideo.format.chunk;
