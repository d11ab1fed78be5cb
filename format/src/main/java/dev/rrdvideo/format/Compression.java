package dev.rrdvideo.format;

/** Compression of a chunk payload ({@code ArrowMsg.compression}). */
public enum Compression {
  /** No compression: the payload is the Arrow IPC stream itself. */
  NONE,
  /** LZ4 block format (no frame, no size prefix); the uncompressed size is stored beside it. */
  LZ4
}
