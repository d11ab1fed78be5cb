package dev.rrdvideo.live.internal;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One {@code ReadMessages} call: sends the history replay, then follows the arrival log, as fast as
 * the connection takes it. Writes stop while the transport's queue is full and resume on drain, so
 * a slow viewer costs no memory beyond its place in the log; the producer never waits for it. A
 * reader whose connection stopped taking data (its transport queue is full) and that falls more
 * than {@code maxLagBytes} behind the newest message is disconnected (its stream is reset): it
 * keeps no more than that alive (history entries the hub drops lose their bytes even while a reader
 * still points at them, and the reader then skips them). All sending happens on the call's Vert.x
 * context.
 */
public final class ReadStream implements MessageHub.Reader {
  private final MessageHub hub;
  private final GrpcServerResponse<Buffer, Buffer> response;
  private final Context context;
  private final long maxLagBytes;
  private final Consumer<String> log;
  private final String peer;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean dropping = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Runnable pump = this::pump;
  private final io.vertx.core.Handler<Throwable> writeFailed =
      t -> close("write failed: " + t.getMessage());
  private Entry[] replay;
  private int replayIndex;
  private volatile Entry cursor;
  private volatile boolean closed;
  private volatile boolean blocked;
  private long sentMessages;

  /** Creates the stream; call {@link #start()} on {@code context}. */
  public ReadStream(
      MessageHub hub,
      GrpcServerResponse<Buffer, Buffer> response,
      Context context,
      long maxLagBytes,
      String peer,
      Consumer<String> log) {
    this.hub = hub;
    this.response = response;
    this.context = context;
    this.maxLagBytes = maxLagBytes;
    this.peer = peer;
    this.log = log;
  }

  /** Joins the hub and starts sending (on the call's context). */
  public void start() {
    response.drainHandler(v -> pump());
    response.exceptionHandler(t -> close("connection failed: " + t));
    MessageHub.Join j = hub.join(this);
    replay = j.replay();
    cursor = j.cursor();
    response.writeHead();
    pump();
  }

  @Override
  public void signal() {
    if (closed) {
      return;
    }
    Entry c = cursor;
    if (blocked && c != null && hub.appendedBytes() - c.endSeq > maxLagBytes) {
      if (dropping.compareAndSet(false, true)) {
        hub.leave(this);
        context.runOnContext(v -> drop());
      }
      return;
    }
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> pump.run());
    }
  }

  /** Drops a reader that fell too far behind: resets its stream, which frees what it queued. */
  private void drop() {
    if (close("fell more than " + maxLagBytes + " bytes behind the newest message; dropped")) {
      response.cancel();
    }
  }

  private void pump() {
    scheduled.set(false);
    if (closed) {
      return;
    }
    blocked = false;
    while (true) {
      if (response.writeQueueFull()) {
        blocked = true; // until the transport drains
        return;
      }
      Entry e = next();
      if (e == null) {
        return;
      }
      Buffer wire = e.wire;
      if (wire != null) {
        try {
          response.write(wire).onFailure(writeFailed);
        } catch (IllegalStateException t) {
          close("write failed: " + t.getMessage());
          return;
        }
        sentMessages++;
      }
    }
  }

  private Entry next() {
    if (replay != null) {
      if (replayIndex < replay.length) {
        Entry e = replay[replayIndex];
        replay[replayIndex++] = null;
        return e;
      }
      replay = null;
    }
    Entry n = cursor.next;
    if (n != null) {
      cursor = n;
    }
    return n;
  }

  /**
   * Stops sending and leaves the hub (the client went away or was dropped); returns false if it was
   * closed already.
   */
  public boolean close(String why) {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    closed = true;
    hub.leave(this);
    replay = null;
    log.accept("viewer " + peer + " disconnected after " + sentMessages + " messages: " + why);
    return true;
  }

  /** Returns the number of messages sent. */
  public long sentMessages() {
    return sentMessages;
  }
}
