package dev.rrdvideo.format;

/** Compression of a chunk payload ({@code ArrowMsg.compression}). */
public enum Compression {
  /** No compression: the payload is the Arrow IPC stream itself. */
  NONE,
  /** LZ4 block format (no frame, no size prefix); the uncompressed size is stored beside it. */
  LZ4,
  /**
   * Writing only: LZ4 for a payload LZ4 shrinks, none for one it cannot (encoded video: LZ4 made
   * 400 MB of 1080p H.264 0.4% <em>larger</em>). Rerun reads the compression of each {@code
   * ArrowMsg} from the message itself (since 0.24 at least), so a file may mix both. A message read
   * back is never {@code AUTO}.
   */
  AUTO
}
