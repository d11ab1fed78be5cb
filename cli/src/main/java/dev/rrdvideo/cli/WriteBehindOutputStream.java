package dev.rrdvideo.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An output stream that hands filled buffers to a background thread which writes them to a channel,
 * so that the kernel's write of one buffer overlaps the production of the next. Memory is bounded:
 * at most {@link #BUFFERS} direct buffers of {@link #BUFFER_BYTES} each, taken as needed (from the
 * buffers closed streams left, {@link #MAX_POOLED} at most); the producer waits when all are in
 * flight. A write error on the background thread is rethrown by the next {@code write}, {@code
 * flush} or {@code close}. {@link #flush()} returns once everything written so far reached the
 * channel; {@link #close()} also closes the channel. Not thread-safe on the producer side.
 */
final class WriteBehindOutputStream extends OutputStream {
  static final int BUFFER_BYTES = 4 << 20;
  static final int BUFFERS = 3;
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  /**
   * Buffers of closed streams, for the next streams of the run (a directory conversion opens one
   * output per file: without reuse, every output would allocate and zero its own direct buffers,
   * which only a garbage collection frees). At most {@link #MAX_POOLED} are kept.
   */
  private static final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> POOL =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  static final int MAX_POOLED = BUFFERS * 8;
  private static final java.util.concurrent.atomic.AtomicInteger POOLED =
      new java.util.concurrent.atomic.AtomicInteger();

  private final WritableByteChannel channel;
  private final String name;
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread writer;
  private final Object lock = new Object();
  private int inFlight;
  private volatile IOException failure;
  private ByteBuffer current;
  private boolean closed;
  private int allocated;

  /**
   * @param channel where the bytes go; closed by {@link #close()}
   * @param name what is written, for error messages and the thread name (e.g. the file name)
   */
  WriteBehindOutputStream(WritableByteChannel channel, String name) {
    this.channel = channel;
    this.name = name;
    writer = new Thread(this::drain, "rrdvideo-writer " + name);
    writer.setDaemon(true);
    writer.start();
  }

  private void drain() {
    while (true) {
      ByteBuffer b;
      try {
        b = full.take();
      } catch (InterruptedException e) {
        failure = new InterruptedIOException("output writer interrupted");
        return;
      }
      if (b == END) {
        return;
      }
      if (failure == null) {
        try {
          while (b.hasRemaining()) {
            channel.write(b);
          }
        } catch (IOException | RuntimeException e) {
          failure = new IOException("cannot write " + name + ": " + e.getMessage(), e);
        }
      }
      b.clear();
      free.add(b);
      synchronized (lock) {
        inFlight--;
        lock.notifyAll();
      }
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    while (len > 0) {
      if (current == null) {
        current = take();
      }
      int n = Math.min(len, current.remaining());
      current.put(b, off, n);
      off += n;
      len -= n;
      if (!current.hasRemaining()) {
        handOff();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    if (current != null && current.position() > 0) {
      handOff();
    }
    synchronized (lock) {
      while (inFlight > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while flushing output");
        }
      }
    }
    rethrow();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      full.add(END);
      boolean drained = false;
      try {
        writer.join();
        drained = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (drained) {
        // every buffer handed off is back; the stream is closed and never touches them again
        for (ByteBuffer b = free.poll(); b != null; b = free.poll()) {
          release(b);
        }
      }
      channel.close();
    }
  }

  /** Keeps a buffer for a later stream, unless the pool is full. */
  private static void release(ByteBuffer b) {
    if (POOLED.incrementAndGet() <= MAX_POOLED) {
      b.clear();
      POOL.add(b);
    } else {
      POOLED.decrementAndGet();
    }
  }

  /** A buffer from the pool, or a new one. */
  private static ByteBuffer acquire() {
    ByteBuffer b = POOL.poll();
    if (b != null) {
      POOLED.decrementAndGet();
      return b;
    }
    return ByteBuffer.allocateDirect(BUFFER_BYTES);
  }

  /** Returns the number of buffers the pool holds (tests). */
  static int pooled() {
    return POOL.size();
  }

  private ByteBuffer take() throws IOException {
    rethrow();
    ByteBuffer ready = free.poll();
    if (ready != null) {
      return ready;
    }
    if (allocated < BUFFERS) { // buffers are taken as needed: a small output uses one
      allocated++;
      return acquire();
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing output");
    }
  }

  private void handOff() throws IOException {
    ByteBuffer b = current;
    current = null;
    b.flip();
    synchronized (lock) {
      inFlight++;
    }
    full.add(b);
    rethrow();
  }

  private void rethrow() throws IOException {
    IOException e = failure;
    if (e != null) {
      throw e;
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
  }
}
