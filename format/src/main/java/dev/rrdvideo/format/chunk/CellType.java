package dev.rrdvideo.format.chunk;

/**
 * The Arrow type of one component instance ({@code T} in {@code List<item: T>}) that {@link
 * ChunkBuilder} can write. These cover the video archetypes and recording properties.
 */
public enum CellType {
  /** {@code List<item: UInt8 NOT NULL>}: a blob (video sample, file bytes). */
  BYTES,
  /** {@code UInt32} (e.g. {@code VideoCodec}). */
  UINT32,
  /** {@code Boolean} (e.g. {@code IsKeyframe}). */
  BOOL,
  /** {@code Float32} (e.g. {@code Opacity}, {@code DrawOrder}). */
  FLOAT32,
  /** {@code Int64} (e.g. {@code VideoTimestamp}, {@code Timestamp}). */
  INT64,
  /** {@code Utf8} (e.g. {@code MediaType}, {@code EntityPath}, {@code Name}). */
  UTF8
}
