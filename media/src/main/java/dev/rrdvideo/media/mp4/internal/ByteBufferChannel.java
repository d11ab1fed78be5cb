package dev.rrdvideo.media.mp4.internal;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel} over the remaining bytes of a {@link ByteBuffer}, not
 * copied: reads copy only what the caller asks for (a box, a sample) out of the buffer, so a
 * memory-mapped file or an Arrow buffer (an {@code AssetVideo} blob) is read in place. The buffer's
 * own position and limit are never changed. Not thread-safe; the demuxer synchronizes its reads.
 */
public final class ByteBufferChannel implements SeekableByteChannel {
  private final ByteBuffer data;
  private final int length;
  private long position;
  private boolean open = true;

  /** Creates a channel over {@code data[position, limit)} (a read-only slice is kept). */
  public ByteBufferChannel(ByteBuffer data) {
    this.data = data.slice().asReadOnlyBuffer();
    this.length = this.data.remaining();
  }

  @Override
  public int read(ByteBuffer dst) throws ClosedChannelException {
    ensureOpen();
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), length - position);
    int from = (int) position;
    dst.put(data.duplicate().position(from).limit(from + n));
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws ClosedChannelException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws ClosedChannelException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws ClosedChannelException {
    ensureOpen();
    return length;
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
