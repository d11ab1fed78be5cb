package dev.rrdvideo.live.internal;

import io.vertx.core.buffer.Buffer;

/**
 * One message as the proxy holds it: its {@code ReadMessagesResponse} encoding (sent as is to every
 * reader), where it goes in the history and what it means for GOP-aware garbage collection. The
 * entries form the arrival log, a singly linked list that readers follow; an entry the history
 * drops loses its bytes (so a lagging reader that still points at it holds only this small object)
 * and is skipped by readers that had not sent it yet.
 */
public final class Entry {
  /** Never dropped: store infos, blueprint messages, blueprint activation. */
  public static final int PERSISTENT = 0;

  /** Static chunks: dropped only when the disposable queue is empty. */
  public static final int STATIC = 1;

  /** Temporal chunks: dropped first, oldest first, whole GOPs for video. */
  public static final int DISPOSABLE = 2;

  final int kind;
  final int queue;
  final long sizeBytes;
  final String videoKey;
  final boolean gopStart;
  volatile Buffer wire;
  volatile Entry next;

  /** Bytes appended to the log up to and including this entry. */
  long endSeq;

  boolean dropped;

  /**
   * @param kind the {@code LogMsg} oneof field (1, 2, 3), or 0 for the log's sentinel
   * @param queue {@link #PERSISTENT}, {@link #STATIC} or {@link #DISPOSABLE}
   * @param wire the {@code ReadMessagesResponse} bytes
   * @param videoKey store and entity of a {@code VideoStream} sample chunk, else null
   * @param gopStart whether that chunk's first sample starts a GOP
   */
  Entry(int kind, int queue, Buffer wire, String videoKey, boolean gopStart) {
    this.kind = kind;
    this.queue = queue;
    this.wire = wire;
    this.sizeBytes = wire == null ? 0 : wire.length() + 64L;
    this.videoKey = videoKey;
    this.gopStart = gopStart;
  }

  /** Returns the encoded bytes, or null once the history dropped this entry. */
  public Buffer wire() {
    return wire;
  }

  /** Returns the {@code LogMsg} kind (1 store info, 2 chunk, 3 blueprint activation). */
  public int kind() {
    return kind;
  }
}
