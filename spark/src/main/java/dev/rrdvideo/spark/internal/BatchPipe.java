package dev.rrdvideo.spark.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Hands rows from the push-based scanner (producer thread) to Spark's pull-based reader (task
 * thread) as columnar batches, with bounded memory: at most {@value #POOL} batches of up to {@value
 * #BATCH_ROWS} rows (fewer when their text reaches {@value #BATCH_TEXT_BYTES} bytes) exist; the
 * producer blocks while they are all full or in use. Batches are reused, so a steady scan allocates
 * nothing per row (ASCII text is encoded through a scratch buffer).
 */
final class BatchPipe implements RowSink {
  static final int BATCH_ROWS = 4096;
  static final long BATCH_TEXT_BYTES = 8L << 20;
  static final int POOL = 3;

  /** Thrown in the producer when the consumer closed the pipe. */
  static final class Cancelled extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("scan cancelled: the reader was closed");
    }
  }

  /** The end of the rows, or the failure that ended them. */
  private record End(Throwable failure) {}

  /** One reusable batch. */
  static final class Batch {
    final OnHeapColumnVector[] vectors;
    final ColumnarBatch batch;

    Batch(StructType schema) {
      this.vectors = OnHeapColumnVector.allocateColumns(BATCH_ROWS, schema);
      this.batch = new ColumnarBatch(vectors.clone());
    }
  }

  private final StructType schema;
  private final ArrayBlockingQueue<Object> ready = new ArrayBlockingQueue<>(POOL + 1);
  private final ArrayBlockingQueue<Batch> free = new ArrayBlockingQueue<>(POOL);
  private volatile boolean cancelled;
  private int created;
  private Batch filling;
  private int row;
  private long textBytes;
  private int pathPos = -1;
  private String path;
  private byte[] pathBytes;
  private byte[] scratch = new byte[256];
  private Batch current;
  private long waitNanos;

  BatchPipe(StructType schema) {
    this.schema = schema;
  }

  // ---- producer side

  /** Sets the {@code path} column (at {@code pos}, or -1 when not selected) of the next rows. */
  void path(int pos, String path) {
    this.pathPos = pos;
    this.path = path;
    this.pathBytes = path.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void beginRow() throws IOException {
    if (cancelled) {
      throw new Cancelled();
    }
    if (filling == null) {
      filling = takeFree();
    }
    if (pathPos >= 0) {
      filling.vectors[pathPos].putByteArray(row, pathBytes, 0, pathBytes.length);
      textBytes += pathBytes.length;
    }
  }

  private Batch takeFree() throws IOException {
    Batch b = free.poll();
    if (b == null) {
      if (created < POOL) {
        created++;
        return new Batch(schema);
      }
      long t0 = System.nanoTime();
      try {
        b = free.take();
        waitNanos += System.nanoTime() - t0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancelled();
      }
    }
    for (OnHeapColumnVector v : b.vectors) {
      v.reset();
    }
    return b;
  }

  @Override
  public void string(int pos, String v) {
    int n = v.length();
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, scratch.length * 2)];
    }
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      scratch[i] = (byte) c;
    }
    WritableColumnVector col = filling.vectors[pos];
    if (ascii) {
      col.putByteArray(row, scratch, 0, n);
      textBytes += n;
    } else {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      col.putByteArray(row, b, 0, b.length);
      textBytes += b.length;
    }
  }

  @Override
  public void int64(int pos, long v) {
    filling.vectors[pos].putLong(row, v);
  }

  @Override
  public void int32(int pos, int v) {
    filling.vectors[pos].putInt(row, v);
  }

  @Override
  public void bool(int pos, boolean v) {
    filling.vectors[pos].putBoolean(row, v);
  }

  @Override
  public void float64(int pos, double v) {
    filling.vectors[pos].putDouble(row, v);
  }

  @Override
  public void absent(int pos) {
    filling.vectors[pos].putNull(row);
  }

  @Override
  public void endRow() throws IOException {
    row++;
    if (row == BATCH_ROWS || textBytes >= BATCH_TEXT_BYTES) {
      handOff();
    }
  }

  private void handOff() throws IOException {
    filling.batch.setNumRows(row);
    put(filling);
    filling = null;
    row = 0;
    textBytes = 0;
  }

  private void put(Object o) throws IOException {
    if (ready.offer(o)) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      ready.put(o);
      waitNanos += System.nanoTime() - t0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    }
  }

  /** Hands the last rows and the end to the consumer. */
  void finish() throws IOException {
    if (filling != null && row > 0) {
      handOff();
    }
    put(new End(null));
  }

  /**
   * Hands a failure to the consumer (rows already handed over stay valid). Never blocks: at most
   * {@value #POOL} batches are queued, and the queue holds one more element.
   */
  void fail(Throwable t) {
    ready.offer(new End(t));
  }

  /** Returns the time the producer waited for the consumer so far, in nanoseconds. */
  long waitNanos() {
    return waitNanos;
  }

  // ---- consumer side

  /**
   * Returns the next batch, or null at the end; the batch returned before goes back to the pool
   * (Spark is done with a batch when it asks for the next one).
   *
   * @throws IOException the producer's failure
   */
  ColumnarBatch next() throws IOException {
    if (current != null) {
      free.offer(current);
      current = null;
    }
    Object o;
    try {
      o = ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for rows");
    }
    if (o instanceof End end) {
      ready.offer(end);
      Throwable t = end.failure();
      if (t == null) {
        return null;
      }
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error err) {
        throw err;
      }
      throw new IOException(t);
    }
    current = (Batch) o;
    return current.batch;
  }

  /** Makes the producer stop at its next row or wait. */
  void cancel() {
    cancelled = true;
  }

  /** Drops the batches (after the producer ended). */
  void close() {
    ready.clear();
    free.clear();
    current = null;
  }
}
