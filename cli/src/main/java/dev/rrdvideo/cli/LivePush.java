package dev.rrdvideo.cli;

import dev.rrdvideo.format.RrdReadOptions;
import dev.rrdvideo.format.RrdReader;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code convert IN - --connect URL}: the output stream of a conversion, whose recording bytes are
 * read back as messages on a second thread and pushed to a running message proxy as they come (the
 * conversion writes a recording as it goes, so a raw stream piped into {@code convert} shows up in
 * the viewer while it is being read). The messages go out as they are in the recording: {@code
 * ArrowMsg} payloads untouched, store infos written again by a writer with the conversion's target.
 *
 * <p>Between the two threads sit at most {@link #BLOCKS} buffers of {@link #BLOCK_BYTES}, reused; a
 * buffer is handed over when full, and what a write leaves in one is handed over when the write
 * returns, so that a slow producer's messages are never held back until its next write. {@link
 * #close()} ends the stream, waits until the proxy has answered and throws what went wrong; a
 * failure of the pushing thread (the proxy refused a message or went away) also fails the next
 * write.
 */
final class LivePush extends OutputStream {
  /** Size of one buffer handed from the conversion to the pushing thread. */
  static final int BLOCK_BYTES = 64 << 10;

  /** Buffers in flight (4 MiB). */
  static final int BLOCKS = 64;

  private static final ByteBuffer END = ByteBuffer.allocate(0);
  private static final long POLL_MILLIS = 100;

  private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BLOCKS + 1);
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BLOCKS);
  private final LiveSession session;
  private final String url;
  private final Thread pusher;
  private int allocated;
  private ByteBuffer current;
  private volatile Throwable failure;
  private long messages;
  private boolean closed;

  private LivePush(LiveSession session, String url, RrdWriteOptions options) {
    this.session = session;
    this.url = url;
    this.pusher = new Thread(() -> push(options), "rrdvideo-push");
    pusher.setDaemon(true);
    pusher.start();
  }

  /**
   * Connects to the proxy at {@code url} and starts the pushing thread.
   *
   * @param options the conversion's write options (its Rerun target)
   * @param err where to say what is pushed where, or {@code null} (quiet)
   * @throws CliException (exit 2) if {@code url} is not a proxy URL
   * @throws IOException (exit 5) if the proxy cannot be reached
   */
  static LivePush open(String url, RrdWriteOptions options, PrintWriter err) throws IOException {
    LiveSession s = LiveSession.connect(url, err);
    return new LivePush(s, LiveSession.parseUrl(url).toString(), options);
  }

  /**
   * Returns this stream as a command's output: committing it closes it (and reports a failure).
   * (Made here, not by the command, so that commands never load this class unless they push.)
   */
  AtomicOutput output() {
    return AtomicOutput.direct(this);
  }

  /** Checks a {@code --connect} value (exit 2 if it is not a proxy URL), connecting to nothing. */
  static void checkUrl(String url) {
    LiveSession.parseUrl(url);
  }

  private void push(RrdWriteOptions options) {
    Blocks in = new Blocks();
    try {
      try (RrdReader r =
              RrdReader.open(
                  in, RrdReadOptions.builder().sourceName("the converted recording").build());
          RrdWriter w = RrdWriter.open(session.sink(), options)) {
        messages = ServeCommand.replay(r, w, null);
      } // closing the writer ends the call and waits for the proxy's answer
      in.drain(); // a footer after the last message
    } catch (Throwable t) {
      failure = t;
      try {
        session.close();
      } catch (IOException | RuntimeException e) {
        t.addSuppressed(e);
      }
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    while (len > 0) {
      if (current == null) {
        current = takeFree();
      }
      int n = Math.min(len, current.remaining());
      current.put(b, off, n);
      off += n;
      len -= n;
      if (!current.hasRemaining()) {
        handOver();
      }
    }
    if (current != null && current.position() > 0) {
      // handed over at once, whether or not the pushing thread is waiting now: testing that it
      // waits raced with it starting to wait, and a message's tail could then sit here until the
      // next write
      handOver();
    }
  }

  @Override
  public void flush() throws IOException {
    if (current != null && current.position() > 0) {
      handOver();
    }
    check();
  }

  /**
   * Ends the recording, waits until everything was pushed and the proxy answered.
   *
   * @throws IOException if pushing failed (the proxy refused a message, or could not be reached)
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    flush();
    closed = true;
    put(END);
    try {
      pusher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while pushing to " + url);
    }
    check();
  }

  /** Returns what was pushed where, once {@link #close()} returned. */
  String summary() {
    return "pushed " + messages + " messages to " + url;
  }

  private void handOver() throws IOException {
    current.flip();
    put(current);
    current = null;
  }

  private ByteBuffer takeFree() throws IOException {
    ByteBuffer b = free.poll();
    if (b != null) {
      return b;
    }
    if (allocated < BLOCKS) {
      allocated++;
      return ByteBuffer.allocate(BLOCK_BYTES);
    }
    try {
      while ((b = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
        check();
      }
      return b;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while pushing to " + url);
    }
  }

  private void put(ByteBuffer b) throws IOException {
    try {
      while (!full.offer(b, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        check();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while pushing to " + url);
    }
  }

  private void check() throws IOException {
    Throwable f = failure;
    if (f instanceof IOException e) {
      throw e;
    } else if (f instanceof RuntimeException e) {
      throw e;
    } else if (f instanceof Error e) {
      throw e;
    } else if (f != null) {
      throw new IOException(f);
    }
  }

  /** The pushing thread's side: the buffers as one stream. */
  private final class Blocks extends InputStream {
    private ByteBuffer at;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!next()) {
        return -1;
      }
      int n = Math.min(len, at.remaining());
      at.get(b, off, n);
      return n;
    }

    /** Makes {@code at} a buffer with bytes left; false at the end of the stream. */
    private boolean next() throws IOException {
      while (at == null || !at.hasRemaining()) {
        if (ended) {
          return false;
        }
        if (at != null) {
          at.clear();
          free.offer(at);
          at = null;
        }
        ByteBuffer b;
        try {
          b = full.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted");
        }
        if (b == END) {
          ended = true;
          return false;
        }
        at = b;
      }
      return true;
    }

    /** Reads and drops what is left up to the end of the stream. */
    void drain() throws IOException {
      while (next()) {
        at.position(at.limit());
      }
    }
  }
}
