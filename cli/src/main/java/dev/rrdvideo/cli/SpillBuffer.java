package dev.rrdvideo.cli;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What one file of a batch produced, held until it is its turn to be written: in memory up to
 * {@value #MEMORY_BYTES} bytes, then in a temporary file (registered with {@link TempFiles}, so
 * that an interrupted run leaves nothing behind). A batch keeps a bounded number of these pending,
 * so its memory does not grow with the number or the size of the files.
 *
 * <p>Written by one thread, then (after {@link #close()}) read by another: the hand-over goes
 * through a {@code Future}, which orders the two.
 */
final class SpillBuffer extends OutputStream {
  /** Bytes kept in memory before the buffer moves to a file. */
  static final int MEMORY_BYTES = 1 << 20;

  private final int memoryBytes;
  private byte[] bytes = new byte[256];
  private int count;
  private Path file;
  private OutputStream fileOut;
  private long size;

  SpillBuffer() {
    this(MEMORY_BYTES);
  }

  /** A buffer that moves to a file beyond {@code memoryBytes} (tests use small ones). */
  SpillBuffer(int memoryBytes) {
    this.memoryBytes = memoryBytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    size += len;
    if (fileOut != null) {
      fileOut.write(b, off, len);
      return;
    }
    if (count + len > memoryBytes) {
      file = TempFiles.create("rrdvideo-batch-", ".part");
      fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      fileOut.write(bytes, 0, count);
      bytes = null;
      fileOut.write(b, off, len);
      return;
    }
    if (count + len > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(memoryBytes, Math.max(count + len, bytes.length * 2)));
    }
    System.arraycopy(b, off, bytes, count, len);
    count += len;
  }

  @Override
  public void flush() throws IOException {
    if (fileOut != null) {
      fileOut.flush();
    }
  }

  /** Ends writing (the bytes stay readable until {@link #delete()}). */
  @Override
  public void close() throws IOException {
    if (fileOut != null) {
      fileOut.close();
    }
  }

  /** Returns the number of bytes written. */
  long size() {
    return size;
  }

  /** Returns whether the bytes went to a temporary file. */
  boolean spilled() {
    return file != null;
  }

  /** Returns the temporary file the bytes went to, or null. */
  Path file() {
    return file;
  }

  /** Opens the bytes written (after {@link #close()}). */
  InputStream open() throws IOException {
    return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(bytes, 0, count);
  }

  /** Copies the bytes written to {@code out}. */
  void copyTo(OutputStream out) throws IOException {
    if (file == null) {
      out.write(bytes, 0, count);
    } else {
      try (InputStream in = open()) {
        in.transferTo(out);
      }
    }
  }

  /** Forgets the bytes and deletes the temporary file, if any. */
  void delete() throws IOException {
    bytes = null;
    count = 0;
    if (file != null) {
      try {
        close();
      } finally {
        TempFiles.delete(file);
        file = null;
      }
    }
  }
}
